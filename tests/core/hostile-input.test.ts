/**
 * Hostile and bad input: random values at every IPC channel, awkward text stored and
 * read back, and junk fed to the importer. Each is either accepted exactly or refused
 * with a clear error; nothing crashes, nothing is half-written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { tidyName } from '../../shared/person-names';
import { describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { brokenAuditEntry } from '../../electron/core/audit';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { ERROR_CODES } from '../../shared/errors';
import { tempFolder } from './helpers';

const SKIP = new Set(['session.lock']); // would lock the core the rest of the run needs

async function unlockedCore() {
  const folder = tempFolder();
  const core = new AppCore({ configDir: folder, emit: () => undefined, choose: async () => null, now: () => new Date('2026-11-24T10:00:00Z') });
  const handlers = createHandlers(core);
  await dispatch(handlers, 'database.create', {
    teamName: 'Team',
    accountName: 'Sam Admin',
    passphrase: 'a long passphrase',
    passphraseConfirm: 'a long passphrase',
  });
  await dispatch(handlers, 'cases.create', { case: { ownerName: 'Sam Admin', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' } });
  return { core, handlers, folder };
}

const awkward = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '=HYPERLINK("http://evil.example","click")',
    '+1+1',
    '@SUM(A1)',
    '-2',
    "Robert'); DROP TABLE cases;--",
    'ZWJ 👩‍👩‍👧 family',
    'RTL \u202Eevil',
    'nul\u0000byte',
    ' padded  ',
  ),
);

describe('hostile input', () => {
  it('every channel answers random input with a result or a clear error, never a crash', async () => {
    const { core, handlers } = await unlockedCore();
    const internal: string[] = [];
    let refused = 0;
    let accepted = 0;
    for (const channel of CHANNEL_NAMES.filter((c) => !SKIP.has(c))) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), fc.object(), fc.record({ caseId: fc.integer(), contactId: fc.integer(), text: awkward })), async (input) => {
          const result = await dispatch(handlers, channel, input);
          if (result.ok) accepted++;
          else {
            refused++;
            expect(ERROR_CODES).toContain(result.error.code);
            expect(result.error.message.length).toBeGreaterThan(5);
            if (result.error.code === 'INTERNAL') internal.push(channel);
          }
        }),
        { numRuns: 25 },
      );
    }
    expect(internal).toEqual([]);
    expect(refused + accepted).toBe((CHANNEL_NAMES.length - SKIP.size) * 25);
    const db = core.session()!.database.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(brokenAuditEntry(db)).toBeNull();
    console.log(
      `hostile input: ${refused + accepted} random inputs to ${CHANNEL_NAMES.length - SKIP.size} channels, ${refused} refused clearly, ${accepted} accepted, 0 crashes`,
    );
  }, 120_000);

  it('awkward text is stored and read back exactly, and text too long is refused with the field named', async () => {
    const { handlers } = await unlockedCore();
    await fc.assert(
      fc.asyncProperty(
        awkward.filter((s) => s.trim().length > 0 && s.trim().length <= 120),
        async (name) => {
          const created = await dispatch(handlers, 'cases.create', {
            case: { ownerName: 'Sam Admin', victimName: name, perpetratorName: 'P', sentenceDate: '2026-11-02' },
          });
          expect(created.ok).toBe(true);
          const caseId = (created as { value: { caseId: number } }).value.caseId;
          const read = (await dispatch(handlers, 'cases.get', { caseId })) as { ok: true; value: { fields: { victimName: string } } };
          // Names are tidied as everywhere (shared/person-names: ends trimmed, runs of spaces made one); nothing else changes.
          expect(read.value.fields.victimName).toBe(tidyName(name));
        },
      ),
      { numRuns: 60 },
    );
    const huge = 'x'.repeat(1_000_000);
    expect(
      await dispatch(handlers, 'contacts.log', { caseId: 1, contact: { date: '2026-11-20', method: 'phone', outcome: 'no_answer', notes: huge } }),
    ).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Notes must be 20000 characters or fewer', field: 'contact.notes' },
    });
    const notes = 'y'.repeat(20_000);
    expect((await dispatch(handlers, 'contacts.log', { caseId: 1, contact: { date: '2026-11-20', method: 'phone', outcome: 'no_answer', notes } })).ok).toBe(
      true,
    );
    const list = (await dispatch(handlers, 'contacts.list', { caseId: 1 })) as { ok: true; value: { notes: string }[] };
    expect(list.value[0]!.notes).toBe(notes);
  }, 120_000);

  it('junk given to the importer gets a clear message and writes nothing', async () => {
    const { core, handlers, folder } = await unlockedCore();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('junk.xlsx', 'junk'), async (bytes, name) => {
        const path = join(folder, name);
        if (name === 'junk') {
          const { mkdirSync } = await import('node:fs');
          mkdirSync(path, { recursive: true });
          writeFileSync(join(path, 'cases.csv'), Buffer.from(bytes));
        } else writeFileSync(path, Buffer.from(bytes));
        core.session()!.state.importSource = path;
        const result = await dispatch(handlers, 'import.run', { update: false });
        // Junk is never imported: either refused outright, or checked and every problem listed.
        if (result.ok) expect((result.value as { imported: unknown; preview: { errors: unknown[] } }).preview.errors.length).toBeGreaterThan(0);
        else expect(result.error.code).not.toBe('INTERNAL');
      }),
      { numRuns: 40 },
    );
    expect(core.session()!.database.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
  }, 120_000);
});
