/**
 * Security is the product: with known personal data written, nothing on disk
 * (database, WAL, shared memory, journal, keyring, backups, temp files) holds
 * any of it in readable form.
 */
import { childInputSchema, contactInputSchema } from '../../shared/record-inputs';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import { addAccount } from '../../electron/core/team/accounts';
import { rekeyTeamDatabase } from '../../electron/core/team/rekey';
import type { OpenTeamDatabase } from '../../electron/core/team/open-team-database';
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { logContactRecord } from '../../electron/core/records/contacts';
import { saveChild } from '../../electron/core/records/children';
import { ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase } from './helpers';

const KNOWN = {
  victimGiven: 'Philippa',
  victimFamily: 'Quenby-Zetland',
  phone: '07700 900461',
  email: 'philippa.qz@example.org',
  address: '14 Larkspur Close, Haslingden',
  postcode: 'BB4 7QZ',
  perpetratorFamily: 'Threlkeld',
  crn: 'X123456',
  childName: 'Oriana',
};

function writeKnownCase(open: OpenTeamDatabase) {
  // Through the real write path: case, victim, perpetrator, search index, timers, audit.
  const ctx = { db: open.db, actor: 'Sam Admin', now: new Date('2026-11-24T09:00:00Z'), rules: readTimerRules(open.db) };
  const { caseId } = createCase(ctx, {
    ownerName: 'Priya Shah',
    victimName: `${KNOWN.victimGiven} ${KNOWN.victimFamily}`,
    victimPhone: KNOWN.phone,
    victimEmail: KNOWN.email,
    victimAddress: KNOWN.address,
    victimPostcode: KNOWN.postcode,
    perpetratorName: `Darren ${KNOWN.perpetratorFamily}`,
    crn: KNOWN.crn,
    sentenceDate: '2026-11-20',
  });
  saveChild(ctx, caseId, null, childInputSchema.parse({ name: KNOWN.childName, ageYears: 6 }), null);
  logContactRecord(
    ctx,
    caseId,
    contactInputSchema.parse({
      date: '2026-11-24',
      method: 'phone',
      outcome: 'spoke_to_victim',
      notes: `Spoke to ${KNOWN.victimGiven} at ${KNOWN.address}`,
    }),
  );
}

function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesBelow(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function plaintextHits(paths: string[]): string[] {
  const hits: string[] = [];
  for (const path of paths) {
    const bytes = readFileSync(path);
    for (const [field, value] of Object.entries(KNOWN)) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(value, encoding))) hits.push(`${field} (${encoding}) in ${path}`);
      }
    }
  }
  return hits;
}

function tempFilesSince(startMs: number, exclude: string): string[] {
  const root = tmpdir();
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((path) => path !== exclude && !path.includes('plw-test-') && statSync(path).mtimeMs >= startMs)
    .flatMap((path) => (statSync(path).isDirectory() ? [] : [path]));
}

describe('nothing readable on disk', () => {
  it('the database, its WAL and the keyring never hold personal data in plaintext, open or closed', async () => {
    const started = Date.now();
    const { open, databasePath, folder } = await newTeamDatabase();
    writeKnownCase(open);
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'temporary passphrase one' });

    // While open: the data sits in the WAL, not yet checkpointed. The lock names only computer, process and time.
    expect(readdirSync(folder).sort()).toEqual(['team.plwdb', 'team.plwdb-shm', 'team.plwdb-wal', 'team.plwdb.keyring', 'team.plwdb.lock']);
    expect(statSync(`${databasePath}-wal`).size).toBeGreaterThan(0);
    expect(plaintextHits(filesBelow(folder))).toEqual([]);

    // A migration backup and a rekey (which passes through a rollback journal) leave nothing either.
    migrate(open.db, databasePath, { migrations: [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'noop', up: () => undefined }] });
    await rekeyTeamDatabase(open, {
      passphrase: ADMIN_PASSPHRASE,
      others: [{ accountName: 'Priya PLW', kind: 'temporary', passphrase: 'another temporary one' }],
    });
    writeKnownCase2(open);
    closeTeamDatabase(open);

    const files = filesBelow(folder);
    expect(files.some((f) => f.endsWith('.bak'))).toBe(true);
    expect(plaintextHits(files)).toEqual([]);
    expect(plaintextHits(tempFilesSince(started, folder))).toEqual([]);
    // The sanity check of the check: the same search does find the data when it is there.
    expect(plaintextHits([writePlainCopy(folder)]).length).toBeGreaterThan(0);
  });
});

function writeKnownCase2(open: OpenTeamDatabase) {
  open.db.prepare('UPDATE victims SET safe_address = ?').run(KNOWN.address);
}

function writePlainCopy(folder: string): string {
  const path = join(folder, 'control.txt');
  writeFileSync(path, Object.values(KNOWN).join('\n'));
  return path;
}
