/**
 * Checking a whole workbook before anything is written: every wrong cell is
 * reported with its sheet, row, column and reason; only a workbook with no
 * problem at all goes on to be imported.
 */
import { caseInputSchema, type CaseFields, type CaseInput } from '../../../shared/case-input';
import { isIsoDate, type IsoDate } from '../../../shared/calendar';
import { futureDateMessage } from '../../../shared/future-dates';
import type { EngagementStatus } from '../../../shared/reference-data';
import type { Db } from '../db/open-database';
import { knownWorkerNames } from '../cases/workers';
import { nameKey, namesClose, tidyName } from '../../../shared/person-names';
import { normaliseWord, NOTES_SHEET, WORKBOOK, type ColumnSpec, type SheetSpec } from './workbook-format';
import { cellsOf, type RawSheet } from './read-workbook';

export interface RowError {
  sheet: string;
  /** The spreadsheet row number (1 is the header row). */
  row: number;
  column: string;
  message: string;
}

type Cells = Record<string, string | boolean | string[] | null>;

export interface ParsedWorkbook {
  /** `fields` is the input as checked (null when it was not valid), so writing does not check it again. */
  cases: { row: number; caseRef: string; input: CaseInput; fields: CaseFields | null; exists: boolean; engagement: EngagementStatus | null }[];
  contacts: { row: number; caseRef: string; cells: Cells }[];
  orders: { row: number; caseRef: string; orderRef: string; cells: Cells }[];
  chases: { row: number; caseRef: string; cells: Cells }[];
  rowsPerSheet: Record<string, number>;
  newWorkers: string[];
  /** New names a letter or two from someone already known: a person confirms each is somebody new. */
  workersToConfirm: { name: string; closeTo: string }[];
  errors: RowError[];
}

/** From CaseInput field to the workbook column, so schema messages point at the right cell. */
const CASE_COLUMNS: Record<string, string> = {
  caseRef: 'case_ref',
  crn: 'crn',
  ownerName: 'plw',
  perpetratorName: 'perpetrator_name',
  perpetratorDob: 'perpetrator_dob',
  victimName: 'victim_name',
  victimDob: 'victim_dob',
  victimPhone: 'victim_phone',
  victimEmail: 'victim_email',
  victimAddress: 'victim_address',
  victimPostcode: 'victim_postcode',
  noVoicemail: 'no_voicemail',
  noLetters: 'no_letters',
  safeContactNotes: 'safe_contact_notes',
  roName: 'ro_name',
  roEmail: 'ro_email',
  roPhone: 'ro_phone',
  sentenceDate: 'sentence_date',
  sentenceType: 'sentence_type',
  requirement: 'requirement',
  referralReceivedDate: 'referral_received_date',
  programmeStatus: 'programme_status',
  programmeStartDate: 'programme_start_date',
  programmeEndDate: 'programme_end_date',
  programmeOutcome: 'programme_outcome',
  riskToVictim: 'risk_to_victim',
  riskToChildren: 'risk_to_children',
  flags: 'flags',
  closedDate: 'case_closed_date',
  releaseDate: 'release_date',
  supervisionEndDate: 'supervision_end_date',
  custodyStatus: 'custody_status',
  consentGivenDate: 'consent_date',
  mappaCategory: 'mappa_category',
  mappaLevel: 'mappa_level',
  relationship: 'relationship',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  sexualOrientation: 'sexual_orientation',
  welshLanguage: 'welsh',
};

/** The perpetrator's facts: rows naming one CRN name one person, so these must agree (blank says nothing). */
const PERSON_COLUMNS = ['release_date', 'supervision_end_date', 'custody_status', 'consent_date', 'mappa_category', 'mappa_level'] as const;

/** Facts that meet or start a timer may not be dated after the day of the import (docs/timers.md). */
const FACT_DATE_COLUMNS: Record<string, { column: string; label: string }[]> = {
  cases: [
    { column: 'referral_received_date', label: 'the referral_received_date' },
    { column: 'programme_start_date', label: 'the programme_start_date' },
    { column: 'programme_end_date', label: 'the programme_end_date' },
  ],
  contacts: [{ column: 'date', label: 'the contact date' }],
  chases: [{ column: 'date', label: 'the chase date' }],
};

function parseDate(text: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isIsoDate(text) ? text : null;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (uk) {
    const iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

/** One cell: its value, or the reason it is wrong. */
/**
 * Messages name the sheet, row and column, never what the cell holds: a name or an address
 * typed into the wrong column would otherwise be printed to the screen, a terminal or a log.
 */
function parseCell(column: ColumnSpec, raw: string): { value: string | boolean | string[] | null } | { error: string } {
  const text = raw.trim();
  if (text === '') return column.required ? { error: `${column.name} is required` } : { value: null };
  const kind = column.kind;
  switch (kind.type) {
    case 'text':
      return text.length > kind.max ? { error: `${column.name} must be ${kind.max} characters or fewer` } : { value: text };
    case 'date': {
      const iso = parseDate(text);
      return iso ? { value: iso } : { error: `${column.name} is not a date: write it as 2026-11-24 or 24/11/2026` };
    }
    case 'time':
      return /^([01]?\d|2[0-3]):[0-5]\d$/.test(text)
        ? { value: text.padStart(5, '0') }
        : { error: `${column.name} is not a time: write it as HH:MM, like 14:30` };
    case 'yesno': {
      const word = text.toLowerCase();
      if (['yes', 'y', 'true'].includes(word)) return { value: true };
      if (['no', 'n', 'false'].includes(word)) return { value: false };
      return { error: `${column.name} must be yes or no` };
    }
    case 'choice': {
      const value = kind.words[normaliseWord(text)];
      return value ? { value } : { error: `${column.name} is not one of the values listed for it on the notes sheet` };
    }
    case 'codes': {
      const codes = text
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean);
      const unknown = codes.filter((c) => !kind.words[normaliseWord(c)]);
      if (unknown.length)
        return {
          error: `${column.name} has ${unknown.length === 1 ? 'an entry that is not an nDelius register code' : `${unknown.length} entries that are not nDelius register codes`} this app knows`,
        };
      return { value: [...new Set(codes.map((c) => kind.words[normaliseWord(c)]!))] };
    }
  }
}

function readSheet(spec: SheetSpec, sheet: RawSheet, errors: RowError[]): { row: number; cells: Cells }[] {
  const headers = sheet.headers.map((h) => h.trim().toLowerCase());
  const known = new Map(spec.columns.map((c) => [c.name, c]));
  headers.forEach((header, i) => {
    if (header === '' && sheet.rows.every((r) => (cellsOf(r)[i] ?? '') === '')) return;
    if (!known.has(header))
      errors.push({
        sheet: spec.name,
        row: 1,
        column: header || `column ${i + 1}`,
        message: `“${header || '(blank)'}” is not a column of the ${spec.name} sheet`,
      });
  });
  for (const column of spec.columns) {
    if (column.required && !headers.includes(column.name))
      errors.push({ sheet: spec.name, row: 1, column: column.name, message: `The ${spec.name} sheet needs a ${column.name} column` });
  }
  const columnIndex = spec.columns.map((column) => headers.indexOf(column.name));
  // Dates, listed values and flags repeat down a sheet of a million rows: each distinct
  // text is parsed once per column. (Free text is unique, and cheap to check anyway.)
  const memo = spec.columns.map((column) => (column.kind.type === 'text' ? null : new Map<string, ReturnType<typeof parseCell>>()));
  const parseMemo = (c: number, column: ColumnSpec, raw: string) => {
    const seen = memo[c];
    if (!seen) return parseCell(column, raw);
    let result = seen.get(raw);
    if (!result) {
      result = parseCell(column, raw);
      seen.set(raw, result);
    }
    return result;
  };
  return sheet.rows.map((raw) => {
    const { row } = raw;
    const cells = cellsOf(raw);
    const parsed: Cells = {};
    for (const [c, column] of spec.columns.entries()) {
      const index = columnIndex[c]!;
      const result = parseMemo(c, column, index >= 0 ? (cells[index] ?? '') : '');
      if ('error' in result) {
        if (index >= 0 || !column.required) errors.push({ sheet: spec.name, row, column: column.name, message: result.error });
        parsed[column.name] = null;
      } else parsed[column.name] = result.value;
    }
    return { row, cells: parsed };
  });
}

const str = (cells: Cells, name: string) => (cells[name] as string | null) ?? null;

function refuseFutureFacts(sheet: string, rows: { row: number; cells: Cells }[], today: IsoDate, errors: RowError[]): void {
  for (const { row, cells } of rows) {
    for (const { column, label } of FACT_DATE_COLUMNS[sheet] ?? []) {
      const value = cells[column];
      if (typeof value === 'string' && value > today) errors.push({ sheet, row, column, message: futureDateMessage(label) });
    }
  }
}

/** Every row of a CRN whose perpetrator facts disagree with another row of that CRN, column by column. */
function refuseDisagreeingPeople(rows: { row: number; cells: Cells }[], errors: RowError[]): void {
  const byCrn = new Map<string, { row: number; cells: Cells }[]>();
  for (const r of rows) {
    const crn = (r.cells.crn as string | null)?.trim().toUpperCase();
    if (crn) byCrn.set(crn, [...(byCrn.get(crn) ?? []), r]);
  }
  for (const group of byCrn.values()) {
    if (group.length < 2) continue;
    for (const column of PERSON_COLUMNS) {
      const given = group.filter((r) => r.cells[column] !== null && r.cells[column] !== undefined);
      if (new Set(given.map((r) => String(r.cells[column]))).size < 2) continue;
      const others = given.map((r) => r.row);
      for (const r of given) {
        errors.push({
          sheet: 'cases',
          row: r.row,
          column,
          message: `${column} differs between rows ${others.join(', ')}, which have the same crn: they name one person, so give one value`,
        });
      }
    }
  }
}

export function checkWorkbook(db: Db, sheets: RawSheet[], options: { update: boolean; today?: IsoDate }): ParsedWorkbook {
  const errors: RowError[] = [];
  const byName = new Map(sheets.map((s) => [s.name.trim().toLowerCase(), s]));
  for (const sheet of sheets) {
    const name = sheet.name.trim().toLowerCase();
    if (name !== NOTES_SHEET && !WORKBOOK.some((spec) => spec.name === name)) {
      errors.push({
        sheet: sheet.name,
        row: 1,
        column: '',
        message: `“${sheet.name}” is not a sheet of the tracker workbook (cases, contacts, orders, chases)`,
      });
    }
  }
  const read = (spec: SheetSpec) => {
    const sheet = byName.get(spec.name);
    if (!sheet) {
      if (spec.required) errors.push({ sheet: spec.name, row: 1, column: '', message: `The workbook needs a ${spec.name} sheet` });
      return [];
    }
    return readSheet(spec, sheet, errors);
  };
  const [casesSpec, contactsSpec, ordersSpec, chasesSpec] = WORKBOOK as [SheetSpec, SheetSpec, SheetSpec, SheetSpec];
  const caseRows = read(casesSpec);
  const contactRows = read(contactsSpec);
  const orderRows = read(ordersSpec);
  const chaseRows = read(chasesSpec);
  if (options.today) {
    refuseFutureFacts('cases', caseRows, options.today, errors);
    refuseFutureFacts('contacts', contactRows, options.today, errors);
    refuseFutureFacts('chases', chaseRows, options.today, errors);
  }
  refuseDisagreeingPeople(caseRows, errors);

  const existing = new Set((db.prepare('SELECT case_ref AS ref FROM cases').all() as { ref: string }[]).map((r) => r.ref.toLowerCase()));
  const inSheet = new Map<string, number>();
  const cases: ParsedWorkbook['cases'] = [];
  for (const { row, cells } of caseRows) {
    const caseRef = str(cells, 'case_ref');
    if (!caseRef) continue;
    const key = caseRef.toLowerCase();
    if (inSheet.has(key)) {
      errors.push({ sheet: 'cases', row, column: 'case_ref', message: `${caseRef} is already used on row ${inSheet.get(key)}` });
      continue;
    }
    inSheet.set(key, row);
    const exists = existing.has(key);
    if (exists && !options.update) {
      errors.push({ sheet: 'cases', row, column: 'case_ref', message: `${caseRef} is already in the app: import with “update existing cases” to change it` });
      continue;
    }
    const input: CaseInput = {
      caseRef,
      ownerName: str(cells, 'plw') ?? '',
      victimName: str(cells, 'victim_name') ?? '',
      victimDob: str(cells, 'victim_dob'),
      victimPhone: str(cells, 'victim_phone'),
      victimEmail: str(cells, 'victim_email'),
      victimAddress: str(cells, 'victim_address'),
      victimPostcode: str(cells, 'victim_postcode'),
      noVoicemail: cells.no_voicemail === true,
      noLetters: cells.no_letters === true,
      safeContactNotes: str(cells, 'safe_contact_notes'),
      perpetratorName: str(cells, 'perpetrator_name') ?? '',
      crn: str(cells, 'crn') ?? '',
      perpetratorDob: str(cells, 'perpetrator_dob'),
      roName: str(cells, 'ro_name'),
      roEmail: str(cells, 'ro_email'),
      roPhone: str(cells, 'ro_phone'),
      sentenceDate: str(cells, 'sentence_date') ?? '',
      sentenceType: str(cells, 'sentence_type') as CaseInput['sentenceType'],
      requirement: str(cells, 'requirement') as CaseInput['requirement'],
      referralReceivedDate: str(cells, 'referral_received_date'),
      programmeStatus: str(cells, 'programme_status') as CaseInput['programmeStatus'],
      programmeStartDate: str(cells, 'programme_start_date'),
      programmeEndDate: str(cells, 'programme_end_date'),
      programmeOutcome: str(cells, 'programme_outcome') as CaseInput['programmeOutcome'],
      riskToVictim: str(cells, 'risk_to_victim') as CaseInput['riskToVictim'],
      riskToChildren: str(cells, 'risk_to_children') as CaseInput['riskToChildren'],
      flags: (cells.flags as CaseInput['flags']) ?? [],
      closedDate: str(cells, 'case_closed_date'),
      releaseDate: str(cells, 'release_date'),
      supervisionEndDate: str(cells, 'supervision_end_date'),
      custodyStatus: str(cells, 'custody_status') as CaseInput['custodyStatus'],
      consentGivenDate: str(cells, 'consent_date'),
      mappaCategory: str(cells, 'mappa_category') as CaseInput['mappaCategory'],
      mappaLevel: str(cells, 'mappa_level') as CaseInput['mappaLevel'],
      relationship: str(cells, 'relationship') as CaseInput['relationship'],
      sex: str(cells, 'sex') as CaseInput['sex'],
      ethnicity: str(cells, 'ethnicity') as CaseInput['ethnicity'],
      disability: str(cells, 'disability') as CaseInput['disability'],
      sexualOrientation: str(cells, 'sexual_orientation') as CaseInput['sexualOrientation'],
      welshLanguage: cells.welsh === true,
    };
    const checked = caseInputSchema.safeParse(input);
    const cellErrors = new Set(errors.filter((e) => e.sheet === 'cases' && e.row === row).map((e) => e.column));
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const column = CASE_COLUMNS[String(issue.path[0])] ?? String(issue.path[0]);
        // A cell already reported (not a date, say) is not reported twice.
        if (!cellErrors.has(column)) errors.push({ sheet: 'cases', row, column, message: issue.message });
        cellErrors.add(column);
      }
    }
    cases.push({
      row,
      caseRef,
      input,
      fields: checked.success ? checked.data : null,
      exists,
      engagement: (cells.engagement as EngagementStatus | null) ?? null,
    });
  }

  const knownCase = (sheet: string, row: number, caseRef: string | null) => {
    if (!caseRef) return false;
    if (inSheet.has(caseRef.toLowerCase()) || existing.has(caseRef.toLowerCase())) return true;
    errors.push({ sheet, row, column: 'case_ref', message: `${caseRef} is not on the cases sheet or in the app` });
    return false;
  };
  const contacts = contactRows
    .filter(({ row, cells }) => knownCase('contacts', row, str(cells, 'case_ref')))
    .map(({ row, cells }) => ({ row, caseRef: str(cells, 'case_ref')!, cells }));
  const orderRefs = new Map<string, number>();
  const orders: ParsedWorkbook['orders'] = [];
  for (const { row, cells } of orderRows) {
    const caseRef = str(cells, 'case_ref');
    if (!knownCase('orders', row, caseRef)) continue;
    const orderRef = str(cells, 'order_ref') ?? String(row);
    const key = `${caseRef!.toLowerCase()}|${orderRef.toLowerCase()}`;
    if (orderRefs.has(key)) {
      errors.push({ sheet: 'orders', row, column: 'order_ref', message: `Order ${orderRef} is already used for ${caseRef} on row ${orderRefs.get(key)}` });
      continue;
    }
    orderRefs.set(key, row);
    const made = str(cells, 'made_date');
    const expiry = str(cells, 'expiry_date');
    if (made && expiry && expiry < made)
      errors.push({ sheet: 'orders', row, column: 'expiry_date', message: 'expiry_date must be the same as or after made_date' });
    orders.push({ row, caseRef: caseRef!, orderRef, cells });
  }
  const chases = chaseRows
    .filter(({ row, cells }) => knownCase('chases', row, str(cells, 'case_ref')))
    .map(({ row, cells }) => ({ row, caseRef: str(cells, 'case_ref')!, cells }));

  const { newWorkers, workersToConfirm } = workersNamed(
    cases.map((c) => c.input.ownerName),
    knownWorkerNames(db),
  );

  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : WORKBOOK.findIndex((s) => s.name === a.sheet) - WORKBOOK.findIndex((s) => s.name === b.sheet)));
  return {
    cases,
    contacts,
    orders,
    chases,
    newWorkers,
    workersToConfirm,
    errors,
    rowsPerSheet: { cases: caseRows.length, contacts: contactRows.length, orders: orderRows.length, chases: chaseRows.length },
  };
}

/**
 * The workers a workbook names who are not yet known, by the same normaliser as the New case
 * form (shared/person-names), and those of them close to a known name (or to another new one).
 */
function workersNamed(owners: string[], known: string[]): Pick<ParsedWorkbook, 'newWorkers' | 'workersToConfirm'> {
  const knownKeys = new Set(known.map(nameKey));
  const fresh = new Map<string, string>();
  for (const owner of owners) {
    const key = nameKey(owner);
    if (key && !knownKeys.has(key) && !fresh.has(key)) fresh.set(key, tidyName(owner));
  }
  const newWorkers = [...fresh.values()];
  const workersToConfirm = newWorkers.flatMap((name, i) => {
    const closeTo = known.find((k) => namesClose(name, k)) ?? newWorkers.slice(0, i).find((k) => namesClose(name, k));
    return closeTo ? [{ name, closeTo }] : [];
  });
  return { newWorkers, workersToConfirm };
}
