/**
 * A team at work against one team server, for the load tests (and the server bench): 10 workers
 * logging contacts and chases, 5 people editing victims' safe phone numbers (the edit version 1
 * could silently revert), 3 managers reading reports, 2 administrators. Every request is counted,
 * every accepted write remembered, so afterwards the database can be checked against them.
 */
import { randomBytes } from 'node:crypto';
import { TeamServerClient, type PinnedServer } from '../../electron/core/server/team-client';

export interface Person {
  accountName: string;
  role: 'plw' | 'manager' | 'admin';
  kind: 'worker' | 'editor' | 'manager' | 'admin';
  passphrase: string;
}

export const TEMPORARY = 'a temporary passphrase for the load test';

export function teamOfTwenty(): Person[] {
  const people: Person[] = [];
  const add = (n: number, kind: Person['kind'], role: Person['role'], label: string) => {
    for (let i = 1; i <= n; i++) people.push({ accountName: `${label} ${i}`, role, kind, passphrase: `load test passphrase ${label} ${i}` });
  };
  add(10, 'worker', 'plw', 'Worker');
  add(5, 'editor', 'plw', 'Editor');
  add(3, 'manager', 'manager', 'Manager');
  add(2, 'admin', 'admin', 'Administrator');
  return people;
}

export interface LoadTally {
  /** Every request sent, whatever came of it (sign-in not included: it is not a channel call). */
  requests: number;
  /** Requests answered with the channel's own result (ok or a refusal). */
  answered: number;
  /** Refused because someone else saved first: counted, never silent. */
  conflicts: number;
  /** The server could not be reached (the kill test), then recovered from. */
  unavailable: number;
  /** Refusals other than conflicts and unavailability: there should be none. */
  unexpected: { channel: string; code: string; message: string }[];
  contacts: { caseId: number; contactId: number; notes: string }[];
  chases: { caseId: number; note: string }[];
  /** Each accepted safe-phone edit: the case, the phone written, the version it was made from. */
  edits: { caseId: number; phone: string; fromVersion: number }[];
  latencies: number[];
}

export const emptyTally = (): LoadTally => ({
  requests: 0,
  answered: 0,
  conflicts: 0,
  unavailable: 0,
  unexpected: [],
  contacts: [],
  chases: [],
  edits: [],
  latencies: [],
});

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

/**
 * One person working until `until`: signs in (choosing their own passphrase the first time),
 * then works; if the server goes away, waits and signs in again, as the app would.
 */
export async function work(
  server: PinnedServer,
  person: Person,
  cases: readonly number[],
  until: number,
  tally: LoadTally,
  firstSignIn: boolean,
): Promise<void> {
  let client = new TeamServerClient(server);
  let passphraseChosen = !firstSignIn;
  const signIn = async () => {
    for (;;) {
      if (Date.now() > until) return false;
      try {
        if (passphraseChosen) await client.signIn(person.accountName, person.passphrase);
        else await client.signIn(person.accountName, TEMPORARY, person.passphrase);
        passphraseChosen = true;
        return true;
      } catch (error) {
        if ((error as { code?: string }).code !== 'UNAVAILABLE') throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
        client = new TeamServerClient(server);
      }
    }
  };
  if (!(await signIn())) return;
  const call = async (channel: string, input: unknown) => {
    tally.requests++;
    const started = performance.now();
    const result = await client.call(channel, input);
    if (result.ok || (result.error.code !== 'UNAVAILABLE' && result.error.code !== 'SIGNED_OUT')) {
      tally.answered++;
      tally.latencies.push(performance.now() - started);
    }
    if (!result.ok) {
      if (result.error.code === 'CONFLICT') tally.conflicts++;
      else if (result.error.code === 'UNAVAILABLE' || result.error.code === 'SIGNED_OUT') {
        tally.unavailable++;
        // As the app would: a moment before trying again, not a tight loop against a server that is down.
        await new Promise((resolve) => setTimeout(resolve, 250));
      } else tally.unexpected.push({ channel, code: result.error.code, message: result.error.message });
    }
    return result;
  };
  const today = new Date().toISOString().slice(0, 10);
  while (Date.now() < until) {
    if (!client.signedIn) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      client = new TeamServerClient(server);
      if (!(await signIn())) return;
    }
    const caseId = pick(cases);
    const mark = randomBytes(6).toString('hex');
    if (person.kind === 'worker') {
      if (Math.random() < 0.6) {
        const notes = `Load test contact ${mark}`;
        const result = await call('contacts.log', { caseId, contact: { date: today, method: 'face_to_face', outcome: 'spoke_to_victim', notes } });
        if (result.ok) tally.contacts.push({ caseId, contactId: (result.value as { contactId: number }).contactId, notes });
      } else {
        const note = `Load test chase ${mark}`;
        const result = await call('cases.logChase', { caseId, chase: { date: today, toWhom: 'RO', method: 'email', note } });
        if (result.ok) tally.chases.push({ caseId, note });
      }
    } else if (person.kind === 'editor') {
      // Read, think briefly (others may save meanwhile), then save from what was read.
      const read = await call('safety.get', { caseId });
      if (!read.ok) continue;
      const view = read.value as { profile: Record<string, unknown>; version: number };
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      const phone = `07700 9${mark.slice(0, 5).replace(/[a-f]/g, '0')}`;
      const result = await call('safety.update', { caseId, version: view.version, profile: { ...view.profile, safePhone: phone } });
      if (result.ok) tally.edits.push({ caseId, phone, fromVersion: view.version });
    } else if (person.kind === 'manager') {
      const channel = pick(['reports.summary', 'today.list', 'cases.list'] as const);
      await call(channel, channel === 'reports.summary' ? { from: '2026-11-01', to: '2026-11-30', scope: 'team' } : { scope: 'team' });
    } else {
      await call(pick(['accounts.list', 'audit.list', 'settings.get'] as const), {});
    }
  }
  await client.signOut();
}
