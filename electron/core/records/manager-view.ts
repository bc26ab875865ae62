/**
 * What a manager sees of a case: the work (timers, contacts made, orders, risk), never how
 * to reach the victim, nor what a sensitive contact says. One place for the rule, applied
 * to every channel that carries a case's details, so no screen or export can leak by
 * forgetting it.
 */
import type { CaseDetail } from '../../../shared/case-views';
import type { SafetyView } from '../../../shared/record-views';

/** The victim's contact details on the case's own record. */
const CASE_CONTACT_FIELDS = ['victimPhone', 'victimEmail', 'victimAddress', 'victimPostcode', 'safeContactNotes'] as const;
/** And on the safe-contact profile: how, where, when and through whom to reach her. */
const PROFILE_CONTACT_FIELDS = ['safePhone', 'safeEmail', 'safeAddress', 'safeTimes', 'doNotContactVia', 'doNotContactViaAbout', 'safeContactNotes'] as const;

export function caseDetailForManager<T extends CaseDetail & { summary: { doNotContactVia: string | null; doNotContactViaAbout: string | null } }>(
  detail: T,
): T {
  const fields = { ...detail.fields };
  for (const field of CASE_CONTACT_FIELDS) fields[field] = null;
  return { ...detail, fields, summary: { ...detail.summary, doNotContactVia: null, doNotContactViaAbout: null } };
}

export function safetyForManager(view: SafetyView): SafetyView {
  const profile = { ...view.profile };
  for (const field of PROFILE_CONTACT_FIELDS) profile[field] = null;
  return { ...view, profile };
}
