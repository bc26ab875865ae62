/**
 * The "Copy chase email" text: polite, specific, and with nothing about the
 * victim: only what identifies the perpetrator's case to his RO.
 */
import type { ChaseListRow } from './case-views';
import { formatDateLong } from './uk-dates';

export function chaseEmail(
  row: Pick<ChaseListRow, 'caseRef' | 'crn' | 'roName' | 'sentenceDate' | 'daysOverdue' | 'chases'>,
  fromName: string,
  roleTitle: 'PLW' | 'DASO',
): { subject: string; body: string } {
  const role = roleTitle === 'DASO' ? 'Domestic Abuse Safety Officer' : 'Partner Link Worker';
  const who = row.crn ? `CRN ${row.crn}` : `our case ${row.caseRef}`;
  const greeting = row.roName ? `Dear ${row.roName},` : 'Dear colleague,';
  const again = row.chases > 0 ? ` This is our ${ordinal(row.chases + 1)} request.` : '';
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
