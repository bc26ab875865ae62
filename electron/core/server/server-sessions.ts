/**
 * The team server's sessions: each person signs in with their own account and passphrase
 * (checked by unwrapping their copy of the data key with Argon2id, as unlocking does, and
 * comparing it with the key the server opened the database with), and gets a random 256-bit
 * token. Tokens live in this process's memory only: never written to disk, gone when the
 * server stops. A session ends when its person signs out or locks, after the team's idle
 * minutes without a request, or when the server stops.
 *
 * Wrong passphrases are slowed twice over: per account (the same file the desktop app counts
 * in, so guessing through the server and at a desk add up) and per address (in memory), so one
 * machine cannot try every account in turn at full speed.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { recordAudit } from '../audit';
import { sameAccountName, zeroPrivateKeys } from '../crypto/keyring';
import { clearFailedAttempts } from '../crypto/unlock-attempts';
import { PlwError } from '../errors';
import { versionedSettings } from '../features/settings';
import { makeSession, type ChoiceKind, type CoreEnvironment, type Session } from '../session';
import { Inbox, isOpenKind } from './inbox';
import { outboxChoose, outboxSink } from './outbox';
import { accountRecord, mayUnlock } from '../team/account-records';
import type { OpenTeamDatabase } from '../team/open-team-database';
import { replaceOwnEntry, unwrapAccountKey } from '../team/unlock';
import { passphraseProblem } from '../../../shared/passphrase-rules';
import { describeWait, waitBeforeNextAttempt } from '../unlock-throttle';

export interface SignedIn {
  token: string;
  accountName: string;
  role: Session['account']['role'];
  idleMinutes: number;
}

interface Entry {
  session: Session;
  address: string;
  lastUsed: number;
  /** This person's signing key (for summary files they sign), zeroed when the session ends. */
  signingKey: Buffer | null;
  /** Files they sent from their computer to open (inbox.ts). */
  inbox: Inbox;
  /** Whether a file of theirs is on its way now: one at a time. */
  receiving: boolean;
}

export class ServerSessions {
  /** By the token's SHA-256, so a token is never a map key an inspector could dump. */
  private readonly sessions = new Map<string, Entry>();
  private readonly failuresByAddress = new Map<string, { failures: number; lastFailureAt: string }>();

  constructor(
    private readonly database: OpenTeamDatabase,
    private readonly env: Pick<CoreEnvironment, 'emit'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get count(): number {
    return this.sessions.size;
  }

  private idleMinutes(): number {
    return versionedSettings(this.database.db).autoLockMinutes;
  }

  async signIn(accountName: string, passphrase: string, address: string, newPassphrase?: string): Promise<SignedIn> {
    const failed = this.failuresByAddress.get(address);
    const wait = failed ? waitBeforeNextAttempt(failed.failures, failed.lastFailureAt, this.now()) : 0;
    if (wait > 0) throw new PlwError('TOO_MANY_ATTEMPTS', `Too many wrong passphrases from this computer. Wait ${describeWait(wait)} and try again.`);
    let unwrapped: Awaited<ReturnType<typeof unwrapAccountKey>>;
    try {
      unwrapped = await unwrapAccountKey(this.database.databasePath, accountName, passphrase, this.now);
    } catch (error) {
      if (error instanceof PlwError && error.code === 'WRONG_PASSPHRASE') this.countFailure(address);
      throw error;
    }
    const { entry, dataKey, privateKeys } = unwrapped;
    try {
      // A keyring entry for another database's key (an old copy put back) opens nothing here.
      if (dataKey.length !== this.database.dataKey.length || !timingSafeEqual(dataKey, this.database.dataKey)) {
        throw new PlwError('NOT_ALLOWED', 'This account’s key is not this team database’s. Ask your administrator to reset your passphrase.');
      }
      const record = accountRecord(this.database.db, entry.accountName);
      if (!mayUnlock(record, entry.role)) throw new PlwError('NOT_ALLOWED', 'This account is not allowed to open this database. Ask your administrator.');
      let keys = privateKeys;
      if (entry.mustChangePassphrase) {
        // As at the desktop: the administrator knows the temporary passphrase, so it opens nothing until replaced.
        if (!newPassphrase) {
          throw new PlwError(
            'PASSPHRASE_CHANGE_REQUIRED',
            'Your administrator set a temporary passphrase. Choose a new passphrase to continue.',
            'newPassphrase',
          );
        }
        const problem = passphraseProblem(newPassphrase);
        if (problem) throw new PlwError('VALIDATION', problem, 'newPassphrase');
        if (newPassphrase === passphrase)
          throw new PlwError('VALIDATION', 'Choose a passphrase of your own, not the temporary one you were given', 'newPassphrase');
        keys = await replaceOwnEntry(
          this.database.db,
          this.database.databasePath,
          unwrapped.keyring.databaseId,
          entry,
          newPassphrase,
          dataKey,
          privateKeys,
          this.now(),
        );
        recordAudit(this.database.db, entry.accountName, { action: 'account.passphrase-set-after-reset', detail: { from: address } }, this.now());
      }
      this.failuresByAddress.delete(address);
      // As unlocking does: the account's wrong passphrases (counted in their own file) are recorded, then forgotten.
      const failures = await clearFailedAttempts(this.database.databasePath, entry.accountName);
      if (failures.failedAttempts > 0) {
        recordAudit(
          this.database.db,
          entry.accountName,
          { action: 'session.failed-unlocks', detail: { attempts: failures.failedAttempts, last: failures.lastFailureAt, from: address } },
          this.now(),
        );
      }
      const token = randomBytes(32).toString('base64url');
      const signingKey = keys ? Buffer.from(keys.signing) : null;
      if (keys && keys !== privateKeys) zeroPrivateKeys(keys);
      const asPerson = sharedAs(this.database, { accountName: entry.accountName, role: record.role }, signingKey);
      // Files a request makes go to that request's outbox and back with its answer (outbox.ts);
      // files the person chose to open were sent ahead into their inbox (inbox.ts).
      const inbox = new Inbox();
      const choose = async (kind: ChoiceKind, suggestedName?: string) => (isOpenKind(kind) ? inbox.choose(kind) : outboxChoose(kind, suggestedName));
      const session = makeSession(asPerson, { emit: this.env.emit, choose }, this.now, () => this.end(token, 'replaced'), outboxSink, inbox.source);
      this.sessions.set(keyOf(token), { session, address, lastUsed: this.now().getTime(), signingKey, inbox, receiving: false });
      recordAudit(this.database.db, entry.accountName, { action: 'session.signed-in', detail: { from: address } }, this.now());
      return { token, accountName: entry.accountName, role: record.role, idleMinutes: this.idleMinutes() };
    } finally {
      dataKey.fill(0);
      if (privateKeys) zeroPrivateKeys(privateKeys);
    }
  }

  /** The session a token names, when it has not expired; each use keeps it alive. */
  find(token: string): Session | null {
    const key = keyOf(token);
    const entry = this.sessions.get(key);
    if (!entry) return null;
    const now = this.now().getTime();
    if (now - entry.lastUsed > this.idleMinutes() * 60_000) {
      this.endEntry(key, entry, 'idle');
      return null;
    }
    entry.lastUsed = now;
    return entry.session;
  }

  /**
   * The inbox of a token's session, for a file on its way (team-server.ts), while no other file
   * of theirs is: `done` must be called when this one has arrived or failed.
   */
  receiving(token: string): { inbox: Inbox; done: () => void } | null {
    const entry = this.sessions.get(keyOf(token));
    if (!entry || entry.receiving) return null;
    entry.receiving = true;
    return { inbox: entry.inbox, done: () => (entry.receiving = false) };
  }

  /** Signs out (the person locked, or the app closed): the token stops working at once. */
  end(token: string, reason: 'requested' | 'idle' | 'replaced' | 'server-stopped'): boolean {
    const key = keyOf(token);
    const entry = this.sessions.get(key);
    if (!entry) return false;
    this.endEntry(key, entry, reason);
    return true;
  }

  /** Ends the sessions idle past the team's minutes (run now and then, so none lingers unused). */
  endIdle(): number {
    const limit = this.idleMinutes() * 60_000;
    const now = this.now().getTime();
    let ended = 0;
    for (const [key, entry] of this.sessions)
      if (now - entry.lastUsed > limit) {
        this.endEntry(key, entry, 'idle');
        ended++;
      }
    return ended;
  }

  /**
   * Ends every session of an account whose access or role an administrator just changed: a
   * disabled or removed person is out at once, and a new role applies from their next sign-in.
   */
  endAccount(accountName: string, reason: 'account-changed'): number {
    let ended = 0;
    for (const [key, entry] of this.sessions)
      if (sameAccountName(entry.session.account.accountName, accountName)) {
        this.endEntry(key, entry, reason);
        ended++;
      }
    return ended;
  }

  endAll(reason: 'server-stopped'): void {
    for (const [key, entry] of this.sessions) this.endEntry(key, entry, reason);
  }

  private endEntry(key: string, entry: Entry, reason: string): void {
    this.sessions.delete(key);
    entry.signingKey?.fill(0);
    if (reason !== 'replaced' && this.database.db.open) {
      recordAudit(this.database.db, entry.session.account.accountName, { action: 'session.signed-out', detail: { reason, from: entry.address } }, this.now());
    }
  }

  private countFailure(address: string): void {
    const previous = this.failuresByAddress.get(address);
    this.failuresByAddress.set(address, { failures: (previous?.failures ?? 0) + 1, lastFailureAt: this.now().toISOString() });
  }
}

/**
 * The server's one open database, seen as one person: their name, role and signing key, over the
 * same connection and key. The connection and key are read through to the server's own record,
 * so when a rekey through any session (an account disabled, removed or reset) replaces them,
 * every session and the next sign-in use the new ones.
 */
function sharedAs(shared: OpenTeamDatabase, account: OpenTeamDatabase['account'], signingKey: Buffer | null): OpenTeamDatabase {
  return {
    get db() {
      return shared.db;
    },
    set db(value) {
      shared.db = value;
    },
    get dataKey() {
      return shared.dataKey;
    },
    set dataKey(value) {
      shared.dataKey = value;
    },
    get lock() {
      return shared.lock;
    },
    databasePath: shared.databasePath,
    databaseId: shared.databaseId,
    now: shared.now,
    account,
    signingKey,
  };
}

/** The token a request carries, when it has the shape of one. */
export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header) : null;
  return match ? match[1]! : null;
}

/** Tokens are compared by their hash: a map look-up on the token itself would time its prefix. */
const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');
