/**
 * The victim's safe-contact rules, checked before a contact is logged or a letter
 * made. Each broken rule is named, so the warning says exactly what is unsafe.
 */
import { nameWithin } from './person-names';

export interface SafeContactProfile {
  noVoicemail: boolean;
  noLetters: boolean;
  noTexts: boolean;
  safeAddress: string | null;
  /** The person she must not be reached through, by name; who they are is kept apart. */
  doNotContactVia: string | null;
  doNotContactViaAbout?: string | null;
  /** Her engagement is "no contact at all" (docs/model.md): she asked not to be contacted. */
  noContactAtAll: boolean;
}

/** The name in a rule written before the person and the description were apart: "Karen Wood (his sister)". */
function personNamedIn(rule: string): string {
  return rule.replace(/\([^)]*\)?/g, ' ').trim();
}

export interface UnsafeRule {
  rule: 'no_contact_at_all' | 'no_letters' | 'no_safe_address' | 'no_voicemail' | 'no_texts' | 'do_not_contact_via';
  message: string;
}

export function unsafeContactRules(
  profile: SafeContactProfile,
  act: { method: string; outcome?: string | null; withWhom?: string | null; direction?: string | null },
): UnsafeRule[] {
  const broken: UnsafeRule[] = [];
  // Reaching out to her (a call, a letter, a visit); her own call in, or a word with an agency, is not.
  if (profile.noContactAtAll && act.direction !== 'from_victim' && !act.withWhom) {
    broken.push({ rule: 'no_contact_at_all', message: 'She has asked for no contact at all.' });
  }
  if (act.method === 'letter') {
    if (profile.noLetters) broken.push({ rule: 'no_letters', message: 'Letters are not safe for this victim (no letters).' });
    else if (!profile.safeAddress) broken.push({ rule: 'no_safe_address', message: 'No safe address is known for a letter.' });
  }
  if (act.outcome === 'voicemail_left' && profile.noVoicemail)
    broken.push({ rule: 'no_voicemail', message: 'Voicemail is not safe for this victim (no voicemail).' });
  if (act.method === 'text' && profile.noTexts) broken.push({ rule: 'no_texts', message: 'Text messages are not safe for this victim (no texts).' });
  const via = profile.doNotContactVia ? personNamedIn(profile.doNotContactVia) : '';
  if (via && act.withWhom && nameWithin(via, act.withWhom)) {
    const about = profile.doNotContactViaAbout ? ` (${profile.doNotContactViaAbout})` : '';
    broken.push({ rule: 'do_not_contact_via', message: `Do not contact the victim via ${profile.doNotContactVia}${about}.` });
  }
  return broken;
}
