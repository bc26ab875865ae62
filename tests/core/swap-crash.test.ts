/**
 * Rekey and restore killed with SIGKILL at every phase of the swap, and at random
 * moments: after every kill, the admin's passphrase (a key a person holds) opens the
 * file, `plw verify`'s checks pass, the case committed just before is still there
 * (for a restore: in the live file or in the copy kept aside), and no half-made file
 * is left behind. Before the commit point the old raw key still opens the file; after
 * it the new one does, with nothing to repair by hand.
 *
 * PLW_SWAP_CASES (default 1,500) and PLW_SWAP_KILLS (random kills per operation,
 * default 8) scale it up: `PLW_SWAP_CASES=20000 PLW_SWAP_KILLS=100` is the soak run
 * whose figures are in the README.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../electron/core/backup/backups';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { SWAP_PHASES, type SwapPhase } from '../../electron/core/db/database-swap';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { keyringPathFor, readKeyring } from '../../electron/core/crypto/keyring';
import { addAccount, enableAccount } from '../../electron/core/team/accounts';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { verifyDatabase } from '../../electron/core/team/verify';
import { ADMIN, ADMIN_PASSPHRASE, bundleTestChild, closeTeamDatabase, newTeamDatabase, opensWithRawKey, tempFolder } from './helpers';

const CASES = Number(process.env.PLW_SWAP_CASES ?? 1500);
const RANDOM_KILLS = Number(process.env.PLW_SWAP_KILLS ?? 8);
const COMMIT_POINT = SWAP_PHASES.indexOf('database-replaced');

type Mode = 'rekey' | 'restore';
const PHASES: Record<Mode, SwapPhase[]> = {
  rekey: SWAP_PHASES.filter((p) => p !== 'kept-aside'),
  restore: SWAP_PHASES.filter((p) => p !== 'next-database-rekeyed'),
};

/** Runs the child; `killAfterMs` counts from its "start" line (after its case is committed). */
function runChild(script: string, args: string[], killAfterMs: number | null): Promise<{ lines: string[]; killed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PLW_PASSPHRASE: ADMIN_PASSPHRASE, NODE_PATH: join(import.meta.dirname, '../../node_modules') },
    });
    let out = '';
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    const stuck = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!started && out.includes('start\n')) {
        started = performance.now();
        if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(stuck);
      resolve({ lines: out.split('\n').slice(0, -1), killed: signal === 'SIGKILL', ms: performance.now() - started });
    });
  });
}

const hasCase = (db: Database.Database, ref: string) => db.prepare('SELECT 1 FROM cases WHERE case_ref = ?').get(ref) !== undefined;

interface AfterKill {
  oldKeyOpenedBeforeRecovery: boolean;
  recovery: string;
  caseKept: boolean;
  verified: boolean;
  leftovers: string[];
}

/** Everything a person would do after the crash: unlock (which recovers), verify, look for the case. */
async function checkAfterKill(folder: string, databasePath: string, oldKeyHex: string, ref: string): Promise<AfterKill & { keyHex: string }> {
  const oldKeyOpenedBeforeRecovery = opensWithRawKey(databasePath, oldKeyHex);
  const open = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
  // This unlock's entries end the log: [what recovery did,] session.unlocked.
  const previous = (open.db.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET 1').get() as { action: string }).action;
  const recovery = previous.startsWith('database.swap-') ? previous : 'none';
  let caseKept = hasCase(open.db, ref);
  const keyHex = open.dataKey.toString('hex');
  closeTeamDatabase(open);
  const verified = verifyDatabase(databasePath, keyHex).ok;
  const asides = readdirSync(folder).filter((n) => /^team\.plwdb\.before-restore-[^.]+$/.test(n));
  if (!caseKept && asides.length) {
    // A restore that committed: the case written before it is in the copy kept aside.
    const aside = join(folder, asides.sort().at(-1)!);
    const kept = await unlockTeamDatabase({ databasePath: aside, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    caseKept = hasCase(kept.db, ref);
    closeTeamDatabase(kept);
  }
  for (const name of readdirSync(folder)) if (name.includes('before-restore-')) rmSync(join(folder, name));
  const leftovers = readdirSync(folder).filter((n) => /\.next|\.partial|\.tmp$|-journal$/.test(n));
  return { oldKeyOpenedBeforeRecovery, recovery, caseKept, verified, leftovers, keyHex };
}

async function setUp(mode: Mode): Promise<{ folder: string; databasePath: string; keyHex: string; backupFile: string | undefined }> {
  const { open, databasePath, folder } = await newTeamDatabase();
  generateDemo(open.db, { cases: CASES, seed: 7, actor: ADMIN, rules: readTimerRules(open.db), now: new Date('2026-11-24T10:00:00Z') });
  const backupFile =
    mode === 'restore' ? backupDatabase(open.db, databasePath, open.dataKey.toString('hex'), tempFolder(), new Date('2026-11-24T10:00:00Z')).file : undefined;
  const keyHex = open.dataKey.toString('hex');
  closeTeamDatabase(open);
  return { folder, databasePath, keyHex, backupFile };
}

describe.each(['rekey', 'restore'] as const)('%s, killed', (mode) => {
  it(`at every phase of the swap: the right key opens the file, verify is clean, nothing committed is lost (${CASES.toLocaleString('en-GB')} cases)`, async () => {
    const script = bundleTestChild('swap-crash-child');
    const { folder, databasePath, backupFile, ...initial } = await setUp(mode);
    let keyHex = initial.keyHex;
    const results: Record<string, AfterKill> = {};
    for (const [index, phase] of PHASES[mode].entries()) {
      const ref = `PHASE-${index}`;
      const run = await runChild(script, [mode, databasePath, phase, ref, ...(backupFile ? [backupFile] : [])], null);
      expect(run.lines).toContain(`phase ${phase}`);
      expect(run.killed).toBe(true);
      const { keyHex: nowKey, ...after } = await checkAfterKill(folder, databasePath, keyHex, ref);
      results[phase] = after;
      const committed = SWAP_PHASES.indexOf(phase) >= COMMIT_POINT;
      expect({ phase, ...after }).toEqual({
        phase,
        // Before the commit point nothing has changed on disk; after it the new pair is in place.
        oldKeyOpenedBeforeRecovery: !committed || mode === 'restore',
        recovery: phase === 'keyring-replaced' ? 'none' : committed ? 'database.swap-finished' : 'database.swap-rolled-back',
        caseKept: true,
        verified: true,
        leftovers: [],
      });
      keyHex = nowKey;
    }
    console.log(`${mode}: killed at ${Object.keys(results).length} phases (${Object.keys(results).join(', ')}), 0 lost, 0 unopenable`);
  }, 600_000);

  it(`at ${RANDOM_KILLS} random moments: never a file no key opens, never a lost write`, async () => {
    const script = bundleTestChild('swap-crash-child');
    const { folder, databasePath, backupFile, ...initial } = await setUp(mode);
    let keyHex = initial.keyHex;
    // How long one whole swap takes here, so the kills spread across all of it.
    const whole = await runChild(script, [mode, databasePath, 'none', 'WHOLE', ...(backupFile ? [backupFile] : [])], null);
    expect(whole.lines.at(-1)).toBe('done');
    keyHex = (await checkAfterKill(folder, databasePath, keyHex, 'WHOLE')).keyHex;

    const outcomes = { 'rolled back': 0, finished: 0, 'ran to the end': 0 };
    let problems = 0;
    for (let kill = 0; kill < RANDOM_KILLS; kill++) {
      const ref = `RANDOM-${kill}`;
      const run = await runChild(script, [mode, databasePath, 'none', ref, ...(backupFile ? [backupFile] : [])], Math.random() * whole.ms * 1.1);
      const { keyHex: nowKey, ...after } = await checkAfterKill(folder, databasePath, keyHex, ref);
      keyHex = nowKey;
      outcomes[!run.killed ? 'ran to the end' : after.recovery === 'database.swap-finished' ? 'finished' : 'rolled back']++;
      if (!after.caseKept || !after.verified || after.leftovers.length) problems++;
      expect({ kill, caseKept: after.caseKept, verified: after.verified, leftovers: after.leftovers }).toEqual({
        kill,
        caseKept: true,
        verified: true,
        leftovers: [],
      });
    }
    expect(problems).toBe(0);
    console.log(
      `${mode}: ${RANDOM_KILLS} random kills over a ${Math.round(whole.ms)} ms swap of ${CASES.toLocaleString('en-GB')} cases: ${JSON.stringify(outcomes)}, 0 unopenable, 0 lost`,
    );
    expect(existsSync(`${databasePath}.next`)).toBe(false);
  }, 3_600_000);
});

describe('disabling a leaver, killed at every phase of its swap', () => {
  it('leaves either the old key with her still able to unlock, or the new key with her disabled and out of the keyring: never a mix', async () => {
    const script = bundleTestChild('swap-crash-child');
    const { open, databasePath, folder } = await newTeamDatabase();
    generateDemo(open.db, { cases: 300, seed: 7, actor: ADMIN, rules: readTimerRules(open.db), now: new Date('2026-11-24T10:00:00Z') });
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'priya temporary one' });
    closeTeamDatabase(open);
    const priyaSetsPassphrase = async (temporary: string) =>
      closeTeamDatabase(await unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: temporary, newPassphrase: 'priya own passphrase' }));
    await priyaSetsPassphrase('priya temporary one');

    const seen: string[] = [];
    for (const [index, phase] of PHASES.rekey.entries()) {
      const ref = `LEAVER-${index}`;
      const run = await runChild(script, ['disable', databasePath, phase, ref], null);
      expect(run.killed).toBe(true);
      const admin = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
      const disabled = (admin.db.prepare("SELECT disabled_at AS d FROM accounts WHERE account_name = 'Priya PLW'").get() as { d: string | null }).d !== null;
      const caseKept = hasCase(admin.db, ref);
      closeTeamDatabase(admin);
      const inKeyring = readKeyring(keyringPathFor(databasePath)).accounts.some((e) => e.accountName === 'Priya PLW');
      const priyaOpens = await unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'priya own passphrase' }).then(
        (o) => (closeTeamDatabase(o), true),
        () => false,
      );
      const committed = SWAP_PHASES.indexOf(phase) >= COMMIT_POINT;
      expect({ phase, disabled, inKeyring, priyaOpens, caseKept }).toEqual({
        phase,
        disabled: committed,
        inKeyring: !committed,
        priyaOpens: !committed,
        caseKept: true,
      });
      expect(readdirSync(folder).filter((n) => /\.next|\.partial|\.tmp$|-journal$/.test(n))).toEqual([]);
      seen.push(`${phase}: ${committed ? 'disabled, new key' : 'not disabled, old key'}`);
      if (committed) {
        // Back for the next phase: enabled with a temporary passphrase, which she replaces.
        const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
        await enableAccount(again, { accountName: 'Priya PLW', temporaryPassphrase: `priya temporary ${index}!` });
        closeTeamDatabase(again);
        await priyaSetsPassphrase(`priya temporary ${index}!`);
      }
    }
    console.log(`disable: killed at ${seen.length} phases; ${seen.join('; ')}`);
  }, 600_000);
});
