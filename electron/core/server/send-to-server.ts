/**
 * Opening a file from this computer while working through a team server (importing a workbook or
 * a folder of CSV files, adding a summary file to merge). The person chooses here, as they would
 * without a server; what they chose is sent to the server (receive-upload.ts) just before the
 * request that opens it, which then finds it in place of an open dialog (inbox.ts). Sent straight
 * from the disk in chunks, with a progress bar: a national workbook is tens of megabytes.
 */
import { basename, extname, join } from 'node:path';
import type { Result } from '../../../shared/errors';
import { DISK_SOURCE } from '../files/file-source';
import type { CoreEnvironment } from '../session';
import type { OpenKind } from './inbox';
import type { TeamConnection } from './team-connection';

/** The requests that open a file the person chooses, and what kind of file. */
export const OPENS_A_FILE: Readonly<Record<string, OpenKind>> = { 'import.chooseSource': 'import-source', 'reports.addMergeFile': 'summary-file' };

/** Cancelled counts as sent: the request then goes on with nothing new, as it does without a server. */
export async function sendChosenFile(connection: TeamConnection, kind: OpenKind, env: Pick<CoreEnvironment, 'choose' | 'emit'>): Promise<Result<null>> {
  const path = await env.choose(kind);
  if (!path) return { ok: true, value: null };
  const name = basename(path);
  const found = DISK_SOURCE.stat(path);
  if (!found) return { ok: false, error: { code: 'NOT_FOUND', message: `There is nothing at ${name}.` } };
  const files =
    found.kind === 'file'
      ? [{ path, part: null, bytes: found.bytes }]
      : DISK_SOURCE.list(path).flatMap((file) => {
          const entry = extname(file).toLowerCase() === '.csv' ? DISK_SOURCE.stat(join(path, file)) : null;
          return entry?.kind === 'file' ? [{ path: join(path, file), part: file, bytes: entry.bytes }] : [];
        });
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  const progress = (done: number) => env.emit('progress', { operation: 'upload', done, total, label: `Sending ${name} to the team server` });
  if (found.kind === 'folder') {
    const started = await connection.upload({ kind, name, folder: 'start', files: String(files.length) }, null);
    if (!started.ok) return started;
  }
  let before = 0;
  for (const file of files) {
    const sent = await connection.upload({ kind, name, ...(file.part ? { part: file.part } : {}) }, file, (bytes) => progress(before + bytes));
    if (!sent.ok) return sent;
    before += file.bytes;
  }
  progress(total);
  return { ok: true, value: null };
}
