/**
 * The import benchmark's workbook: a demo database written out in the tracker
 * workbook format (docs/workbook.md), as a team would arrive with it: one
 * .xlsx, or the format's other form, a folder of .csv files. Its contacts are
 * topped up to exactly the 1,000,000 with extra calls at distinct times
 * (so none is skipped as a duplicate). Written row by row (ExcelJS's streaming
 * writer, csv-stringify): a million rows never sit in memory at once.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../../electron/core/db/open-database';
import { WORKBOOK } from '../../electron/core/import/workbook-format';

const columnsOf = (sheet: string) => WORKBOOK.find((s) => s.name === sheet)!.columns.map((c) => c.name);
const word = (value: unknown) => (typeof value === 'string' ? value.replace(/_/g, ' ') : value === null || value === undefined ? '' : String(value));
const yesNo = (value: unknown) => (value ? 'yes' : 'no');

/** Where the rows go: a sheet of the workbook, or a .csv file of the folder. */
interface SheetOut {
  add(cells: unknown[]): void;
  done(): void;
}
type Sink = (sheet: string) => SheetOut;

export async function writeBenchWorkbook(db: Db, path: string, contactsWanted: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const counts = writeSheets(db, contactsWanted, (name) => {
    const sheet = workbook.addWorksheet(name);
    return { add: (cells) => sheet.addRow(cells).commit(), done: () => sheet.commit() };
  });
  await workbook.commit();
  return counts;
}

export function writeBenchCsvFolder(db: Db, dir: string, contactsWanted: number) {
  mkdirSync(dir, { recursive: true });
  return writeSheets(db, contactsWanted, (name) => {
    const fd = openSync(join(dir, `${name}.csv`), 'w');
    let buffered: unknown[][] = [];
    const flush = () => {
      writeSync(fd, stringify(buffered));
      buffered = [];
    };
    return {
      add: (cells) => {
        buffered.push(cells);
        if (buffered.length === 10_000) flush();
      },
      done: () => {
        flush();
        closeSync(fd);
      },
    };
  });
}

function writeSheets(db: Db, contactsWanted: number, open: Sink): { cases: number; contacts: number; orders: number; chases: number } {
  const counts = { cases: 0, contacts: 0, orders: 0, chases: 0 };
  const cases = open('cases');
  cases.add(columnsOf('cases'));
  const caseRows = db
    .prepare(
      `SELECT c.case_ref, c.crn, c.owner_name, c.perpetrator_name, p.date_of_birth AS perpetrator_dob, c.victim_name, v.date_of_birth AS victim_dob,
         v.phone, v.email, v.address, v.postcode, v.no_voicemail, v.no_letters, v.safe_contact_notes, c.ro_name, c.ro_email, c.ro_phone,
         c.sentence_date, c.sentence_type, c.requirement, c.referral_received_date, c.programme_status, c.programme_start_date, c.programme_end_date,
         c.programme_outcome, c.risk_to_victim, c.risk_to_children, (SELECT group_concat(code, ';') FROM flags f WHERE f.case_id = c.id) AS flags, c.closed_date
       FROM cases c JOIN victims v ON v.id = c.victim_id JOIN perpetrators p ON p.id = c.perpetrator_id ORDER BY c.id`,
    )
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  const refs: string[] = [];
  for (const row of caseRows) {
    refs.push(row[0] as string);
    // no_voicemail and no_letters (columns 11 and 12) are yes/no; the rest are words with spaces.
    cases.add(row.map((value, i) => (i === 11 || i === 12 ? yesNo(value) : word(value))));
    counts.cases++;
  }
  cases.done();

  const contacts = open('contacts');
  contacts.add(columnsOf('contacts'));
  const contactRows = db
    .prepare('SELECT c.case_ref, k.contact_date, k.method, k.outcome FROM contacts k JOIN cases c ON c.id = k.case_id ORDER BY k.id')
    .raw()
    .iterate() as IterableIterator<[string, string, string, string]>;
  for (const [ref, date, method, outcome] of contactRows) {
    if (counts.contacts >= contactsWanted) break;
    contacts.add([ref, date, '', word(method), word(outcome), '', 'Spoke about safety planning.']);
    counts.contacts++;
  }
  // The top-up: one more call per case in turn, each at its own time of day.
  for (let n = 0; counts.contacts < contactsWanted; n++) {
    const ref = refs[n % refs.length]!;
    const minute = Math.floor(n / refs.length);
    const time = `${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    contacts.add([ref, '2026-11-02', time, 'phone', 'no answer', '', '']);
    counts.contacts++;
  }
  contacts.done();

  const orders = open('orders');
  orders.add(columnsOf('orders'));
  const orderRows = db
    .prepare(
      'SELECT c.case_ref, o.order_ref, o.order_type, o.made_date, o.expiry_date, o.court, o.protected_people, o.conditions FROM orders o JOIN cases c ON c.id = o.case_id ORDER BY o.id',
    )
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  for (const row of orderRows) {
    orders.add(row.map((value, i) => (i === 2 ? word(value) : value === null ? '' : String(value))));
    counts.orders++;
  }
  orders.done();

  const chases = open('chases');
  chases.add(columnsOf('chases'));
  const chaseRows = db
    .prepare('SELECT c.case_ref, h.chase_date, h.to_whom, h.method, h.note FROM chases h JOIN cases c ON c.id = h.case_id ORDER BY h.id')
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  for (const row of chaseRows) {
    chases.add(row.map((value) => (value === null ? '' : String(value))));
    counts.chases++;
  }
  chases.done();
  return counts;
}
