/**
 * Creating and changing cases. Every write runs in one transaction with the
 * rewrite of the case's timers and an audit entry naming who did it; audit
 * details carry field names, never values.
 */
import { NEXT_CASE_ID } from './case-ids';
import { caseInputSchema, type CaseFields } from '../../../shared/case-input';
import { londonDate, type IsoDate } from '../../../shared/calendar';
import { CASE_FACT_DATES, type DatedFact } from '../../../shared/future-dates';
import { canMoveProgramme, PROGRAMME_STATUSES, type ProgrammeStatus } from '../../../shared/reference-data';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { PERSON_FACTS, personForNewCase, reindexCase } from './people';
import { refuseFutureDates, type WriteContext } from './write-context';
import { searchTerms } from './search-terms';
import { rewriteCaseTimers, rewritePersonTimers, riskRankOf } from './timer-store';
import { ensureWorker } from './workers';
import { recordOwner } from './ownership';
import { creditedWorker } from './credit';
import { accountOffice, officeMustExist } from './offices';

export type { WriteContext } from './write-context';
export { refuseFutureDates } from './write-context';

function nextCaseRef(db: Db, now: Date): string {
  const year = now.getUTCFullYear();
  const prefix = `PL-${year}-`;
  const row = db.prepare("SELECT max(CAST(substr(case_ref, ?) AS INTEGER)) AS n FROM cases WHERE case_ref LIKE ? || '%'").get(prefix.length + 1, prefix) as {
    n: number | null;
  };
  return `${prefix}${String((row.n ?? 0) + 1).padStart(5, '0')}`;
}

function indexForSearch(db: Db, caseId: number, fields: CaseFields & { caseRef: string }): void {
  db.prepare('DELETE FROM case_search WHERE rowid = ?').run(caseId);
  db.prepare('INSERT INTO case_search (rowid, terms) VALUES (?, ?)').run(caseId, searchTerms(fields as CaseFields & { caseRef: string }));
}

function writeFlags(db: Db, caseId: number, flags: string[], today: IsoDate): void {
  const existing = new Set((db.prepare('SELECT code FROM flags WHERE case_id = ?').all(caseId) as { code: string }[]).map((r) => r.code));
  for (const code of existing) if (!flags.includes(code)) db.prepare('DELETE FROM flags WHERE case_id = ? AND code = ?').run(caseId, code);
  for (const code of flags) if (!existing.has(code)) db.prepare('INSERT INTO flags (case_id, code, added_date) VALUES (?, ?, ?)').run(caseId, code, today);
}

/** The case's timer facts that are new or changed (a date already on record is not refused again on an unrelated edit). */
function caseFactDates(fields: CaseFields, stored: Record<string, unknown> | null): DatedFact[] {
  const column = (field: keyof CaseFields) => FIELD_COLUMNS.find(([f]) => f === field)![1];
  return CASE_FACT_DATES.filter((f) => !stored || stored[column(f.field)] !== fields[f.field]).map((f) => ({ ...f, value: fields[f.field] }));
}

function parse(input: unknown): CaseFields {
  const parsed = caseInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlwError('VALIDATION', issue.message, issue.path.map(String).join('.'));
  }
  return parsed.data;
}

/** Creates a case, its victim and perpetrator, and its timers. Returns the new id and case ref. */
/**
 * `deferTimers` is for a bulk import, which rewrites each case's timers once, after
 * its contacts, orders and chases are in (and still inside the same transaction).
 */
export function createCase(
  ctx: WriteContext,
  input: unknown,
  options: { programmeReason?: string; deferTimers?: boolean } = {},
): { caseId: number; caseRef: string } {
  return createCheckedCase(ctx, parse(input), options);
}

/** The same, for fields already checked against the case schema (an import checks every row before writing any). */
export function createCheckedCase(
  ctx: WriteContext,
  fields: CaseFields,
  options: { programmeReason?: string; deferTimers?: boolean } = {},
): { caseId: number; caseRef: string } {
  const { db, now } = ctx;
  const stamp = now.toISOString();
  refuseFutureDates(ctx, caseFactDates(fields, null));
  return db.transaction(() => {
    const caseRef = fields.caseRef ?? nextCaseRef(db, now);
    if (db.prepare('SELECT 1 FROM cases WHERE case_ref = ?').get(caseRef)) {
      throw new PlwError('CONFLICT', `There is already a case with reference ${caseRef}`, 'caseRef');
    }
    const ownerId = ensureWorker(db, fields.ownerName, now);
    const victimId = db
      .prepare(
        `INSERT INTO victims (name, date_of_birth, phone, email, address, postcode, safe_contact_notes, no_voicemail, no_letters,
           relationship, sex, ethnicity, disability, sexual_orientation, welsh_language, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields.victimName,
        fields.victimDob,
        fields.victimPhone,
        fields.victimEmail,
        fields.victimAddress,
        fields.victimPostcode?.toUpperCase() ?? null,
        fields.safeContactNotes,
        fields.noVoicemail ? 1 : 0,
        fields.noLetters ? 1 : 0,
        fields.relationship,
        fields.sex,
        fields.ethnicity,
        fields.disability,
        fields.sexualOrientation,
        fields.welshLanguage ? 1 : 0,
        stamp,
        stamp,
      ).lastInsertRowid;
    const person = personForNewCase(db, fields, stamp);
    const perpetratorId = person.perpetratorId;
    const caseId = Number(
      db
        .prepare(
          `INSERT INTO cases (id, case_ref, victim_name, perpetrator_name, crn, owner_name, victim_id, perpetrator_id, owner_worker_id, sentence_date, sentence_type, requirement,
             ro_name, ro_email, ro_phone, ro_office, referral_received_date, referral_source, programme_status,
             programme_start_date, programme_end_date, programme_outcome, risk_to_victim, risk_rank, risk_to_children, closed_date, created_at, updated_at)
           VALUES (${NEXT_CASE_ID}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${riskRankOf('?')}, ?, ?, ?, ?)`,
        )
        .run(
          caseRef,
          fields.victimName,
          fields.perpetratorName,
          fields.crn,
          fields.ownerName,
          victimId,
          perpetratorId,
          ownerId,
          fields.sentenceDate,
          fields.sentenceType,
          fields.requirement,
          fields.roName,
          fields.roEmail,
          fields.roPhone,
          fields.roOffice,
          fields.referralReceivedDate,
          fields.referralSource,
          fields.programmeStatus,
          fields.programmeStartDate,
          fields.programmeEndDate,
          fields.programmeOutcome,
          fields.riskToVictim,
          fields.riskToVictim,
          fields.riskToChildren,
          fields.closedDate,
          stamp,
          stamp,
        ).lastInsertRowid,
    );
    // Its owner from the start: a figure for any period before today credits them.
    recordOwner(db, caseId, ownerId, null);
    const office = fields.officeId === undefined ? accountOffice(db, ctx.actor) : fields.officeId;
    if (office !== null) {
      officeMustExist(db, office, 'officeId');
      db.prepare('UPDATE cases SET office_id = ? WHERE id = ?').run(office, caseId);
    }
    if (fields.programmeStatus) {
      db.prepare(
        'INSERT INTO programme_events (case_id, from_status, to_status, event_date, reason, recorded_by, recorded_at) VALUES (?, NULL, ?, ?, ?, ?, ?)',
      ).run(caseId, fields.programmeStatus, stamp.slice(0, 10), options.programmeReason ?? null, ctx.actor, stamp);
    }
    writeFlags(db, caseId, fields.flags, stamp.slice(0, 10));
    // Search and the caseload show the person's name on record (his first recorded name, if this case gave another).
    reindexCase(db, caseId);
    // His other cases: a release date or custody this case gave changes their timers now.
    if (person.changed) for (const id of rewritePersonTimers(db, perpetratorId, ctx.rules)) if (id !== caseId) reindexCase(db, id);
    if (!options.deferTimers) rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(
      db,
      ctx.actor,
      { action: 'case.created', entityType: 'case', entityId: caseId, caseId, detail: fields.perpetratorId !== null ? { linkedPerson: true } : undefined },
      now,
    );
    return { caseId, caseRef };
  })();
}

const FIELD_COLUMNS: [keyof CaseFields, string, 'cases' | 'victims' | 'perpetrators'][] = [
  ['victimName', 'name', 'victims'],
  ['victimDob', 'date_of_birth', 'victims'],
  ['victimPhone', 'phone', 'victims'],
  ['victimEmail', 'email', 'victims'],
  ['victimAddress', 'address', 'victims'],
  ['victimPostcode', 'postcode', 'victims'],
  ['safeContactNotes', 'safe_contact_notes', 'victims'],
  ['noVoicemail', 'no_voicemail', 'victims'],
  ['noLetters', 'no_letters', 'victims'],
  ['relationship', 'relationship', 'victims'],
  ['sex', 'sex', 'victims'],
  ['ethnicity', 'ethnicity', 'victims'],
  ['disability', 'disability', 'victims'],
  ['sexualOrientation', 'sexual_orientation', 'victims'],
  ['welshLanguage', 'welsh_language', 'victims'],
  ['perpetratorName', 'name', 'perpetrators'],
  ['crn', 'crn', 'perpetrators'],
  ['perpetratorDob', 'date_of_birth', 'perpetrators'],
  ...PERSON_FACTS.map(([field, column]) => [field, column, 'perpetrators'] as [keyof CaseFields, string, 'perpetrators']),
  ['sentenceDate', 'sentence_date', 'cases'],
  ['sentenceType', 'sentence_type', 'cases'],
  ['requirement', 'requirement', 'cases'],
  ['roName', 'ro_name', 'cases'],
  ['roEmail', 'ro_email', 'cases'],
  ['roPhone', 'ro_phone', 'cases'],
  ['roOffice', 'ro_office', 'cases'],
  ['referralReceivedDate', 'referral_received_date', 'cases'],
  ['referralSource', 'referral_source', 'cases'],
  ['programmeStatus', 'programme_status', 'cases'],
  ['programmeStartDate', 'programme_start_date', 'cases'],
  ['programmeEndDate', 'programme_end_date', 'cases'],
  ['programmeOutcome', 'programme_outcome', 'cases'],
  ['riskToVictim', 'risk_to_victim', 'cases'],
  ['riskToChildren', 'risk_to_children', 'cases'],
  ['closedDate', 'closed_date', 'cases'],
];

function storedValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/** Edits a case. The programme status may only move along allowed transitions, and each move is kept in its history. */
export function updateCase(
  ctx: WriteContext,
  caseId: number,
  fields: CaseFields,
  /**
   * version: the one the form was loaded with (null: an import, which has no form);
   * perpetratorVersion: the person's, shared with his other cases, so an edit on one of them is not put back.
   */
  options: { programmeReason?: string; version?: number | null; perpetratorVersion?: number | null } = {},
): void {
  const { db, now } = ctx;
  const stamp = now.toISOString();
  db.transaction(() => {
    const current = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Record<string, unknown> | undefined;
    if (!current) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    refuseFutureDates(ctx, caseFactDates(fields, current));
    takeVersion(db, 'case', caseId, options.version ?? null, ctx.actor, now);
    const victim = db.prepare('SELECT * FROM victims WHERE id = ?').get(current.victim_id) as Record<string, unknown>;
    const perpetrator = db.prepare('SELECT * FROM perpetrators WHERE id = ?').get(current.perpetrator_id) as Record<string, unknown>;
    const rows = { cases: current, victims: victim, perpetrators: perpetrator };

    const fromStatus = current.programme_status as ProgrammeStatus | null;
    if (fields.programmeStatus && fields.programmeStatus !== fromStatus && !canMoveProgramme(fromStatus, fields.programmeStatus)) {
      throw new PlwError(
        'VALIDATION',
        `The programme cannot move from ${PROGRAMME_STATUSES.labels[fromStatus!].toLowerCase()} to ${PROGRAMME_STATUSES.labels[fields.programmeStatus].toLowerCase()}`,
        'programmeStatus',
      );
    }
    const caseRef = (fields.caseRef ?? current.case_ref) as string;
    if (caseRef !== current.case_ref && db.prepare('SELECT 1 FROM cases WHERE case_ref = ? AND id <> ?').get(caseRef, caseId)) {
      throw new PlwError('CONFLICT', `There is already a case with reference ${caseRef}`, 'caseRef');
    }

    if (fields.perpetratorId !== null && fields.perpetratorId !== current.perpetrator_id) {
      throw new PlwError('VALIDATION', 'To link this case to another perpetrator, use "Link to another case" on the case page', 'perpetratorId');
    }
    if (fields.crn && fields.crn !== perpetrator.crn && db.prepare('SELECT 1 FROM perpetrators WHERE crn = ? AND id <> ?').get(fields.crn, perpetrator.id)) {
      throw new PlwError('CONFLICT', 'That CRN is already on record for another perpetrator: link the cases instead (Linked cases on the case page)', 'crn');
    }
    const changed: string[] = [];
    let personChanged = false;
    for (const [field, column, table] of FIELD_COLUMNS) {
      const value = storedValue(field === 'victimPostcode' ? (fields.victimPostcode?.toUpperCase() ?? null) : fields[field]);
      if (rows[table][column] === value) continue;
      if (table === 'perpetrators' && !personChanged) {
        takeVersion(db, 'perpetrator', perpetrator.id as number, options.perpetratorVersion ?? null, ctx.actor, now);
        personChanged = true;
      }
      const id = table === 'cases' ? caseId : table === 'victims' ? current.victim_id : current.perpetrator_id;
      db.prepare(`UPDATE ${table} SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, stamp, id);
      changed.push(field);
    }
    if (caseRef !== current.case_ref) {
      db.prepare('UPDATE cases SET case_ref = ? WHERE id = ?').run(caseRef, caseId);
      changed.push('caseRef');
    }
    if (fields.officeId !== undefined && fields.officeId !== current.office_id) {
      officeMustExist(db, fields.officeId, 'officeId');
      db.prepare('UPDATE cases SET office_id = ? WHERE id = ?').run(fields.officeId, caseId);
      changed.push('officeId');
    }
    const ownerId = ensureWorker(db, fields.ownerName, now);
    if (ownerId !== current.owner_worker_id) {
      db.prepare('UPDATE cases SET owner_worker_id = ? WHERE id = ?').run(ownerId, caseId);
      recordOwner(db, caseId, ownerId, londonDate(now));
      changed.push('owner');
    }
    if (fields.programmeStatus && fields.programmeStatus !== fromStatus) {
      db.prepare(
        'INSERT INTO programme_events (case_id, from_status, to_status, event_date, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(caseId, fromStatus, fields.programmeStatus, stamp.slice(0, 10), options.programmeReason ?? null, ctx.actor, stamp);
    }
    writeFlags(db, caseId, fields.flags, stamp.slice(0, 10));
    indexForSearch(db, caseId, { ...fields, caseRef });
    if (personChanged) {
      // Shared facts: every case naming him is re-timed and re-indexed.
      for (const id of rewritePersonTimers(db, perpetrator.id as number, ctx.rules)) if (id !== caseId) reindexCase(db, id);
    } else rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'case.updated', entityType: 'case', entityId: caseId, caseId, detail: { fields: changed } }, now);
    const roChanged = changed.filter((f): f is (typeof RO_FIELDS)[number] => (RO_FIELDS as readonly string[]).includes(f));
    if (roChanged.length) shareResponsibleOfficer(ctx, caseId, perpetrator.id as number, roChanged);
  })();
}

const RO_FIELDS = ['roName', 'roEmail', 'roPhone', 'roOffice'] as const;
const RO_COLUMNS = { roName: 'ro_name', roEmail: 'ro_email', roPhone: 'ro_phone', roOffice: 'ro_office' } as const;

/**
 * His RO is his, not one victim's (docs/model.md): a change made on one case is made on his other
 * open cases too, each audited and its version moved on (a form open on one of them is then
 * refused rather than putting the old RO back). Closed cases keep the RO they closed with.
 */
function shareResponsibleOfficer(ctx: WriteContext, caseId: number, perpetratorId: number, fields: readonly (typeof RO_FIELDS)[number][]): void {
  const { db, now } = ctx;
  const others = db.prepare('SELECT id FROM cases WHERE perpetrator_id = ? AND id <> ? AND closed_date IS NULL').pluck().all(perpetratorId, caseId) as number[];
  if (!others.length) return;
  const source = db.prepare(`SELECT ${fields.map((f) => RO_COLUMNS[f]).join(', ')} FROM cases WHERE id = ?`).get(caseId) as Record<string, unknown>;
  const write = db.prepare(`UPDATE cases SET ${fields.map((f) => `${RO_COLUMNS[f]} = @${RO_COLUMNS[f]}`).join(', ')}, updated_at = @stamp WHERE id = @id`);
  for (const id of others) {
    takeVersion(db, 'case', id, null, ctx.actor, now);
    write.run({ ...source, stamp: now.toISOString(), id });
    recordAudit(
      db,
      ctx.actor,
      { action: 'case.updated', entityType: 'case', entityId: id, caseId: id, detail: { fields: [...fields], sharedFrom: caseId } },
      now,
    );
  }
}

/** Moves a case to another worker; the audit keeps who it moved from and to (worker ids). */
export function reassignCase(ctx: WriteContext, caseId: number, ownerName: string): void {
  const { db, now } = ctx;
  db.transaction(() => {
    const current = db.prepare('SELECT owner_worker_id AS ownerId FROM cases WHERE id = ?').get(caseId) as { ownerId: number | null } | undefined;
    if (!current) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    const ownerId = ensureWorker(db, ownerName, now);
    if (ownerId === current.ownerId) return;
    takeVersion(db, 'case', caseId, null, ctx.actor, now);
    db.prepare('UPDATE cases SET owner_worker_id = ?, updated_at = ? WHERE id = ?').run(ownerId, now.toISOString(), caseId);
    recordOwner(db, caseId, ownerId, londonDate(now));
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(
      db,
      ctx.actor,
      { action: 'case.reassigned', entityType: 'case', entityId: caseId, caseId, detail: { fromWorker: current.ownerId, toWorker: ownerId } },
      now,
    );
  })();
}

/** The referral reaching the PLW: meets the referral timer and starts the first-contact timer. */
export function recordReferral(ctx: WriteContext, caseId: number, input: { receivedDate: IsoDate; source: string | null }): void {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'receivedDate', label: 'the referral received date', value: input.receivedDate }]);
  db.transaction(() => {
    const result = db
      .prepare('UPDATE cases SET referral_received_date = ?, referral_source = ?, updated_at = ? WHERE id = ?')
      .run(input.receivedDate, input.source, now.toISOString(), caseId);
    if (result.changes === 0) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    takeVersion(db, 'case', caseId, null, ctx.actor, now);
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'referral.recorded', entityType: 'case', entityId: caseId, caseId }, now);
  })();
}

export interface ChaseInput {
  date: IsoDate;
  toWhom: string | null;
  method: string | null;
  note: string | null;
}

export function logChase(ctx: WriteContext, caseId: number, input: ChaseInput): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the chase', value: input.date }]);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    const id = Number(
      db
        .prepare(
          'INSERT INTO chases (case_id, chase_date, to_whom, method, note, recorded_by, recorded_at, credited_worker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(caseId, input.date, input.toWhom, input.method, input.note, ctx.actor, now.toISOString(), creditedWorker(db, ctx.actor, caseId, now))
        .lastInsertRowid,
    );
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'chase.logged', entityType: 'chase', entityId: id, caseId }, now);
    return id;
  })();
}
