/**
 * The desktop app's session host: where the team database is, whether it is unlocked, and
 * the one session that unlocked it. Everything a session does is a feature
 * (features/<feature>/), reached through dispatch (handlers.ts) and the permission table.
 * The app runs this in a worker thread; the e2e harness runs it in-process.
 */
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppStatus, Channel, LockedEvent, Session as SessionView, VersionedSettings } from '../../shared/contract';
import { mayCall, refusalFor } from '../../shared/permissions';
import type { Result } from '../../shared/errors';
import { keyringPathFor, readKeyring } from './crypto/keyring';
import { recordAudit } from './audit';
import { readTimerRules } from './cases/timer-settings';
import { requireSafeLocation } from './db/location-check';
import { generateDemo, giveDemoCasesTo } from './demo/generate-demo';
import { PlwError } from './errors';
import { dailyBackup } from './features/backups';
import { versionedSettings } from './features/settings';
import { DATABASE_FILE_NAME, LocationStore } from './location-store';
import { makeSession, sessionView, type ChoiceKind, type CoreEnvironment, type Session } from './session';
import { createTeamDatabase } from './team/create';
import { closeTeamDatabase, type OpenTeamDatabase } from './team/open-team-database';
import { recoverWithKey } from './team/recover';
import { unlockTeamDatabase } from './team/unlock';
import { addressLabel, TeamConnection } from './server/team-connection';
import { saveFilesFromServer } from './server/save-from-server';
import { OPENS_A_FILE, sendChosenFile } from './server/send-to-server';

export type { ChoiceKind, CoreEnvironment };

/** Enough to explore every screen, small enough to make in a moment. */
const DEMO_CASES = 600;

export class AppCore {
  private current: Session | null = null;
  /** Whether the open database is the demo: read from the keyring once, at unlock, not at every status poll. */
  private currentIsDemo = false;
  private readonly location: LocationStore;
  private readonly now: () => Date;
  /** The team server this app works through, when one is chosen: then nothing is opened here. */
  readonly server: TeamConnection;

  constructor(private readonly env: CoreEnvironment) {
    this.location = new LocationStore(env.configDir);
    this.now = env.now ?? (() => new Date());
    this.server = new TeamConnection(env.configDir);
  }

  private get databasePath(): string {
    return this.location.databasePath();
  }

  /** The session of whoever unlocked, or null while locked. */
  session(): Session | null {
    return this.current;
  }

  async status(): Promise<AppStatus> {
    const pinned = this.server.pinned();
    if (pinned) return this.serverStatus(pinned);
    if (this.current) {
      const settings = versionedSettings(this.current.database.db);
      return { state: 'unlocked', teamName: settings.teamName, demo: this.currentIsDemo, session: sessionView(this.current), settings };
    }
    const keyringPath = keyringPathFor(this.databasePath);
    if (!existsSync(keyringPath)) return { state: 'no-database', locationLabel: dirname(this.databasePath) };
    const keyring = readKeyring(keyringPath);
    return { state: 'locked', teamName: keyring.teamName, demo: keyring.demo };
  }

  async chooseLocation(): Promise<{ locationLabel: string; chosen: boolean }> {
    this.refuseWhileServerChosen();
    if (this.current) throw new PlwError('NOT_ALLOWED', 'Lock the app before choosing another database.');
    const directory = await this.env.choose('database-folder');
    // Said when the folder is chosen, not after the person has typed a team name and passphrase.
    if (directory) requireSafeLocation(join(directory, DATABASE_FILE_NAME));
    if (directory) this.location.useDirectory(directory);
    return { locationLabel: dirname(this.databasePath), chosen: directory !== null };
  }

  async create(input: { teamName: string; accountName: string; passphrase: string }): Promise<{ recoveryKey: string; session: SessionView }> {
    this.refuseWhileServerChosen();
    if (this.current) throw new PlwError('NOT_ALLOWED', 'Lock the app before creating another database.');
    const { open, recoveryKey } = await createTeamDatabase({
      databasePath: this.databasePath,
      ...input,
      now: this.now,
      progress: (event) => this.env.emit('progress', event),
    });
    return { recoveryKey, session: this.begin(open) };
  }

  /**
   * "Explore with demo data": a new database in its own folder beside the app's config,
   * marked DEMO, with a few hundred made-up cases. The real database's place is untouched
   * apart from the app now opening the demo; "Use a different database" goes back.
   */
  async createDemo(input: { accountName: string; passphrase: string }): Promise<{ recoveryKey: string; session: SessionView }> {
    this.refuseWhileServerChosen();
    if (this.current) throw new PlwError('NOT_ALLOWED', 'Lock the app before creating another database.');
    const folder = join(this.env.configDir, 'demo-database');
    const databasePath = join(folder, DATABASE_FILE_NAME);
    if (existsSync(databasePath)) rmSync(folder, { recursive: true, force: true });
    const { open, recoveryKey } = await createTeamDatabase({
      databasePath,
      teamName: 'Demo team',
      ...input,
      demo: true,
      now: this.now,
      progress: (event) => this.env.emit('progress', event),
    });
    try {
      generateDemo(open.db, {
        cases: DEMO_CASES,
        seed: 1,
        actor: input.accountName,
        rules: readTimerRules(open.db),
        now: this.now(),
        progress: (event) => this.env.emit('progress', event),
      });
      giveDemoCasesTo(open.db, input.accountName, this.now());
    } catch (error) {
      closeTeamDatabase(open);
      throw error;
    }
    this.location.useDirectory(folder);
    return { recoveryKey, session: this.begin(open) };
  }

  async unlock(input: { accountName: string; passphrase: string; newPassphrase?: string }): Promise<{ session: SessionView }> {
    if (this.server.pinned()) {
      const signedIn = await this.server.signIn(input.accountName, input.passphrase, input.newPassphrase);
      return { session: { accountName: signedIn.accountName, role: signedIn.role as SessionView['role'] } };
    }
    if (this.current) this.lock('requested');
    const view = this.begin(
      await unlockTeamDatabase({ databasePath: this.databasePath, ...input, now: this.now, progress: (event) => this.env.emit('progress', event) }),
    );
    dailyBackup(this.current!);
    return { session: view };
  }

  async recover(input: { recoveryKey: string; accountName: string; newPassphrase: string }): Promise<{ session: SessionView }> {
    this.refuseWhileServerChosen();
    if (this.current) this.lock('requested');
    return { session: this.begin(await recoverWithKey({ databasePath: this.databasePath, ...input, now: this.now })) };
  }

  /** Locking as the window asks for it: with a team server, signing out there too (the token then stops working at once). */
  async lockAndSignOut(reason: LockedEvent['reason']): Promise<void> {
    if (this.server.signedIn) {
      await this.server.signOut();
      this.env.emit('locked', { reason });
      return;
    }
    this.lock(reason);
  }

  /** A team server confirmed by the person: from now on this app works through it (nothing open here). */
  async connectToServer(address: string, fingerprint: string): Promise<void> {
    if (this.current) throw new PlwError('NOT_ALLOWED', 'Lock the app before connecting to a team server.');
    await this.server.confirm(address, fingerprint);
  }

  /**
   * A request while working through a team server: answered there. Signed out there means locked
   * here. Files it made (an export, a letter) come back with the answer and are saved where the
   * person chooses on this computer, as they would be without a server.
   */
  async callServer(channel: string, input: unknown): Promise<Result<unknown>> {
    // A file to open is chosen here and sent first (send-to-server.ts); not asked for from a role
    // the server would refuse (it checks again).
    const opens = OPENS_A_FILE[channel];
    const role = this.server.session?.role as SessionView['role'] | undefined;
    if (opens && role && !mayCall(role, channel as Channel)) return { ok: false, error: { code: 'NOT_ALLOWED', message: refusalFor(channel as Channel) } };
    const sent = opens ? await sendChosenFile(this.server, opens, this.env) : null;
    if (sent && !sent.ok) return this.lockedWhenSignedOut(sent);
    const { files, ...result } = this.lockedWhenSignedOut((await this.server.call(channel, input)) as Result<unknown> & { files?: unknown });
    if (!result.ok || files === undefined) return result;
    const savedAs = await saveFilesFromServer(files, this.env.choose);
    return { ok: true, value: { ...(result.value as object), savedAs } };
  }

  /** Signed out on the server (idle there, or it restarted) is locked here. */
  private lockedWhenSignedOut<R extends Result<unknown>>(result: R): R {
    if (!result.ok && result.error.code === 'SIGNED_OUT') this.env.emit('locked', { reason: 'signed-out' });
    return result;
  }

  /** Databases on this computer are not opened or made while this app works through a team server. */
  private refuseWhileServerChosen(): void {
    if (this.server.pinned()) {
      throw new PlwError(
        'NOT_ALLOWED',
        'This app works through a team server. To use a database on this computer, choose "Stop using this team server" first.',
      );
    }
  }

  /** Whether requests go to a team server (signed in to one). */
  get remote(): boolean {
    return this.server.signedIn;
  }

  private async serverStatus(pinned: { host: string; port: number; fingerprint: string }): Promise<AppStatus> {
    const server = { address: addressLabel(pinned), fingerprint: pinned.fingerprint };
    const session = this.server.session;
    if (session) {
      const read = await this.server.call('settings.get', {});
      if (read.ok) {
        const settings = read.value as VersionedSettings;
        return {
          state: 'unlocked',
          teamName: settings.teamName,
          demo: false,
          session: { accountName: session.accountName, role: session.role as SessionView['role'] },
          settings,
          server,
        };
      }
    }
    return { state: 'locked', teamName: `Team server ${server.address}`, demo: false, server };
  }

  /** Drops the key and closes the database. Safe to call when already locked. */
  lock(reason: LockedEvent['reason']): void {
    if (this.server.signedIn) {
      void this.lockAndSignOut(reason);
      return;
    }
    const session = this.current;
    this.current = null;
    if (session) {
      try {
        recordAudit(session.database.db, session.account.accountName, { action: 'session.locked', detail: { reason } }, this.now());
      } finally {
        closeTeamDatabase(session.database);
      }
    }
    this.env.emit('locked', { reason });
  }

  /** Unlocked here, or signed in to a team server. */
  isUnlocked(): boolean {
    return this.current !== null || this.server.signedIn;
  }

  private begin(open: OpenTeamDatabase): SessionView {
    const session = makeSession(open, this.env, this.now, () => {
      // The database was replaced (a restore): its entries are written; close and lock.
      if (this.current === session) this.current = null;
      closeTeamDatabase(open);
      this.env.emit('locked', { reason: 'requested' });
    });
    this.current = session;
    this.currentIsDemo = readKeyring(keyringPathFor(open.databasePath)).demo;
    return sessionView(session);
  }
}
