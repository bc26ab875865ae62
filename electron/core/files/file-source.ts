/**
 * Where a feature reads the file or folder the person chose to open (`choose`): this computer's
 * disk, or, through a team server, the copy their app sent with the request (server/inbox.ts).
 * The twin of file-sink.ts, which is where chosen files are written.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';

export type SourceEntry = { kind: 'file'; bytes: number } | { kind: 'folder' };

export interface FileSource {
  /** What is at `path`: a file and its size, a folder, or nothing. */
  stat(path: string): SourceEntry | null;
  /** The plain names in a folder. */
  list(folder: string): string[];
  read(path: string): Buffer;
}

export const DISK_SOURCE: FileSource = {
  stat(path) {
    try {
      const found = statSync(path);
      return found.isDirectory() ? { kind: 'folder' } : { kind: 'file', bytes: found.size };
    } catch {
      return null;
    }
  },
  list: (folder) => readdirSync(folder),
  read: (path) => readFileSync(path),
};
