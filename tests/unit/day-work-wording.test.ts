/**
 * Issue 18's defects that live in shared rules and words: each test here failed before its fix.
 * (Defects 1, 6, 7 and 12; the screens' own defects are in tests/e2e/day-work.e2e.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { chaseEmail } from '../../shared/chase-email';
import { nameKey, namesClose, sameName, tidyName } from '../../shared/person-names';
import { outcomeFitsMethod } from '../../shared/reference-data';
import { unsafeContactRules, type SafeContactProfile } from '../../shared/safe-contact';
import { figureText, needFixing, plural } from '../../shared/wording';

const profile = (rule: Partial<SafeContactProfile>): SafeContactProfile => ({
  noVoicemail: false,
  noLetters: false,
  noTexts: false,
  safeAddress: 'A safe address',
  doNotContactVia: null,
  noContactAtAll: false,
  ...rule,
});
const viaRule = (p: SafeContactProfile, withWhom: string) =>
  unsafeContactRules(p, { method: 'phone', outcome: 'spoke_to_victim', withWhom }).map((r) => r.rule);

describe('defect 1: "do not contact via" matches the person, not the exact text', () => {
  it('a rule written "Karen Wood (his sister)" stops a contact with "Karen Wood"', () => {
    expect(viaRule(profile({ doNotContactVia: 'Karen Wood (his sister)' }), 'Karen Wood')).toEqual(['do_not_contact_via']);
  });

  it('ignores case, accents and punctuation, and the person is named apart from who they are', () => {
    const rule = profile({ doNotContactVia: 'Zoë O’Brien-Hart', doNotContactViaAbout: 'his mother' });
    expect(viaRule(rule, 'zoe obrien hart')).toEqual(['do_not_contact_via']);
    expect(viaRule(rule, 'ZOË O’BRIEN-HART (mum)')).toEqual(['do_not_contact_via']);
    expect(unsafeContactRules(rule, { method: 'phone', withWhom: 'Zoe OBrien-Hart' })[0]!.message).toBe(
      'Do not contact the victim via Zoë O’Brien-Hart (his mother).',
    );
    expect(viaRule(rule, 'PC Hartley, Blackburn police')).toEqual([]);
    expect(viaRule(rule, 'IDVA')).toEqual([]);
  });
});

describe('defect 6: one normaliser for names everywhere', () => {
  it('"priya  shah", " Priya Shah" and "PRIYA-SHAH" are one person', () => {
    expect(tidyName('  priya  shah ')).toBe('priya shah');
    expect(sameName('priya  shah', 'Priya Shah')).toBe(true);
    expect(sameName('PRIYA-SHAH', 'Priya Shah')).toBe(true);
    expect(sameName('Zoë Núñez', 'zoe nunez')).toBe(true);
    expect(nameKey('  ')).toBe('');
    expect(sameName('', '')).toBe(false);
  });

  it("a name a letter or two from a worker's, or their words swapped, is close; another name is not", () => {
    expect(namesClose('Priya Shaw', 'Priya Shah')).toBe(true);
    expect(namesClose('Shah Priya', 'Priya Shah')).toBe(true);
    expect(namesClose('Priya Shah', 'priya  shah')).toBe(false); // the same person, not a near miss
    expect(namesClose('Tom Worker', 'Priya Shah')).toBe(false);
    expect(namesClose('Jo Bell', 'Jo Bull')).toBe(true);
    expect(namesClose('Jo Bell', 'Al Bull')).toBe(false);
  });
});

describe('defect 7: the chase email counts the request it is', () => {
  const row = { caseRef: 'EL-1', crn: 'X123456', roName: 'Jo Bloggs', sentenceDate: '2026-10-01', daysOverdue: 20 };
  const says = (chases: number, lastChaseDate: string | null) => chaseEmail({ ...row, chases, lastChaseDate }, 'Priya Shah', 'PLW', '2026-11-24').body;

  it('logged first and then sent: the chase logged today is this email', () => {
    expect(says(1, '2026-11-24')).not.toMatch(/request\./);
    expect(says(2, '2026-11-24')).toContain('This is our second request.');
  });

  it('sent before it is logged: this email is the next one', () => {
    expect(says(0, null)).not.toMatch(/request\./);
    expect(says(1, '2026-11-17')).toContain('This is our second request.');
    expect(says(2, '2026-11-17')).toContain('This is our third request.');
  });
});

describe('defect 12: words', () => {
  it('one and many', () => {
    expect(plural(1, 'order')).toBe('1 order');
    expect(plural(2, 'order')).toBe('2 orders');
    expect(plural(1200, 'case')).toBe('1,200 cases');
    expect(plural(1, 'child', 'children')).toBe('1 child');
    expect(needFixing(1)).toBe('1 row needs fixing');
    expect(needFixing(3)).toBe('3 rows need fixing');
  });

  it('a percentage with nothing to measure says so, not "None"', () => {
    expect(figureText('referral_on_time_pct', null)).toBe('Nothing to measure');
    expect(figureText('referral_on_time_pct', 80)).toBe('80%');
    expect(figureText('contacts', 1234)).toBe('1,234');
  });
});

describe('defect 13 (the rule the demo must follow): outcomes that fit the method', () => {
  it('nobody is spoken to by letter, and a home visit returns no mail', () => {
    expect(outcomeFitsMethod('letter', 'spoke_to_victim')).toBe(false);
    expect(outcomeFitsMethod('home_visit', 'returned_mail')).toBe(false);
    expect(outcomeFitsMethod('letter', 'returned_mail')).toBe(true);
    expect(outcomeFitsMethod('phone', 'voicemail_left')).toBe(true);
  });
});
