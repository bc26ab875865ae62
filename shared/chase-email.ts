/**
 * The ready emails for a late referral: the chase to the RO and, after repeated chases, the
 * escalation to the RO's manager. Polite, specific, and with nothing about the victim: only
 * what identifies the perpetrator's case.
 */
import type { ChaseListRow } from './case-views';
import { formatDateLong } from './uk-dates';
import { roleTitleWords, type RoleTitle } from './role-title';

type ChaseFacts = Pick<ChaseListRow, 'caseRef' | 'crn' | 'roName' | 'sentenceDate' | 'daysOverdue' | 'chases' | 'lastChaseDate'>;
export type Email = { subject: string; body: string };

export function chaseEmail(row: ChaseFacts, fromName: string, roleTitle: RoleTitle, today: string): Email {
  const who = caseNamed(row);
  // Workers log a chase before or after sending it: one logged today is this email, not the one before it.
  const thisRequest = row.lastChaseDate === today ? row.chases : row.chases + 1;
  const again = thisRequest > 1 ? ` This is our ${ordinal(thisRequest)} request.` : '';
  return email(`Partner link referral needed: ${who} (our ref ${row.caseRef})`, row, fromName, roleTitle, [
    row.roName ? `Dear ${row.roName},` : 'Dear colleague,',
    `We have not yet received a partner link referral for ${who}, sentenced on ${formatDateLong(row.sentenceDate)}. The referral is now ${overdue(row)}.${again}`,
    'Please send the referral as soon as you can, so that we can contact the victim and offer support and safety planning. If the referral has already been sent, or there is a reason it cannot be made, please let us know.',
  ]);
}

/** After repeated chases: to the RO's manager, saying how many chases were made and the last one's date. */
export function escalationEmail(row: ChaseFacts, fromName: string, roleTitle: RoleTitle, today: string): Email {
  const who = caseNamed(row);
  const officer = row.roName ? `the responsible officer, ${row.roName}` : 'the responsible officer';
  const last = row.lastChaseDate ? `, most recently on ${formatDateLong(row.lastChaseDate)}` : '';
  const asOf = today ? ` as of ${formatDateLong(today)}` : '';
  return email(`Escalation: partner link referral still missing for ${who} (our ref ${row.caseRef})`, row, fromName, roleTitle, [
    'Dear colleague,',
    `I am writing to you as the manager of ${officer}. We have asked ${row.chases === 1 ? 'once' : `${row.chases} times`} for a partner link referral for ${who}, sentenced on ${formatDateLong(row.sentenceDate)}${last}, and have not received it. The referral is now ${overdue(row)}${asOf}.`,
    'Without the referral we cannot contact the victim to offer support and safety planning. Please make sure it is sent, or let us know if there is a reason it cannot be made.',
  ]);
}

const caseNamed = (row: ChaseFacts) => (row.crn ? `CRN ${row.crn}` : `our case ${row.caseRef}`);
const overdue = (row: ChaseFacts) => `${row.daysOverdue} day${row.daysOverdue === 1 ? '' : 's'} overdue`;

/** Paragraphs a blank line apart, then the reference and the sender's name and role. */
export function email(subject: string, row: Pick<ChaseFacts, 'caseRef'>, fromName: string, roleTitle: RoleTitle, paragraphs: string[]): Email {
  const role = roleTitleWords(roleTitle);
  return { subject, body: [...paragraphs, `Our reference: ${row.caseRef}`, ['Thank you,', fromName, role].join('\n')].join('\n\n') };
}

export function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth'];
  return words[n - 1] ?? `${n}th`;
}
