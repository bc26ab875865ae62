import { describe, expect, it } from 'vitest';
import { passphraseProblem } from '../../shared/passphrase-rules';
import { formatDateLong, formatDateShort } from '../../shared/uk-dates';

describe('passphrase rule', () => {
  it('needs 12 characters or more, counting what a person sees', () => {
    expect(passphraseProblem('')).toBe('Enter a passphrase');
    expect(passphraseProblem('elevenchars')).toBe('Passphrase must be 12 characters or more');
    expect(passphraseProblem('twelve chars')).toBeNull();
    expect(passphraseProblem('🔒🔒🔒🔒🔒🔒')).toBe('Passphrase must be 12 characters or more');
  });
});

describe('UK dates', () => {
  it('writes dates the GOV.UK way, in London time whatever the machine zone', () => {
    expect(formatDateLong('2026-11-24')).toBe('24 November 2026');
    expect(formatDateShort('2026-11-24')).toBe('24 Nov 2026');
    // 23:30 UTC on 31 March is already 1 April in London (BST).
    expect(formatDateShort('2026-03-31T23:30:00Z')).toBe('1 Apr 2026');
  });
});

import { neutraliseFormula } from '../../shared/spreadsheet-safety';

describe('spreadsheet formula injection', () => {
  it('text that a spreadsheet would run is shown as text instead', () => {
    expect(['=HYPERLINK("http://x","click")', '+44 7700', '-1+1', '@SUM(A1)', '\tx', 'Safe text', 42, null].map(neutraliseFormula)).toEqual([
      '\'=HYPERLINK("http://x","click")',
      "'+44 7700",
      "'-1+1",
      "'@SUM(A1)",
      "'\tx",
      'Safe text',
      42,
      null,
    ]);
  });

  it('and so is its look-alike: full-width, small forms, the minus sign, after spaces or invisible characters', () => {
    const lookAlikes = [
      '\uff1dHYPERLINK("http://x")',
      '\uff0b1',
      '\uff0d1',
      '\uff20SUM(A1)',
      '\ufe66 1+1',
      '\ufe621',
      '\ufe631',
      '\ufe6bA1',
      '\u22121+1',
      '  =1+1',
      '\u00a0=1',
      '\u200b=1',
      '\ufeff@A1',
      '\nx',
    ];
    for (const text of lookAlikes) expect(neutraliseFormula(text)).toBe(`'${text}`);
    // Ordinary text with those characters later on is left alone.
    for (const text of ['Ana Núñez', 'Flat 2 = top floor', 'Ｔｏｋｙｏ', '07700 900123', 'a-b']) expect(neutraliseFormula(text)).toBe(text);
  });
});
