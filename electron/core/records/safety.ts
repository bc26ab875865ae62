/** The victim's safe-contact profile and the case's IDVA referral. */
import type { z } from 'zod';
import { idvaInputSchema, safeProfileSchema, type SafeProfile } from '../../../shared/record-inputs';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import type { WriteContext } from '../cases/case-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

const PROFILE_COLUMNS: [keyof SafeProfile, string][] = [
  ['safePhone', 'safe_phone'],
  ['safeEmail', 'safe_email'],
  ['safeAddress', 'safe_address'],
  ['safeTimes', 'safe_times'],
  ['preferredLanguage', 'preferred_language'],
  ['interpreterNeeded', 'interpreter_needed'],
  ['accessNeeds', 'access_needs'],
  ['noVoicemail', 'no_voicemail'],
  ['noLetters', 'no_letters'],
  ['noTexts', 'no_texts'],
  ['doNotContactVia', 'do_not_contact_via'],
  ['doNotContactViaAbout', 'do_not_contact_via_about'],
  ['safeContactNotes', 'safe_contact_notes'],
];

export function readSafeProfile(db: Db, caseId: number): SafeProfile {
  const row = db.prepare('SELECT v.* FROM cases c JOIN victims v ON v.id = c.victim_id WHERE c.id = ?').get(caseId) as Record<string, unknown> | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  return Object.fromEntries(
    PROFILE_COLUMNS.map(([key, column]) => [
      key,
      typeof row[column] === 'number' && ['interpreter_needed', 'no_voicemail', 'no_letters', 'no_texts'].includes(column)
        ? row[column] === 1
        : (row[column] ?? null),
    ]),
  ) as SafeProfile;
}

export function updateSafeProfile(ctx: WriteContext, caseId: number, input: z.output<typeof safeProfileSchema>, version: number | null): void {
  const profile = input;
  const { db, now } = ctx;
  db.transaction(() => {
    const victim = db.prepare('SELECT victim_id FROM cases WHERE id = ?').get(caseId) as { victim_id: number } | undefined;
    if (!victim) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    takeVersion(db, 'case', caseId, version, ctx.actor, now);
    const before = readSafeProfile(db, caseId);
    const changed = PROFILE_COLUMNS.filter(([key]) => before[key] !== profile[key]);
    for (const [key, column] of changed) {
      const value = profile[key];
      db.prepare(`UPDATE victims SET ${column} = ?, updated_at = ? WHERE id = ?`).run(
        typeof value === 'boolean' ? (value ? 1 : 0) : value,
        now.toISOString(),
        victim.victim_id,
      );
    }
    recordAudit(
      db,
      ctx.actor,
      { action: 'safe-contact.updated', entityType: 'case', entityId: caseId, caseId, detail: { fields: changed.map(([key]) => key) } },
      now,
    );
  })();
}

/** The IDVA referral lives on the case, so it shares the case's version. */
export function updateIdva(ctx: WriteContext, caseId: number, input: z.output<typeof idvaInputSchema>, version: number | null): void {
  const { db, now } = ctx;
  db.transaction(() => {
    takeVersion(db, 'case', caseId, version, ctx.actor, now);
    db.prepare('UPDATE cases SET idva_status = ?, idva_referral_date = ?, updated_at = ? WHERE id = ?').run(
      input.idvaStatus,
      input.idvaStatus ? input.idvaReferralDate : null,
      now.toISOString(),
      caseId,
    );
    recordAudit(db, ctx.actor, { action: 'idva.updated', entityType: 'case', entityId: caseId, caseId }, now);
  })();
}
