/**
 * The perpetrator as a person (docs/model.md): one record per CRN, shared by every case that
 * names him, so his release date, custody and MAPPA are said once and risk on one case reaches
 * the others. Without a CRN, records are never merged automatically: a worker links two cases'
 * people by hand, and that is audited. A name or date of birth that differs from the record it
 * joins is kept as an alias, so nothing recorded is lost.
 */
import type { CaseFields } from '../../../shared/case-input';
import { recordAudit } from '../audit';
import type { Db } from '../db/open-database';
import { takeVersion } from '../db/edit-versions';
import { PlwError } from '../errors';
import type { WriteContext } from './write-context';
import { searchTerms } from './search-terms';
import { rewritePersonTimers } from './timer-store';

/** The person's facts: form field -> column. Name, CRN and date of birth are handled apart (they identify him). */
export const PERSON_FACTS = [
  ['consentGivenDate', 'consent_given_date'],
  ['consentWithdrawnDate', 'consent_withdrawn_date'],
  ['custodyStatus', 'custody_status'],
  ['custodyStatusDate', 'custody_status_date'],
  ['releaseDate', 'release_date'],
  ['supervisionEndDate', 'supervision_end_date'],
  ['mappaCategory', 'mappa_category'],
  ['mappaLevel', 'mappa_level'],
] as const satisfies readonly (readonly [keyof CaseFields, string])[];

type PersonRow = Record<string, string | number | null> & { id: number; name: string; crn: string | null; date_of_birth: string | null };

const personById = (db: Db, id: number) => db.prepare('SELECT * FROM perpetrators WHERE id = ?').get(id) as PersonRow | undefined;

function keepAlias(db: Db, personId: number, name: string, dob: string | null, how: 'merged by CRN' | 'linked by hand', stamp: string): void {
  const person = personById(db, personId)!;
  if (person.name === name && person.date_of_birth === dob) return;
  if (db.prepare('SELECT 1 FROM perpetrator_aliases WHERE perpetrator_id = ? AND name = ? AND date_of_birth IS ?').get(personId, name, dob)) return;
  db.prepare('INSERT INTO perpetrator_aliases (perpetrator_id, name, date_of_birth, how, created_at) VALUES (?, ?, ?, ?, ?)').run(
    personId,
    name,
    dob,
    how,
    stamp,
  );
}

/**
 * The person a new case names: the one chosen (a linked case), the one holding its CRN, or a new
 * record. An existing person's facts are filled from the case where it gives them (an empty
 * field never clears what is known of him). Returns his id and whether his facts changed.
 */
export function personForNewCase(db: Db, fields: CaseFields, stamp: string): { perpetratorId: number; changed: boolean } {
  let person: PersonRow | undefined;
  if (fields.perpetratorId !== null) {
    person = personById(db, fields.perpetratorId);
    if (!person) throw new PlwError('NOT_FOUND', 'That perpetrator is no longer on record. Reload the page.', 'perpetratorId');
    if (fields.crn && person.crn && fields.crn !== person.crn) {
      throw new PlwError('VALIDATION', "The CRN does not match the linked perpetrator's", 'crn');
    }
  } else if (fields.crn) {
    person = db.prepare('SELECT * FROM perpetrators WHERE crn = ?').get(fields.crn) as PersonRow | undefined;
  }
  if (!person) {
    const id = Number(
      db
        .prepare(
          `INSERT INTO perpetrators (name, crn, date_of_birth, ${PERSON_FACTS.map(([, c]) => c).join(', ')}, created_at, updated_at)
           VALUES (?, ?, ?, ${PERSON_FACTS.map(() => '?').join(', ')}, ?, ?)`,
        )
        .run(fields.perpetratorName, fields.crn, fields.perpetratorDob, ...PERSON_FACTS.map(([f]) => fields[f]), stamp, stamp).lastInsertRowid,
    );
    return { perpetratorId: id, changed: false };
  }
  keepAlias(db, person.id, fields.perpetratorName, fields.perpetratorDob, 'merged by CRN', stamp);
  let changed = false;
  if (fields.crn && !person.crn) {
    if (db.prepare('SELECT 1 FROM perpetrators WHERE crn = ? AND id <> ?').get(fields.crn, person.id))
      throw new PlwError('CONFLICT', 'That CRN is already on record for another perpetrator', 'crn');
    db.prepare('UPDATE perpetrators SET crn = ?, updated_at = ? WHERE id = ?').run(fields.crn, stamp, person.id);
    changed = true;
  }
  for (const [field, column] of PERSON_FACTS) {
    const value = fields[field];
    if (value === null || value === person[column]) continue;
    db.prepare(`UPDATE perpetrators SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, stamp, person.id);
    changed = true;
  }
  return { perpetratorId: person.id, changed };
}

/** Re-reads what a case is found by from its records (after its person's name or CRN changed). */
export function reindexCase(db: Db, caseId: number): void {
  const row = db
    .prepare(
      `SELECT c.case_ref AS caseRef, v.name AS victimName, p.name AS perpetratorName, p.crn, v.phone AS victimPhone, v.postcode AS victimPostcode
       FROM cases c JOIN victims v ON v.id = c.victim_id JOIN perpetrators p ON p.id = c.perpetrator_id WHERE c.id = ?`,
    )
    .get(caseId) as Parameters<typeof searchTerms>[0] | undefined;
  if (!row) return;
  db.prepare('DELETE FROM case_search WHERE rowid = ?').run(caseId);
  db.prepare('INSERT INTO case_search (rowid, terms) VALUES (?, ?)').run(caseId, searchTerms(row));
}

export interface LinkedCase {
  caseId: number;
  caseRef: string;
  ownerName: string | null;
  relationship: string | null;
  riskToVictim: string | null;
  closedDate: string | null;
}

/** The other cases naming the same person: the case page's "Linked cases". */
export function linkedCases(db: Db, caseId: number): LinkedCase[] {
  return db
    .prepare(
      `SELECT o.id AS caseId, o.case_ref AS caseRef, o.owner_name AS ownerName, v.relationship, o.risk_to_victim AS riskToVictim, o.closed_date AS closedDate
       FROM cases c JOIN cases o ON o.perpetrator_id = c.perpetrator_id AND o.id <> c.id JOIN victims v ON v.id = o.victim_id
       WHERE c.id = ? ORDER BY o.closed_date IS NOT NULL, o.case_ref`,
    )
    .all(caseId) as LinkedCase[];
}

/**
 * Cases whose perpetrator has the same name and date of birth but is a different record: who
 * the worker may mean to link by hand. (Never merged automatically: two men can share both.)
 */
export function linkCandidates(db: Db, caseId: number): { caseId: number; caseRef: string; crn: string | null }[] {
  return db
    .prepare(
      `SELECT o.id AS caseId, o.case_ref AS caseRef, q.crn
       FROM cases c JOIN perpetrators p ON p.id = c.perpetrator_id
         JOIN perpetrators q ON q.name = p.name COLLATE NOCASE AND q.date_of_birth = p.date_of_birth AND q.id <> p.id
         JOIN cases o ON o.perpetrator_id = q.id
       WHERE c.id = ? ORDER BY o.case_ref LIMIT 20`,
    )
    .all(caseId) as { caseId: number; caseRef: string; crn: string | null }[];
}

/**
 * Links by hand: the person named by `caseId` is the one named by `otherCaseId`. The record with
 * a CRN is kept (two different CRNs are two people, and refused); its facts win, the other's
 * fill what it lacks, and the other's name and date of birth become an alias. Every case of both
 * is re-timed, and the link is audited with the two cases (no names).
 */
export function linkPeople(ctx: WriteContext, caseId: number, otherCaseId: number, perpetratorVersion: number | null): { perpetratorId: number } {
  const { db, now } = ctx;
  const stamp = now.toISOString();
  return db.transaction(() => {
    const personOf = (id: number) => {
      const row = db.prepare('SELECT perpetrator_id AS id FROM cases WHERE id = ?').get(id) as { id: number } | undefined;
      if (!row) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
      return personById(db, row.id)!;
    };
    const mine = personOf(caseId);
    const theirs = personOf(otherCaseId);
    if (caseId === otherCaseId || mine.id === theirs.id) throw new PlwError('VALIDATION', 'These cases already name the same perpetrator', 'otherCaseRef');
    if (mine.crn && theirs.crn) throw new PlwError('VALIDATION', 'These are two people: their CRNs differ', 'otherCaseRef');
    takeVersion(db, 'perpetrator', mine.id, perpetratorVersion, ctx.actor, now);
    const [keeper, merged] = mine.crn ? [mine, theirs] : [theirs, mine];
    for (const [, column] of PERSON_FACTS) {
      if (keeper[column] === null && merged[column] !== null)
        db.prepare(`UPDATE perpetrators SET ${column} = ?, updated_at = ? WHERE id = ?`).run(merged[column], stamp, keeper.id);
    }
    keepAlias(db, keeper.id, merged.name, merged.date_of_birth, 'linked by hand', stamp);
    db.prepare('UPDATE perpetrator_aliases SET perpetrator_id = ? WHERE perpetrator_id = ?').run(keeper.id, merged.id);
    db.prepare('UPDATE cases SET perpetrator_id = ? WHERE perpetrator_id = ?').run(keeper.id, merged.id);
    db.prepare('DELETE FROM perpetrators WHERE id = ?').run(merged.id);
    takeVersion(db, 'perpetrator', keeper.id, null, ctx.actor, now);
    for (const id of rewritePersonTimers(db, keeper.id, ctx.rules)) reindexCase(db, id);
    recordAudit(db, ctx.actor, { action: 'perpetrator.linked', entityType: 'case', entityId: caseId, caseId, detail: { linkedTo: otherCaseId } }, now);
    return { perpetratorId: keeper.id };
  })();
}
