/**
 * The contact log. A note is a draft until saved as final; a final note is never
 * overwritten (corrections are amendments, kept beneath it with author and time).
 * Deleting is a soft delete, seen by admins, audited, and out of every timer.
 * A contact that breaks a safe-contact rule needs a reason, which is audited.
 */
import type { z } from 'zod';
import { contactInputSchema, type ContactFields } from '../../../shared/record-inputs';
import { unsafeContactRules, type SafeContactProfile } from '../../../shared/safe-contact';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import { rewriteCaseTimers } from '../cases/timer-store';
import type { Db } from '../db/open-database';
import { creditedWorker } from '../cases/credit';
import { PlwError } from '../errors';

export interface ContactRow {
  id: number;
  date: string;
  time: string | null;
  method: string;
  direction: string;
  outcome: string;
  withVictim: boolean;
  withWhom: string | null;
  durationMinutes: number | null;
  notes: string | null;
  sensitive: boolean;
  isFinal: boolean;
  overrideReason: string | null;
  recordedBy: string;
  recordedAt: string;
  deletedAt: string | null;
  deletedBy: string | null;
  deletedReason: string | null;
  amendments: { text: string; author: string; createdAt: string }[];
  version: number;
}

export function safeProfileOf(db: Db, caseId: number): SafeContactProfile {
  const row = db
    .prepare(
      `SELECT v.no_voicemail, v.no_letters, v.no_texts, v.safe_address, v.do_not_contact_via, v.do_not_contact_via_about, c.engagement
       FROM cases c JOIN victims v ON v.id = c.victim_id WHERE c.id = ?`,
    )
    .get(caseId) as
    | {
        no_voicemail: number;
        no_letters: number;
        no_texts: number;
        safe_address: string | null;
        do_not_contact_via: string | null;
        do_not_contact_via_about: string | null;
        engagement: string;
      }
    | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  return {
    noVoicemail: row.no_voicemail === 1,
    noLetters: row.no_letters === 1,
    noTexts: row.no_texts === 1,
    safeAddress: row.safe_address,
    doNotContactVia: row.do_not_contact_via,
    doNotContactViaAbout: row.do_not_contact_via_about,
    noContactAtAll: row.engagement === 'no_contact',
  };
}

/** Throws UNSAFE_CONTACT naming the rules, unless a reason to go ahead was given; returns the rules overridden. */
export function checkSafeContact(
  db: Db,
  caseId: number,
  act: { method: string; outcome?: string | null; withWhom?: string | null; direction?: string | null },
  overrideReason: string | null,
): string[] {
  const broken = unsafeContactRules(safeProfileOf(db, caseId), act);
  if (broken.length && !overrideReason) {
    throw new PlwError('UNSAFE_CONTACT', `${broken.map((b) => b.message).join(' ')} To go ahead anyway, give the reason.`, 'overrideReason');
  }
  return broken.map((b) => b.rule);
}

export function logContactRecord(ctx: WriteContext, caseId: number, input: z.output<typeof contactInputSchema>): number {
  const fields = input;
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the contact', value: fields.date }]);
  return db.transaction(() => {
    const overridden = checkSafeContact(
      db,
      caseId,
      { method: fields.method, outcome: fields.outcome, withWhom: fields.withVictim ? null : fields.withWhom, direction: fields.direction },
      fields.overrideReason,
    );
    const id = insertContact(
      db,
      caseId,
      fields,
      ctx.actor,
      now.toISOString(),
      overridden.length ? fields.overrideReason : null,
      creditedWorker(db, ctx.actor, caseId, now),
    );
    if (overridden.length)
      recordAudit(db, ctx.actor, { action: 'safe-contact.overridden', entityType: 'contact', entityId: id, caseId, detail: { rules: overridden } }, now);
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'contact.logged', entityType: 'contact', entityId: id, caseId, detail: { final: fields.final } }, now);
    return id;
  })();
}

function insertContact(db: Db, caseId: number, f: ContactFields, actor: string, stamp: string, overrideReason: string | null, credited: number | null): number {
  return Number(
    db
      .prepare(
        `INSERT INTO contacts (case_id, contact_date, contact_time, method, direction, outcome, with_victim, with_whom, duration_minutes, notes, sensitive, is_final,
           unsafe_override_reason, recorded_by, recorded_at, credited_worker_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        caseId,
        f.date,
        f.time,
        f.method,
        f.direction,
        f.outcome,
        f.withVictim ? 1 : 0,
        f.withVictim ? null : f.withWhom,
        f.durationMinutes,
        f.notes,
        f.sensitive ? 1 : 0,
        f.final ? 1 : 0,
        overrideReason,
        actor,
        stamp,
        credited,
      ).lastInsertRowid,
  );
}

function contactOrFail(db: Db, contactId: number): { case_id: number; is_final: number; deleted_at: string | null; recorded_by: string } {
  const row = db.prepare('SELECT case_id, is_final, deleted_at, recorded_by FROM contacts WHERE id = ?').get(contactId) as
    { case_id: number; is_final: number; deleted_at: string | null; recorded_by: string } | undefined;
  if (!row || row.deleted_at) throw new PlwError('NOT_FOUND', 'That contact no longer exists.');
  return row;
}

/** Only a draft can be changed, and only by the person who wrote it. */
export function updateDraftContact(ctx: WriteContext, contactId: number, input: z.output<typeof contactInputSchema>, version: number | null): void {
  const fields = input;
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the contact', value: fields.date }]);
  db.transaction(() => {
    const row = contactOrFail(db, contactId);
    if (row.is_final) throw new PlwError('NOT_ALLOWED', 'A final note cannot be changed. Add an amendment instead.');
    if (row.recorded_by !== ctx.actor) throw new PlwError('NOT_ALLOWED', 'Only the person who wrote a draft can change it.');
    // The same person, in two windows: the draft saved in one is not put back by the other.
    takeVersion(db, 'contact', contactId, version, ctx.actor, now);
    const overridden = checkSafeContact(
      db,
      row.case_id,
      { method: fields.method, outcome: fields.outcome, withWhom: fields.withVictim ? null : fields.withWhom, direction: fields.direction },
      fields.overrideReason,
    );
    db.prepare(
      `UPDATE contacts SET contact_date = ?, contact_time = ?, method = ?, direction = ?, outcome = ?, with_victim = ?, with_whom = ?, duration_minutes = ?,
         notes = ?, sensitive = ?, is_final = ?, unsafe_override_reason = ?, updated_at = ? WHERE id = ?`,
    ).run(
      fields.date,
      fields.time,
      fields.method,
      fields.direction,
      fields.outcome,
      fields.withVictim ? 1 : 0,
      fields.withVictim ? null : fields.withWhom,
      fields.durationMinutes,
      fields.notes,
      fields.sensitive ? 1 : 0,
      fields.final ? 1 : 0,
      overridden.length ? fields.overrideReason : null,
      now.toISOString(),
      contactId,
    );
    if (overridden.length)
      recordAudit(
        db,
        ctx.actor,
        { action: 'safe-contact.overridden', entityType: 'contact', entityId: contactId, caseId: row.case_id, detail: { rules: overridden } },
        now,
      );
    rewriteCaseTimers(db, row.case_id, ctx.rules);
    recordAudit(
      db,
      ctx.actor,
      { action: fields.final ? 'contact.finalised' : 'contact.draft-updated', entityType: 'contact', entityId: contactId, caseId: row.case_id },
      now,
    );
  })();
}

export function amendContact(ctx: WriteContext, contactId: number, text: string): void {
  const { db, now } = ctx;
  const clean = text.trim();
  if (!clean) throw new PlwError('VALIDATION', 'Enter the amendment', 'text');
  db.transaction(() => {
    const row = contactOrFail(db, contactId);
    if (!row.is_final) throw new PlwError('NOT_ALLOWED', 'This note is still a draft: change it directly.');
    db.prepare('INSERT INTO contact_amendments (contact_id, text, author, created_at) VALUES (?, ?, ?, ?)').run(contactId, clean, ctx.actor, now.toISOString());
    recordAudit(db, ctx.actor, { action: 'contact.amended', entityType: 'contact', entityId: contactId, caseId: row.case_id }, now);
  })();
}

/** Soft delete: the contact stays for admins and the audit, and stops counting for timers. */
export function deleteContact(ctx: WriteContext & { role: string }, contactId: number, reason: string): void {
  const { db, now } = ctx;
  if (!reason.trim()) throw new PlwError('VALIDATION', 'Say why the contact is being deleted', 'reason');
  db.transaction(() => {
    const row = contactOrFail(db, contactId);
    if (row.recorded_by !== ctx.actor && ctx.role !== 'admin')
      throw new PlwError('NOT_ALLOWED', 'Only the person who logged a contact, or an administrator, can delete it.');
    takeVersion(db, 'contact', contactId, null, ctx.actor, now);
    db.prepare('UPDATE contacts SET deleted_at = ?, deleted_by = ?, deleted_reason = ? WHERE id = ?').run(
      now.toISOString(),
      ctx.actor,
      reason.trim(),
      contactId,
    );
    rewriteCaseTimers(db, row.case_id, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'contact.deleted', entityType: 'contact', entityId: contactId, caseId: row.case_id }, now);
  })();
}

export function listContacts(db: Db, caseId: number, options: { includeDeleted: boolean; hideSensitiveNotes: boolean }): ContactRow[] {
  const rows = db
    .prepare(
      `SELECT id, contact_date AS date, contact_time AS time, method, direction, outcome, with_victim AS withVictim, with_whom AS withWhom,
              duration_minutes AS durationMinutes, notes, sensitive, is_final AS isFinal, unsafe_override_reason AS overrideReason,
              recorded_by AS recordedBy, recorded_at AS recordedAt, deleted_at AS deletedAt, deleted_by AS deletedBy, deleted_reason AS deletedReason, version
       FROM contacts WHERE case_id = ? ${options.includeDeleted ? '' : 'AND deleted_at IS NULL'}
       ORDER BY contact_date DESC, coalesce(contact_time, '') DESC, id DESC`,
    )
    .all(caseId) as (Omit<ContactRow, 'withVictim' | 'sensitive' | 'isFinal' | 'amendments'> & { withVictim: number; sensitive: number; isFinal: number })[];
  const amendments = db.prepare('SELECT text, author, created_at AS createdAt FROM contact_amendments WHERE contact_id = ? ORDER BY id');
  return rows.map((r) => ({
    ...r,
    withVictim: r.withVictim === 1,
    sensitive: r.sensitive === 1,
    isFinal: r.isFinal === 1,
    // Hidden whole: the note, its corrections and any reason given for an unsafe contact.
    notes: r.sensitive === 1 && options.hideSensitiveNotes ? null : r.notes,
    overrideReason: r.sensitive === 1 && options.hideSensitiveNotes ? null : r.overrideReason,
    amendments: r.sensitive === 1 && options.hideSensitiveNotes ? [] : (amendments.all(r.id) as ContactRow['amendments']),
  }));
}
