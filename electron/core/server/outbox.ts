/**
 * Files made through the team server for the person at another computer: where the app would
 * write to the file or folder they chose, a server session writes here, in memory, and the
 * files go back with the answer; the person's own app then asks where to save them and writes
 * them there (app-core.ts). Nothing is written on the server's disk.
 *
 * Files the person opens from their computer travel the other way (inbox.ts). Choosing the
 * backup folder, a folder on the server, is refused with a plain message: it is set on the server.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { posix } from 'node:path';
import { PlwError } from '../errors';
import type { FileSink } from '../files/file-sink';
import type { ChoiceKind } from '../session';

/** What a feature may ask to write, and whether it is one file or a folder of them. */
export const SAVE_KINDS = { 'report-file': 'file', 'letter-file': 'file', 'template-file': 'file', 'report-folder': 'folder' } as const;
export type SaveKind = keyof typeof SAVE_KINDS;

export interface MadeFiles {
  kind: SaveKind;
  suggestedName: string;
  /** One file (named '') or a folder's files, each by its plain name. */
  entries: { name: string; content: Buffer }[];
}

/** The one folder a request may choose that is not for the person's computer. */
export const NOT_THROUGH_SERVER =
  'The backup folder is on the team server, so it is set there: your administrator starts the server with plw serve --backups FOLDER.';

const ROOT = '/plw-outbox';

export class Outbox {
  private made: (MadeFiles & { root: string })[] = [];

  /** In place of a save dialog: a place in this outbox, for the feature to write to. */
  choose(kind: ChoiceKind, suggestedName = 'file'): string {
    if (!(kind in SAVE_KINDS)) throw new PlwError('NOT_ALLOWED', NOT_THROUGH_SERVER);
    const root = posix.join(ROOT, String(this.made.length), posix.basename(suggestedName));
    this.made.push({ kind: kind as SaveKind, suggestedName: posix.basename(suggestedName), entries: [], root });
    return root;
  }

  readonly sink: FileSink = {
    write: (path, content) => {
      const target = this.made.find((m) => path === m.root || posix.dirname(path) === m.root);
      if (!target) throw new PlwError('INTERNAL', 'A file was written outside the place chosen for it.');
      target.entries.push({ name: path === target.root ? '' : posix.basename(path), content: Buffer.from(content) });
    },
    makeFolder: (path) => {
      if (!this.made.some((m) => m.root === path)) throw new PlwError('INTERNAL', 'A folder was made outside the place chosen for it.');
    },
  };

  /** The files made by the last request, handed over once. */
  take(): MadeFiles[] {
    const made = this.made.map(({ kind, suggestedName, entries }) => ({ kind, suggestedName, entries }));
    this.made = [];
    return made;
  }
}

/**
 * The outbox of the request being answered. One person's app may have several requests in
 * flight (an export while the page polls), all in one session: each request's files are kept
 * apart by running it in its own outbox (team-server.ts).
 */
export const requestOutbox = new AsyncLocalStorage<Outbox>();

const current = (): Outbox => {
  const outbox = requestOutbox.getStore();
  // Only a request has somewhere to send files back to.
  if (!outbox) throw new PlwError('INTERNAL', 'A file was made outside a request.');
  return outbox;
};

/** A server session's `choose` and file sink: the current request's outbox. */
export const outboxChoose = async (kind: ChoiceKind, suggestedName?: string) => current().choose(kind, suggestedName);
export const outboxSink: FileSink = {
  write: (path, content, options) => current().sink.write(path, content, options),
  makeFolder: (path) => current().sink.makeFolder(path),
};
