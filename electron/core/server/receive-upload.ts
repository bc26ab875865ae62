/**
 * `POST /upload`: one file the person chose to open on their own computer, on its way to their
 * session's inbox (inbox.ts). The address names what it is:
 *   /upload?kind=import-source&name=tracker.xlsx                a file
 *   /upload?kind=import-source&name=tracker&folder=start&files=4   a folder of 4 files begins (no content)
 *   /upload?kind=import-source&name=tracker&part=cases.csv      one of that folder's files
 * Everything about it is checked before its content is read: who (signed in, and allowed the
 * request that opens it), what (a plain name, a kind that is opened), and how large (the declared
 * length, within the team's import limits). The app sends `Expect: 100-continue`, so a refused
 * file never crosses the network. One file at a time per person; each upload is audited (the
 * kind, its size, the outcome: never the name, which may be a person's).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayCall, refusalFor } from '../../../shared/permissions';
import type { PlwErrorShape } from '../../../shared/errors';
import type { Db } from '../db/open-database';
import { toErrorShape } from '../errors';
import { isOpenKind, OPEN_KINDS, type UploadPart } from './inbox';
import { bearerToken, type ServerSessions } from './server-sessions';
import { SIGNED_OUT } from './signed-out';

export interface UploadAnswer {
  status: number;
  body: unknown;
  /** The content was not read: the connection must close after the answer. */
  unread: boolean;
  audit?: { accountName: string; detail: { kind: string; bytes: number; outcome: string } };
}

const refused = (status: number, error: PlwErrorShape): UploadAnswer => ({ status, body: { error }, unread: true });

export async function receiveUpload(request: IncomingMessage, response: ServerResponse, sessions: ServerSessions, db: Db): Promise<UploadAnswer> {
  const token = bearerToken(request);
  const session = token ? sessions.find(token) : null;
  if (!token || !session) return refused(401, SIGNED_OUT);
  const part = partFrom(request.url ?? '');
  if (!part) return refused(400, { code: 'VALIDATION', message: 'The app sent a file the team server does not open.' });
  const bytes = Number(request.headers['content-length']);
  const audited = (answer: Omit<UploadAnswer, 'audit'>, outcome: string): UploadAnswer => ({
    ...answer,
    audit: { accountName: session.account.accountName, detail: { kind: part.kind, bytes: Number.isSafeInteger(bytes) ? bytes : 0, outcome } },
  });
  const channel = OPEN_KINDS[part.kind].channel;
  if (!mayCall(session.account.role, channel)) return audited(refused(403, { code: 'NOT_ALLOWED', message: refusalFor(channel) }), 'NOT_ALLOWED');
  if (!Number.isSafeInteger(bytes) || bytes < 0 || request.headers['transfer-encoding']) {
    return audited(refused(411, { code: 'VALIDATION', message: 'The app sent a file without saying how large it is.' }), 'VALIDATION');
  }
  const receiving = sessions.receiving(token);
  if (!receiving) {
    return audited(
      refused(409, { code: 'VALIDATION', message: 'A file of yours is already on its way to the team server. Wait for it, then try again.' }),
      'VALIDATION',
    );
  }
  try {
    try {
      receiving.inbox.check(part, bytes, db);
    } catch (error) {
      receiving.inbox.discard(part.kind);
      const shape = toErrorShape(error);
      return audited(refused(shape.code === 'INTERNAL' ? 500 : 400, shape), shape.code);
    }
    if (request.headers.expect === '100-continue') response.writeContinue();
    const content = await readExactly(request, bytes);
    if (!content) {
      receiving.inbox.discard(part.kind);
      return audited(
        { status: 400, body: { error: { code: 'VALIDATION', message: 'The file did not arrive whole. Choose it again.' } }, unread: true },
        'INCOMPLETE',
      );
    }
    receiving.inbox.receive(part, content);
    return audited({ status: 200, body: { ok: true }, unread: false }, 'ok');
  } finally {
    receiving.done();
  }
}

function partFrom(url: string): UploadPart | null {
  const query = new URLSearchParams(url.split('?')[1] ?? '');
  const kind = query.get('kind') ?? '';
  const name = query.get('name');
  const folder = query.get('folder');
  const files = Number(query.get('files'));
  const file = query.get('part');
  if (!isOpenKind(kind) || !name || (folder !== null && (folder !== 'start' || file !== null || !Number.isSafeInteger(files) || files < 0))) return null;
  return { kind, name, folderPart: folder === 'start' ? { start: files } : file !== null ? { file } : null };
}

/** The declared number of bytes, or null when the person's app stopped sending or sent more. */
async function readExactly(request: IncomingMessage, bytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > bytes) return null;
      chunks.push(chunk);
    }
  } catch {
    return null;
  }
  return size === bytes ? Buffer.concat(chunks, size) : null;
}
