/**
 * Writing a checked workbook: all or nothing, in one transaction, with the same
 * writes (and timer rewrites and audit) as the screens use. If anything still
 * fails (a programme move that is not allowed, say), everything is rolled back
 * and the row is reported.
 */
import { londonDate } from '../../../shared/calendar';
import type { TimerRules } from '../../../shared/timer-rules';
import { recordAudit } from '../audit';
import { createCheckedCase, updateCase, type WriteContext } from '../cases/case-store';
import { rewriteCaseTimers } from '../cases/timer-store';
import { splitPeople } from '../records/orders';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import type { ProgressReporter } from '../progress';
import type { ParsedWorkbook, RowError } from './parse-workbook';

export interface ImportSummary {
  casesCreated: number;
  casesUpdated: number;
  contacts: number;
  orders: number;
  chases: number;
  duplicatesSkipped: number;
  newWorkers: string[];
}

export class ImportFailed extends Error {
  constructor(readonly errors: RowError[]) {
    super('import failed');
  }
}

export function runImport(
  db: Db,
  parsed: ParsedWorkbook,
  options: { actor: string; now: Date; rules: TimerRules; progress?: ProgressReporter },
): ImportSummary {
  if (parsed.errors.length) throw new ImportFailed(parsed.errors);
  const ctx: WriteContext = { db, actor: options.actor, now: options.now, rules: options.rules };
  const progress = options.progress ?? (() => undefined);
  // Every row, then each case's timers once: the cases the workbook names are the most there can be.
  const namedCases = new Set([...parsed.cases.map((c) => c.caseRef), ...[...parsed.contacts, ...parsed.orders, ...parsed.chases].map((r) => r.caseRef)]).size;
  const rows = parsed.cases.length + parsed.contacts.length + parsed.orders.length + parsed.chases.length;
  const total = rows + namedCases;
  let done = 0;
  const step = Math.max(100, Math.floor(total / 200)); // a smooth bar without flooding the window with messages
  const tick = (label: string) => {
    done++;
    if (done % step === 0 || done === total) progress({ operation: 'import', done, total, label });
  };
  const summary: ImportSummary = { casesCreated: 0, casesUpdated: 0, contacts: 0, orders: 0, chases: 0, duplicatesSkipped: 0, newWorkers: parsed.newWorkers };
  const stamp = options.now.toISOString();
  const failures: RowError[] = [];
  const touched = new Set<number>();
  // Every row of the other sheets names its case: look each case up once.
  const caseIds = new Map<string, number>();
  const lookUp = db.prepare('SELECT id FROM cases WHERE case_ref = ?');
  const caseId = (ref: string) => {
    let id = caseIds.get(ref);
    if (id === undefined) {
      id = (lookUp.get(ref) as { id: number }).id;
      caseIds.set(ref, id);
    }
    return id;
  };

  const write = db.transaction(() => {
    for (const c of parsed.cases) {
      try {
        if (c.exists) {
          updateCase(ctx, caseId(c.caseRef), c.fields!, { programmeReason: 'imported' });
          summary.casesUpdated++;
        } else {
          // Its timers are written once, below, with everything else the workbook holds for it.
          const created = createCheckedCase(ctx, c.fields!, { programmeReason: 'imported', deferTimers: true });
          caseIds.set(created.caseRef, created.caseId);
          touched.add(created.caseId);
          summary.casesCreated++;
        }
      } catch (error) {
        if (!(error instanceof PlwError)) throw error;
        failures.push({ sheet: 'cases', row: c.row, column: error.field ?? '', message: error.message });
      }
      tick('Importing cases');
    }
    const contactExists = db.prepare(
      "SELECT 1 FROM contacts WHERE case_id = ? AND contact_date = ? AND method = ? AND outcome = ? AND coalesce(contact_time, '') = coalesce(?, '')",
    );
    const insertContact = db.prepare(
      // A workbook names no one who logged a contact: it is credited to the case's owner.
      `INSERT INTO contacts (case_id, contact_date, contact_time, method, outcome, with_victim, with_whom, notes, recorded_by, recorded_at, credited_worker_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT owner_worker_id FROM cases WHERE id = ?))`,
    );
    for (const { caseRef, cells } of parsed.contacts) {
      const id = caseId(caseRef);
      const withWhom = (cells.with as string | null) ?? null;
      const withVictim = withWhom === null || withWhom.trim().toLowerCase() === 'victim';
      if (contactExists.get(id, cells.date, cells.method, cells.outcome, cells.time)) summary.duplicatesSkipped++;
      else {
        insertContact.run(
          id,
          cells.date,
          cells.time,
          cells.method,
          cells.outcome,
          withVictim ? 1 : 0,
          withVictim ? null : withWhom,
          cells.notes,
          options.actor,
          stamp,
          id,
        );
        summary.contacts++;
        touched.add(id);
      }
      tick('Importing contacts');
    }
    const upsertOrder = db.prepare(
      `INSERT INTO orders (case_id, order_ref, order_type, made_date, expiry_date, court, protected_people, conditions, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(case_id, order_ref) DO UPDATE SET order_type = excluded.order_type, made_date = excluded.made_date,
         expiry_date = excluded.expiry_date, court = excluded.court, protected_people = excluded.protected_people, conditions = excluded.conditions`,
    );
    for (const { caseRef, orderRef, cells } of parsed.orders) {
      const id = caseId(caseRef);
      upsertOrder.run(
        id,
        orderRef,
        cells.type,
        cells.made_date,
        cells.expiry_date,
        cells.court,
        cells.protected ? JSON.stringify(splitPeople(cells.protected as string)) : null,
        cells.conditions,
        stamp,
      );
      summary.orders++;
      touched.add(id);
      tick('Importing orders');
    }
    const chaseExists = db.prepare('SELECT 1 FROM chases WHERE case_id = ? AND chase_date = ?');
    const insertChase = db.prepare(
      'INSERT INTO chases (case_id, chase_date, to_whom, method, note, recorded_by, recorded_at, credited_worker_id) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT owner_worker_id FROM cases WHERE id = ?))',
    );
    for (const { caseRef, cells } of parsed.chases) {
      const id = caseId(caseRef);
      if (chaseExists.get(id, cells.date)) summary.duplicatesSkipped++;
      else {
        insertChase.run(id, cells.date, cells.to, cells.method, cells.note, options.actor, stamp, id);
        summary.chases++;
        touched.add(id);
      }
      tick('Importing chases');
    }
    for (const id of touched) {
      rewriteCaseTimers(db, id, options.rules);
      tick('Working out timers');
    }
    // Her engagement from the cases sheet, dated the day of the import, unless her contacts
    // (now written, and read by the timers just worked out) already give that status.
    const current = db.prepare('SELECT engagement FROM cases WHERE id = ?').pluck();
    const setEngagement = db.prepare(
      "INSERT INTO engagement_changes (case_id, change_date, status, source, recorded_by, recorded_at) VALUES (?, ?, ?, 'import', ?, ?)",
    );
    for (const c of parsed.cases) {
      if (!c.engagement) continue;
      const id = caseId(c.caseRef);
      if (current.get(id) === c.engagement) continue;
      setEngagement.run(id, londonDate(options.now), c.engagement, options.actor, stamp);
      rewriteCaseTimers(db, id, options.rules);
    }
    done = total - 1;
    tick('Working out timers');
    if (failures.length) throw new ImportFailed(failures);
    recordAudit(db, options.actor, { action: 'import.completed', detail: { ...summary, newWorkers: summary.newWorkers.length } }, options.now);
  });
  write();
  db.exec('ANALYZE');
  return summary;
}
