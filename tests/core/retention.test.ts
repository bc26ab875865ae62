import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipher } from '../../electron/core/db/open-database';
import { describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { eraseCase } from '../../electron/core/records/retention';
import { ADMIN, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

describe('retention', () => {
  it('lists closed cases due for review, and erasing one leaves no trace of its text in the file, only counts', async () => {
    const folder = tempFolder();
    const core = new AppCore({ configDir: folder, emit: () => undefined, choose: async () => null, now: () => new Date('2026-11-24T10:00:00Z') });
    const handlers = createHandlers(core);
    const ok = async (channel: string, input: unknown) => {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.value as never;
    };
    await ok('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
    const old = (await ok('cases.create', {
      case: {
        caseRef: 'OLD-1',
        ownerName: 'Sam Admin',
        victimName: 'Philippa Quenby-Zetland',
        victimPhone: '07700 900461',
        perpetratorName: 'Darren Threlkeld',
        crn: 'X123456',
        sentenceDate: '2018-03-01',
        referralReceivedDate: '2018-03-05',
        closedDate: '2019-06-30',
      },
    })) as { caseId: number };
    await ok('contacts.log', {
      caseId: old.caseId,
      contact: { date: '2018-03-08', method: 'phone', outcome: 'spoke_to_victim', notes: 'Discussed the Larkspur Close safety plan' },
    });
    await ok('children.save', { caseId: old.caseId, child: { name: 'Oriana Quenby', ageYears: 4 } });
    const recent = (await ok('cases.create', {
      case: { caseRef: 'NEW-1', ownerName: 'Sam Admin', victimName: 'Keep Me', perpetratorName: 'P', sentenceDate: '2025-01-01', closedDate: '2025-12-01' },
    })) as { caseId: number };

    const due = (await ok('retention.due', {})) as { years: number; cases: { caseRef: string }[] };
    expect(due).toEqual({ years: 6, cases: [expect.objectContaining({ caseRef: 'OLD-1', closedDate: '2019-06-30' })] });
    expect(await dispatch(handlers, 'retention.erase', { caseId: old.caseId, confirmed: false })).toMatchObject({ ok: false, error: { field: 'confirmed' } });
    expect(await ok('retention.erase', { caseId: old.caseId, confirmed: true })).toEqual({ erased: 'OLD-1' });
    expect(await dispatch(handlers, 'retention.erase', { caseId: recent.caseId, confirmed: true })).toMatchObject({ ok: true });

    const db = core.session()!.database.db;
    expect(db.prepare('SELECT case_id, counts FROM erased_cases WHERE case_id = ?').get(old.caseId)).toMatchObject({ case_id: old.caseId });
    expect(JSON.parse((db.prepare('SELECT counts FROM erased_cases WHERE case_id = ?').get(old.caseId) as { counts: string }).counts)).toMatchObject({
      contacts: 1,
      children: 1,
    });
    core.lock('requested');
    // The whole folder, database and WAL included, searched as raw bytes: nothing readable, and
    // (decrypted) nothing left either, since secure_delete and VACUUM leave no old pages.
    for (const name of readdirSync(folder)) {
      const bytes = readFileSync(`${folder}/${name}`);
      for (const text of ['Quenby-Zetland', 'Threlkeld', 'Larkspur', 'Oriana', '07700 900461'])
        expect(bytes.includes(Buffer.from(text)), `${text} in ${name}`).toBe(false);
    }
    // The real proof: a copy decrypted in place (every page, free ones too) holds none of it.
    await ok('session.unlock', { accountName: 'Sam Admin', passphrase: 'a long passphrase' });
    const keyHex = core.session()!.database.dataKey.toString('hex');
    core.lock('requested');
    const copy = join(tempFolder(), 'plain-copy.db');
    copyFileSync(join(folder, 'team.plwdb'), copy);
    const plain = new Database(copy);
    applyCipher(plain, keyHex);
    plain.pragma('journal_mode=DELETE');
    plain.pragma("rekey=''");
    plain.close();
    const plainBytes = readFileSync(copy);
    expect(plainBytes.includes(Buffer.from('Keep Me'))).toBe(false); // erased too (it was closed)
    expect(plainBytes.includes(Buffer.from('Sam Admin'))).toBe(true); // the copy really is readable
    for (const text of ['Quenby-Zetland', 'Threlkeld', 'Larkspur', 'Oriana', '07700 900461']) expect(plainBytes.includes(Buffer.from(text)), text).toBe(false);
    await ok('session.unlock', { accountName: 'Sam Admin', passphrase: 'a long passphrase' });
    const reopened = core.session()!.database.db;
    const everything = (reopened.prepare("SELECT group_concat(name || coalesce(phone, '')) AS t FROM victims").get() as { t: string | null }).t ?? '';
    expect(everything).not.toContain('Quenby');
    expect(reopened.prepare("SELECT count(*) AS n FROM case_search WHERE case_search MATCH 'quenby*'").get()).toEqual({ n: 0 });
  });
});

describe('case ids after erasure', () => {
  it('a case made after the newest one was erased takes a new id, so its audit trail is its own and it can be erased too', async () => {
    const { open } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    const closed = { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2018-03-01', closedDate: '2019-06-30' };
    const first = createCase(ctx, closed).caseId;
    eraseCase(ctx, first);
    const second = createCase(ctx, closed).caseId;
    expect(second).toBeGreaterThan(first);
    eraseCase(ctx, second);
    expect(open.db.prepare('SELECT case_id FROM erased_cases ORDER BY case_id').pluck().all()).toEqual([first, second]);
    // Each case's audit entries are its own: created and erased, once each.
    const actions = (caseId: number) => open.db.prepare('SELECT action FROM audit_log WHERE case_id = ? ORDER BY id').pluck().all(caseId);
    expect(actions(first)).toEqual(['case.created', 'case.erased']);
    expect(actions(second)).toEqual(['case.created', 'case.erased']);
    closeTeamDatabase(open);
  });
});

describe('subject access', () => {
  it('exports everything held about one victim, as JSON and as a PDF that renders, and audits it', async () => {
    const folder = tempFolder();
    const core = new AppCore({
      configDir: folder,
      emit: () => undefined,
      choose: async (_k, name) => join(folder, name ?? 'x'),
      now: () => new Date('2026-11-24T10:00:00Z'),
    });
    const handlers = createHandlers(core);
    await dispatch(handlers, 'database.create', {
      teamName: 'Team',
      accountName: 'Sam Admin',
      passphrase: 'a long passphrase',
      passphraseConfirm: 'a long passphrase',
    });
    const created = (await dispatch(handlers, 'cases.create', {
      case: {
        caseRef: 'SAR-1',
        ownerName: 'Sam Admin',
        victimName: 'Ana Núñez',
        victimPhone: '07700 900461',
        perpetratorName: 'P',
        sentenceDate: '2026-11-02',
        referralReceivedDate: '2026-11-03',
      },
    })) as { ok: true; value: { caseId: number } };
    const caseId = created.value.caseId;
    await dispatch(handlers, 'contacts.log', {
      caseId,
      contact: { date: '2026-11-04', method: 'phone', outcome: 'spoke_to_victim', notes: 'Safety plan agreed' },
    });
    expect(await dispatch(handlers, 'cases.subjectAccess', { caseId, format: 'json' })).toEqual({ ok: true, value: { savedAs: 'subject-access-SAR-1.json' } });
    const record = JSON.parse(readFileSync(join(folder, 'subject-access-SAR-1.json'), 'utf8'));
    expect(record.case.fields.victimPhone).toBe('07700 900461');
    expect(record.contacts[0].notes).toBe('Safety plan agreed');
    expect(record.timeline.map((e: { title: string }) => e.title)).toContain('Referral received');
    expect((await dispatch(handlers, 'cases.subjectAccess', { caseId, format: 'pdf' })).ok).toBe(true);
    const { execFileSync } = await import('node:child_process');
    const text = execFileSync('pdftotext', [join(folder, 'subject-access-SAR-1.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Record held about Ana Núñez');
    expect(text).toContain('Safety plan agreed');
    expect(core.session()!.database.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'subject-access.exported'").get()).toEqual({ n: 2 });
  });
});
