/** A tracker workbook for import tests: hand-checked cases first, then enough ordinary rows to pass 200. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { WORKBOOK } from '../../electron/core/import/workbook-format';

type Row = Record<string, string>;

export interface Fixture {
  cases: Row[];
  contacts: Row[];
  orders: Row[];
  chases: Row[];
}

/** Dates are hand-checked against docs/timers.md for an as-of date of 2026-11-24. */
export const HAND_CHECKED: Row[] = [
  // Referral met on time; first contact met by an unanswered call.
  {
    case_ref: 'HC-A',
    plw: 'Priya Shah',
    victim_name: 'Alice Ashworth',
    perpetrator_name: 'Adam Ashworth',
    crn: 'A100001',
    sentence_date: '2026-11-02',
    referral_received_date: '06/11/2026',
    ro_name: 'Jo Bloggs',
  },
  // No referral: due 17 Nov, overdue on the 24th.
  { case_ref: 'HC-B', plw: 'Priya Shah', victim_name: 'Bea Brennan', perpetrator_name: 'Ben Brennan', crn: 'B100002', sentence_date: '2026-11-10' },
  // An order expiring 15 Dec: due soon from 17 Nov.
  {
    case_ref: 'HC-C',
    plw: 'Tom Worker',
    victim_name: 'Cara Clarke',
    perpetrator_name: 'Carl Clarke',
    sentence_date: '2026-10-01',
    referral_received_date: '2026-10-05',
  },
  // Referral on 20 Nov: first contact due 27 Nov, pending on the 24th.
  {
    case_ref: 'HC-D',
    plw: 'Tom Worker',
    victim_name: 'Dee Duckworth',
    perpetrator_name: 'Dan Duckworth',
    sentence_date: '2026-11-16',
    referral_received_date: '2026-11-20',
  },
  // Closed before the referral came: closed_unmet, never overdue.
  {
    case_ref: 'HC-E',
    plw: 'Priya Shah',
    victim_name: 'Eve Entwistle',
    perpetrator_name: 'Ed Entwistle',
    sentence_date: '2026-10-01',
    case_closed_date: '2026-11-01',
  },
  // Left the programme early (breach) on 19 Nov: exit contact due 2 working days later, 23 Nov.
  {
    case_ref: 'HC-F',
    plw: 'Priya Shah',
    victim_name: 'Fay Fielding',
    perpetrator_name: 'Finn Fielding',
    sentence_date: '2026-06-01',
    referral_received_date: '2026-06-03',
    programme_status: 'breach',
    programme_start_date: '2026-08-01',
    programme_end_date: '2026-11-19',
    programme_outcome: 'breach',
    flags: 'ADVV;IMAR',
  },
];

export function makeFixture(): Fixture {
  const cases: Row[] = [...HAND_CHECKED];
  for (let i = 1; cases.length < 80; i++) {
    cases.push({
      case_ref: `GEN-${String(i).padStart(3, '0')}`,
      plw: i % 3 ? 'Priya Shah' : 'Sam New',
      victim_name: `Victim ${i}`,
      perpetrator_name: `Perpetrator ${i}`,
      crn: `X${String(200000 + i)}`,
      victim_phone: `07700 900${String(i).padStart(3, '0')}`,
      victim_postcode: `ZZ${(i % 90) + 1} 1AB`,
      sentence_date: `2026-0${(i % 9) + 1}-1${i % 10}`,
      sentence_type: 'community order',
      requirement: 'BBR',
      referral_received_date: `2026-0${(i % 9) + 1}-2${i % 8}`,
      risk_to_victim: ['low', 'medium', 'high', 'very high'][i % 4]!,
      no_voicemail: i % 2 ? 'yes' : 'no',
    });
  }
  const contacts: Row[] = [{ case_ref: 'HC-A', date: '2026-11-12', method: 'phone', outcome: 'no answer' }];
  for (let i = 1; contacts.length < 70; i++) {
    contacts.push({
      case_ref: `GEN-${String((i % 70) + 1).padStart(3, '0')}`,
      date: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
      time: '10:30',
      method: ['letter', 'phone', 'Text', 'home visit'][i % 4]!,
      outcome: ['spoke to victim', 'no answer', 'letter sent', 'Declined support'][i % 4]!,
      with: i % 10 ? 'victim' : 'IDVA',
    });
  }
  const orders: Row[] = [
    { case_ref: 'HC-C', order_ref: 'RO-1', type: 'restraining order', made_date: '2025-12-15', expiry_date: '2026-12-15', protected: 'victim; children' },
  ];
  for (let i = 1; orders.length < 30; i++) {
    orders.push({
      case_ref: `GEN-${String(i).padStart(3, '0')}`,
      type: ['non-molestation order', 'DVPO', 'DAPO'][i % 3]!,
      made_date: '2026-03-01',
      expiry_date: i % 3 === 2 ? '' : '2027-03-01',
    });
  }
  const chases: Row[] = [{ case_ref: 'HC-B', date: '2026-11-18', to: 'Jo Bloggs', method: 'email' }];
  for (let i = 1; chases.length < 25; i++)
    chases.push({ case_ref: `GEN-${String(i).padStart(3, '0')}`, date: `2026-0${(i % 9) + 1}-2${i % 9}`, method: 'phone' });
  return { cases, contacts, orders, chases };
}

export function rowCount(fixture: Fixture): number {
  return fixture.cases.length + fixture.contacts.length + fixture.orders.length + fixture.chases.length;
}

export async function writeXlsx(fixture: Fixture, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of WORKBOOK) {
    const sheet = workbook.addWorksheet(spec.name);
    const rows = fixture[spec.name];
    const columns = spec.columns
      .map((c) => c.name)
      .filter((name) => rows.some((r) => r[name] !== undefined) || spec.columns.find((c) => c.name === name)!.required);
    sheet.addRow(columns);
    for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? ''));
  }
  await workbook.xlsx.writeFile(path);
}

export function writeCsvFolder(fixture: Fixture, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  for (const spec of WORKBOOK) {
    const rows = fixture[spec.name];
    const columns = spec.columns.map((c) => c.name);
    writeFileSync(join(dir, `${spec.name}.csv`), [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n'));
  }
}
