/** The workbook's model v2 columns (docs/workbook.md): the person by CRN, her relationship, engagement and equality fields. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { importWorkbook } from '../../electron/core/import/import-workbook';
import { ADMIN, closeTeamDatabase, newTeamDatabase } from './helpers';
import { writeXlsx, type Fixture } from './workbook-fixture';

const NOW = new Date('2026-11-24T10:00:00Z');
const base = { plw: 'Priya Shah', perpetrator_name: 'Dan Example', sentence_date: '2026-03-02' };

async function importing(fixture: Fixture, dryRun = false) {
  const { open, folder } = await newTeamDatabase();
  const path = join(folder, 'v2.xlsx');
  await writeXlsx(fixture, path);
  const result = await importWorkbook(open.db, path, { update: false, dryRun, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) });
  return { open, result };
}

describe('importing model v2 columns', () => {
  it('rows of one CRN are one person; her relationship, Welsh, equality fields, engagement and the new programme names are kept', async () => {
    const { open, result } = await importing({
      cases: [
        {
          ...base,
          case_ref: 'V-1',
          crn: 'X123456',
          victim_name: 'Ana Example',
          sentence_type: 'licence',
          release_date: '2027-01-15',
          custody_status: 'in custody',
          relationship: 'ex-partner',
          requirement: 'Building Choices high',
          welsh: 'yes',
          ethnicity: 'White: Irish',
          sex: 'female',
          engagement: 'no contact at all',
        },
        {
          ...base,
          case_ref: 'V-2',
          crn: 'x123456',
          victim_name: 'Bea Example',
          sentence_type: 'licence',
          release_date: '15/01/2027',
          relationship: 'new partner',
          requirement: 'DA RAR',
          programme_status: 'deselected',
          engagement: 'engaged',
        },
        { ...base, case_ref: 'V-3', victim_name: 'Cleo Example', requirement: 'RAR (domestic abuse)', engagement: 'declined' },
      ],
      contacts: [{ case_ref: 'V-2', date: '2026-11-02', method: 'phone', outcome: 'spoke to victim' }],
      orders: [],
      chases: [],
    });
    expect(result.preview.errors).toEqual([]);
    const db = open.db;
    expect(db.prepare('SELECT count(DISTINCT perpetrator_id) FROM cases WHERE case_ref IN (?, ?)').pluck().get('V-1', 'V-2')).toBe(1);
    expect(db.prepare('SELECT release_date, custody_status FROM perpetrators WHERE crn = ?').get('X123456')).toEqual({
      release_date: '2027-01-15',
      custody_status: 'in_custody',
    });
    expect(
      db
        .prepare(
          'SELECT c.case_ref, v.relationship, v.welsh_language, v.ethnicity, v.sex, c.requirement FROM cases c JOIN victims v ON v.id = c.victim_id ORDER BY c.case_ref',
        )
        .all(),
    ).toEqual([
      { case_ref: 'V-1', relationship: 'ex_partner', welsh_language: 1, ethnicity: 'white_irish', sex: 'female', requirement: 'building_choices_high' },
      { case_ref: 'V-2', relationship: 'new_partner', welsh_language: 0, ethnicity: null, sex: null, requirement: 'da_rar' },
      { case_ref: 'V-3', relationship: null, welsh_language: 0, ethnicity: null, sex: null, requirement: 'da_rar' },
    ]);
    // Engagement dated the day of the import, unless her contacts already say so (V-2 spoke to the worker).
    expect(
      db.prepare('SELECT c.case_ref, e.change_date, e.status, e.source FROM engagement_changes e JOIN cases c ON c.id = e.case_id ORDER BY c.case_ref').all(),
    ).toEqual([
      { case_ref: 'V-1', change_date: '2026-11-24', status: 'no_contact', source: 'import' },
      { case_ref: 'V-3', change_date: '2026-11-24', status: 'declined', source: 'import' },
    ]);
    expect(db.prepare('SELECT case_ref, engagement FROM cases ORDER BY case_ref').all()).toEqual([
      { case_ref: 'V-1', engagement: 'no_contact' },
      { case_ref: 'V-2', engagement: 'engaged' },
      { case_ref: 'V-3', engagement: 'declined' },
    ]);
    closeTeamDatabase(open);
  });

  it('rows of one CRN that disagree about him are each listed, column by column, and nothing is written', async () => {
    const { open, result } = await importing({
      cases: [
        { ...base, case_ref: 'D-1', crn: 'X123456', victim_name: 'Ana Example', release_date: '2027-01-15', custody_status: 'in custody' },
        { ...base, case_ref: 'D-2', crn: 'X123456', victim_name: 'Bea Example', release_date: '2027-02-15', custody_status: 'in custody' },
        { ...base, case_ref: 'D-3', crn: 'X123456', victim_name: 'Cleo Example' }, // says nothing about him: agrees
        { ...base, case_ref: 'D-4', crn: 'X123456', victim_name: 'Dee Example', custody_status: 'in the community', consent_date: '2026-03-03' },
      ],
      contacts: [],
      orders: [],
      chases: [],
    });
    expect(result.summary).toBeNull();
    expect(result.preview.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'release_date'],
      [2, 'custody_status'],
      [3, 'release_date'],
      [3, 'custody_status'],
      [5, 'custody_status'],
    ]);
    expect(result.preview.errors[0]!.message).toBe('release_date differs between rows 2, 3, which have the same crn: they name one person, so give one value');
    expect(JSON.stringify(result.preview.errors)).not.toContain('X123456');
    expect(open.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    closeTeamDatabase(open);
  });

  it('facts dated after the day of the import are refused by sheet, row and column; his release and supervision end may lie ahead', async () => {
    const { open, result } = await importing({
      cases: [
        {
          ...base,
          case_ref: 'F-1',
          victim_name: 'Ana Example',
          referral_received_date: '2026-11-25',
          release_date: '2027-06-01',
          supervision_end_date: '2028-06-01',
        },
        { ...base, case_ref: 'F-2', victim_name: 'Bea Example', programme_start_date: '2026-12-01' },
      ],
      contacts: [{ case_ref: 'F-1', date: '2026-11-25', method: 'phone', outcome: 'no answer' }],
      orders: [],
      chases: [{ case_ref: 'F-2', date: '2026-12-24' }],
    });
    expect(result.preview.errors.map((e) => [e.sheet, e.row, e.column, e.message])).toEqual([
      ['cases', 2, 'referral_received_date', 'The referral_received_date must be today or in the past'],
      ['cases', 3, 'programme_start_date', 'The programme_start_date must be today or in the past'],
      ['contacts', 2, 'date', 'The contact date must be today or in the past'],
      ['chases', 2, 'date', 'The chase date must be today or in the past'],
    ]);
    closeTeamDatabase(open);
  });
});
