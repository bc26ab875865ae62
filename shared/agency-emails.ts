/**
 * Ready emails about other agencies' part: chasing an unanswered police or children's social care
 * check, and escalating to the RO's manager a risk share or liaison left unanswered. Like the
 * referral chase, nothing about the victim: only our reference, his CRN and the dates.
 */
import { CHECK_AGENCIES, type CheckAgency } from './agency-reference';
import { email, ordinal, type Email } from './chase-email';
import { formatDateLong } from './uk-dates';
import type { RoleTitle } from './role-title';

interface CheckFacts {
  caseRef: string;
  crn: string | null;
  agency: CheckAgency;
  requestedDate: string;
  requestedFrom: string | null;
  /** Chases already logged; one logged today is this email. */
  chaseDates: string[];
}

export function agencyCheckChaseEmail(check: CheckFacts, fromName: string, roleTitle: RoleTitle, today: string): Email {
  const what = CHECK_AGENCIES.labels[check.agency].toLowerCase();
  const request = check.chaseDates.includes(today) ? check.chaseDates.length + 1 : check.chaseDates.length + 2;
  const who = check.crn ? `CRN ${check.crn}` : `our case ${check.caseRef}`;
  return email(`Check still needed: ${what} for ${who} (our ref ${check.caseRef})`, check, fromName, roleTitle, [
    check.requestedFrom ? `Dear ${check.requestedFrom},` : 'Dear colleague,',
    `On ${formatDateLong(check.requestedDate)} we asked for a ${what} check for ${who}. We have not had a reply yet. This is our ${ordinal(request)} request.`,
    'The check helps us keep the people at risk safe. Please reply as soon as you can, or let us know if it cannot be done.',
  ]);
}

interface EscalationFacts {
  caseRef: string;
  crn: string | null;
  roName: string | null;
  /** The risk event's date (a risk share) or the date information was shared (liaison). */
  since: string;
}

/** A risk event not shared with the RO by its due date: to the RO's manager. */
export function riskShareEscalationEmail(facts: EscalationFacts, fromName: string, roleTitle: RoleTitle): Email {
  const who = facts.crn ? `CRN ${facts.crn}` : `our case ${facts.caseRef}`;
  const officer = facts.roName ? `the responsible officer, ${facts.roName}` : 'the responsible officer';
  return email(`Escalation: risk information to share for ${who} (our ref ${facts.caseRef})`, facts, fromName, roleTitle, [
    'Dear colleague,',
    `I am writing to you as the manager of ${officer}. We have risk information about ${who}, from ${formatDateLong(facts.since)}, that we have not been able to share with the responsible officer.`,
    'Please make sure the responsible officer contacts us today, or let us know who we should speak to instead.',
  ]);
}

/** Information shared with the RO that nobody has acknowledged: to the RO's manager. */
export function liaisonEscalationEmail(facts: EscalationFacts, fromName: string, roleTitle: RoleTitle): Email {
  const who = facts.crn ? `CRN ${facts.crn}` : `our case ${facts.caseRef}`;
  const officer = facts.roName ? `the responsible officer, ${facts.roName}` : 'the responsible officer';
  return email(
    `Escalation: information shared on ${formatDateLong(facts.since)} not acknowledged for ${who} (our ref ${facts.caseRef})`,
    facts,
    fromName,
    roleTitle,
    [
      'Dear colleague,',
      `I am writing to you as the manager of ${officer}. On ${formatDateLong(facts.since)} we shared risk information about ${who}, and nobody has acknowledged it.`,
      'Please make sure it has been read and acted on, and let us know.',
    ],
  );
}
