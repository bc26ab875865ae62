/**
 * Where a feature writes the file or folder the person chose (`choose`): this computer's disk,
 * or, through a team server, an outbox sent back to the person's own computer with the answer
 * (server/outbox.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';

export interface FileSink {
  write(path: string, content: string | Uint8Array, options?: { private?: boolean }): void;
  makeFolder(path: string): void;
}

/** Straight to this computer's disk. `private`: readable by this account only (personal details). */
export const DISK: FileSink = {
  write: (path, content, options) => writeFileSync(path, content, options?.private ? { mode: 0o600 } : {}),
  makeFolder: (path) => mkdirSync(path, { recursive: true }),
};
