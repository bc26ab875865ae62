/**
 * The "Copy chase email" text: polite, specific, and with nothing about the
 * victim: only what identifies the perpetrator's case to his RO.
 */
import type { ChaseListRow } from './case-views';
import { formatDateLong } from './uk-dates';

export function chaseEmail(
  row: Pick<ChaseListRow, 'caseRef' | 'crn' | 'roName' | 'sentenceDate' | 'daysOverdue' | 'chases' | 'lastChaseDate'>,
  fromName: string,
  roleTitle: 'PLW' | 'DASO',
  today: string,
): { subject: string; body: string } {
  const role = roleTitle === 'DASO' ? 'Domestic Abuse Safety Officer' : 'Partner Link Worker';
  const who = row.crn ? `CRN ${row.crn}` : `our case ${row.caseRef}`;
  const greeting = row.roName ? `Dear ${row.roName},` : 'Dear colleague,';
  // Workers log a chase before or after sending it: one logged today is this email, not the one before it.
  const thisRequest = row.lastChaseDate === today ? row.chases : row.chases + 1;
  const again = thisRequest > 1 ? ` This is our ${ordinal(thisRequest)} request.` : '';
  return {
    subject: `Partner link referral needed: ${who} (our ref ${row.caseRef})`,
    body: [
      greeting,
      '',
      `We have not yet received a partner link referral for ${who}, sentenced on ${formatDateLong(row.sentenceDate)}. The referral is now ${row.daysOverdue} day${row.daysOverdue === 1 ? '' : 's'} overdue.${again}`,
      '',
      'Please send the referral as soon as you can, so that we can contact the victim and offer support and safety planning. If the referral has already been sent, or there is a reason it cannot be made, please let us know.',
      '',
      `Our reference: ${row.caseRef}`,
      '',
      'Thank you,',
      fromName,
      role,
    ].join('\n'),
  };
}

function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth'];
  return words[n - 1] ?? `${n}th`;
}

/**
 * After repeated chases: the email to the RO's manager, naming the chases made (dates only)
 * and, like the chase itself, nothing about the victim.
 */
export function escalationEmail(
  row: Pick<ChaseListRow, 'caseRef' | 'crn' | 'roName' | 'sentenceDate' | 'daysOverdue' | 'chases' | 'lastChaseDate'>,
  fromName: string,
  roleTitle: 'PLW' | 'DASO',
  today: string,
): { subject: string; body: string } {
  const role = roleTitle === 'DASO' ? 'Domestic Abuse Safety Officer' : 'Partner Link Worker';
  const who = row.crn ? `CRN ${row.crn}` : `our case ${row.caseRef}`;
  const officer = row.roName ? `the responsible officer, ${row.roName}` : 'the responsible officer';
  const last = row.lastChaseDate ? `, most recently on ${formatDateLong(row.lastChaseDate)}` : '';
  return {
    subject: `Escalation: partner link referral still missing for ${who} (our ref ${row.caseRef})`,
    body: [
      'Dear colleague,',
      '',
      `I am writing to you as the manager of ${officer}. We have asked ${row.chases === 1 ? 'once' : `${row.chases} times`} for a partner link referral for ${who}, sentenced on ${formatDateLong(row.sentenceDate)}${last}, and have not received it. The referral is now ${row.daysOverdue} day${row.daysOverdue === 1 ? '' : 's'} overdue${today ? ` as of ${formatDateLong(today)}` : ''}.`,
      '',
      'Without the referral we cannot contact the victim to offer support and safety planning. Please make sure it is sent, or let us know if there is a reason it cannot be made.',
      '',
      `Our reference: ${row.caseRef}`,
      '',
      'Thank you,',
      fromName,
      role,
    ].join('\n'),
  };
}
