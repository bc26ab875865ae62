/**
 * A session: who is calling (account and role), the clock, the open database they work in,
 * and how to reach them (`emit`, `choose`). The open database is shared: on a team server
 * several sessions use one, each with its own account, state and audit attribution. The
 * desktop app has one session at a time (session-host.ts).
 */
import type { EventName, PlwEvents, Session as SessionView } from '../../shared/contract';
import { DISK, type FileSink } from './files/file-sink';
import { DISK_SOURCE, type FileSource } from './files/file-source';
import { londonDate, type IsoDate } from '../../shared/calendar';
import type { Role } from '../../shared/roles';
import type { MergeFile } from '../../shared/contract';
import type { SummaryFilePayload } from './reports/team-merge';
import type { OpenTeamDatabase } from './team/open-team-database';

export type ChoiceKind =
  'database-folder' | 'import-source' | 'template-file' | 'letter-file' | 'report-file' | 'report-folder' | 'summary-file' | 'backup-folder';

export interface CoreEnvironment {
  configDir: string;
  emit<E extends EventName>(event: E, payload: PlwEvents[E]): void;
  /**
   * Asks the person for a place: a native dialog in the app, a fixed path in tests. Null when
   * cancelled. The path stays in the core; the renderer only ever sees a label.
   */
  choose(kind: ChoiceKind, suggestedName?: string): Promise<string | null>;
  now?: () => Date;
}

/** What one person has open in this session; dropped when it ends. */
export interface SessionState {
  /** The case whose opening was last recorded in the audit log (features/cases/case-views.ts). */
  viewedCase: number | null;
  /** The workbook or folder chosen for import. */
  importSource: string | null;
  /** Summary files added for a merged team view, by file name. */
  merged: Map<string, { payload: SummaryFilePayload; signer: MergeFile }> | null;
}

export interface Session {
  readonly account: { readonly accountName: string; readonly role: Role };
  /** Where the files the person chose are written. */
  readonly files: FileSink;
  /** Where the files the person chose to open are read from. */
  readonly sources: FileSource;
  /** The open database this session works in (shared between sessions). */
  readonly database: OpenTeamDatabase;
  readonly state: SessionState;
  now(): Date;
  /** Today's date in London: the as-of date of every timer unless a caller names another. */
  today(): IsoDate;
  emit: CoreEnvironment['emit'];
  choose: CoreEnvironment['choose'];
  /**
   * The database was replaced under this session (a restore): it ends, without the usual
   * "session.locked" entry, which the restore wrote into the database before replacing it.
   */
  endAfterReplace(): void;
}

export function newSessionState(): SessionState {
  return { viewedCase: null, importSource: null, merged: null };
}

export function makeSession(
  database: OpenTeamDatabase,
  env: Pick<CoreEnvironment, 'emit' | 'choose'>,
  now: () => Date,
  endAfterReplace: () => void,
  files: FileSink = DISK,
  sources: FileSource = DISK_SOURCE,
): Session {
  return {
    account: { accountName: database.account.accountName, role: database.account.role },
    files,
    sources,
    database,
    state: newSessionState(),
    now,
    today: () => londonDate(now()),
    emit: env.emit,
    choose: env.choose,
    endAfterReplace,
  };
}

export function sessionView(session: Session): SessionView {
  return { accountName: session.account.accountName, role: session.account.role };
}
