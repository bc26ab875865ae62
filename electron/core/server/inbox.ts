/**
 * Files a person chose to open on their own computer (a workbook or folder of CSV files to
 * import, a summary file to merge), sent to the team server just before the request that opens
 * them (`POST /upload`, team-server.ts), and held in that person's session, in memory only:
 * never written to the server's disk, gone when the session ends.
 *
 * The person's app asks them to choose, sends what they chose, then makes the request; on the
 * server the feature's `choose` takes what was sent (or nothing: the person cancelled) and reads
 * it through `source`, as it would read a file on its own disk.
 */
import { posix } from 'node:path';
import type { Channel } from '../../../shared/contract';
import { PlwError } from '../errors';
import type { FileSource } from '../files/file-source';
import { importLimitsFrom, refuseLargeFile } from '../import/input-limits';
import type { Db } from '../db/open-database';
import { readSettings } from '../team/settings';
import type { ChoiceKind } from '../session';

/** What may be sent, whether it may be a folder, and the request whose permission sending it needs. */
export const OPEN_KINDS = {
  'import-source': { folders: true, channel: 'import.chooseSource' },
  'summary-file': { folders: false, channel: 'reports.addMergeFile' },
} as const satisfies Record<string, { folders: boolean; channel: Channel }>;
export type OpenKind = keyof typeof OPEN_KINDS;

export const isOpenKind = (kind: string): kind is OpenKind => Object.hasOwn(OPEN_KINDS, kind);

/** A summary file is a few kilobytes to a few hundred; anything near this is not one. */
const SUMMARY_FILE_BYTES = 16 * 1024 * 1024;
/** A folder of the workbook's sheets as CSV files has four; room for notes beside them. */
const FOLDER_FILES = 50;

interface Upload {
  kind: OpenKind;
  name: string;
  folder: boolean;
  /** A file's content under '', a folder's files by their plain names. */
  entries: Map<string, Buffer>;
  bytes: number;
  /** A folder's number of files, as its start said: it is opened only once all have arrived. */
  expected: number;
}

/** One part of an upload, as the request's address names it. */
export interface UploadPart {
  kind: OpenKind;
  /** The file's name, or the folder's. */
  name: string;
  /** A folder: its start (no content; how many files follow), or the plain name of one of its files. */
  folderPart: { start: number } | { file: string } | null;
}

const ROOT = '/plw-inbox';

/** A name as the person's computer gave it, with nothing that could reach another place. */
export function plainName(name: string): string {
  if (!name || name.length > 255 || name === '.' || name === '..' || /[/\\\p{Cc}]/u.test(name)) {
    throw new PlwError('VALIDATION', 'That file’s name cannot be used. Rename it (letters, numbers, spaces, dashes) and choose it again.');
  }
  return name;
}

export class Inbox {
  /** Sent and not yet opened: one of each kind, the latest. */
  private readonly waiting = new Map<OpenKind, Upload>();
  /** Opened by a request (the import chosen), by its place: one of each kind, the latest. */
  private readonly opened = new Map<string, Upload>();
  private made = 0;

  /**
   * Checks a part before its content is read: its name, its kind, and its size against the
   * team's import limits (or a summary file's), so a file too large is refused before it is sent.
   */
  check(part: UploadPart, bytes: number, db: Db): void {
    plainName(part.name);
    if (part.folderPart && !OPEN_KINDS[part.kind].folders) throw new PlwError('VALIDATION', 'Choose a summary file (.json), not a folder.');
    if (part.kind === 'summary-file') {
      if (bytes > SUMMARY_FILE_BYTES)
        throw new PlwError('VALIDATION', `${part.name} is too large to be a summary file (they are a few kilobytes). Choose the .json file a worker exported.`);
      return;
    }
    const limits = importLimitsFrom(readSettings(db).importLimits);
    if (!part.folderPart) return refuseLargeFile(part.name, bytes, limits.fileBytes);
    if ('start' in part.folderPart) {
      if (part.folderPart.start > FOLDER_FILES)
        throw new PlwError('VALIDATION', `${part.name} has more than ${FOLDER_FILES} .csv files. Choose the folder with the workbook’s .csv files only.`);
      return;
    }
    plainName(part.folderPart.file);
    refuseLargeFile(part.folderPart.file, bytes, limits.fileBytes);
    const folder = this.folderBeingSent(part);
    if (folder.entries.size >= folder.expected) throw new PlwError('VALIDATION', `More of ${part.name}'s files came than it said it has. Choose it again.`);
    refuseLargeFile('The folder’s .csv files together', folder.bytes + bytes, limits.folderBytes);
  }

  /** Keeps a checked part (`check` first). */
  receive(part: UploadPart, content: Buffer): void {
    if (!part.folderPart) {
      this.waiting.set(part.kind, { kind: part.kind, name: part.name, folder: false, entries: new Map([['', content]]), bytes: content.length, expected: 1 });
    } else if ('start' in part.folderPart) {
      this.waiting.set(part.kind, { kind: part.kind, name: part.name, folder: true, entries: new Map(), bytes: 0, expected: part.folderPart.start });
    } else {
      const folder = this.folderBeingSent(part);
      folder.entries.set(part.folderPart.file, content);
      folder.bytes += content.length;
    }
  }

  /**
   * What was on its way of this kind is dropped: a part of it was refused or cut short, and half a
   * folder (its cases without its contacts, say) must never be imported as if it were all of it.
   */
  discard(kind: OpenKind): void {
    this.waiting.delete(kind);
  }

  private folderBeingSent(part: UploadPart): Upload {
    const folder = this.waiting.get(part.kind);
    if (!folder?.folder || folder.name !== part.name) throw new PlwError('VALIDATION', 'The folder’s files came without the folder. Choose it again.');
    return folder;
  }

  /** In place of an open dialog: what the person sent for this request, or null (they cancelled). */
  choose(kind: ChoiceKind): string | null {
    if (!isOpenKind(kind)) return null;
    const upload = this.waiting.get(kind);
    this.waiting.delete(kind);
    // A folder some of whose files never came is not opened: as if nothing had been chosen.
    if (!upload || (upload.folder && upload.entries.size < upload.expected)) return null;
    // The previous one of this kind is let go: memory holds the one the person is working with.
    for (const [place, kept] of this.opened) if (kept.kind === kind) this.opened.delete(place);
    const place = posix.join(ROOT, String(this.made++), upload.name);
    this.opened.set(place, upload);
    return place;
  }

  /** What a feature reads the chosen file or folder through. */
  readonly source: FileSource = {
    stat: (path) => {
      const found = this.find(path);
      if (!found) return null;
      if (found.entry === null) return found.upload.folder ? { kind: 'folder' } : { kind: 'file', bytes: found.upload.bytes };
      const content = found.upload.entries.get(found.entry);
      return content ? { kind: 'file', bytes: content.length } : null;
    },
    list: (folder) => {
      const found = this.find(folder);
      return found?.entry === null && found.upload.folder ? [...found.upload.entries.keys()] : [];
    },
    read: (path) => {
      const found = this.find(path);
      const content = found && found.upload.entries.get(found.entry ?? '');
      if (!content) throw new PlwError('NOT_FOUND', 'The file you chose is no longer on the team server. Choose it again.');
      return content;
    },
  };

  /** An opened upload and, inside a folder, the file's name. Paths may come joined with either separator. */
  private find(path: string): { upload: Upload; entry: string | null } | null {
    const place = path.replaceAll('\\', '/');
    const whole = this.opened.get(place);
    if (whole) return { upload: whole, entry: null };
    const inFolder = this.opened.get(posix.dirname(place));
    return inFolder?.folder ? { upload: inFolder, entry: posix.basename(place) } : null;
  }
}
