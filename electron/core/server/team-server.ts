/**
 * `plw serve`: the core and its one dispatch behind HTTPS, for a team on several computers.
 *
 * TLS 1.3 only, Node's own `https` (no home-made crypto). Five routes, JSON in and out (an upload's content raw):
 *   GET  /health    "ok" and nothing else: no team name, no counts, no version
 *   POST /sign-in   { accountName, passphrase, newPassphrase? } -> { token, accountName, role, idleMinutes }
 *   POST /call      { channel, input } with `Authorization: Bearer <token>` -> the channel's Result
 *   POST /sign-out  ends the token's session
 *   POST /upload    a file the person chose to open on their computer, sent raw (with
 *                   `Expect: 100-continue`, so one too large is refused before it is sent) into
 *                   their session's memory, for the call that opens it (inbox.ts)
 * Every call goes through `dispatch` with the caller's session (the permission table, input
 * validation, the feature, output validation), and is written to the audit log under that
 * person's name with the address it came from, whatever its outcome. The desktop app's
 * before-unlock channels (create, unlock, choose a folder) are not reachable: the server's
 * database is unlocked by its administrator when it starts.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordAudit } from '../audit';
import { toErrorShape } from '../errors';
import { dispatch, handlersFor, isChannel } from '../handlers';
import type { OpenTeamDatabase } from '../team/open-team-database';
import { Outbox, requestOutbox } from './outbox';
import { receiveUpload } from './receive-upload';
import { bearerToken, ServerSessions } from './server-sessions';
import { SIGNED_OUT } from './signed-out';

export interface TeamServerOptions {
  database: OpenTeamDatabase;
  keyPem: string;
  certificatePem: string;
  port: number;
  /** The address to listen on: all of this machine's by default. */
  host?: string;
  now?: () => Date;
}

export interface RunningServer {
  port: number;
  sessions: ServerSessions;
  /** Requests being answered now. */
  inFlight(): number;
  /** Stops taking requests, lets those in flight finish, ends every session, closes the database. */
  stop(): Promise<void>;
}

/** Replacing the database under everyone's sessions is done with the server stopped. */
const NOT_THROUGH_THE_SERVER: ReadonlySet<string> = new Set(['backups.restore']);
const RESTORE_ON_THE_SERVER =
  'A backup is put back with the team server stopped, so nobody is working in the database as it is replaced: on the server, stop it, run plw restore, then start it again.';
/** Channels after which the named account's sessions end. */
const ACCOUNT_CHANGES: ReadonlySet<string> = new Set(['accounts.disable', 'accounts.remove', 'accounts.resetPassphrase', 'accounts.changeRole']);

/** Larger bodies are refused before they are read: no channel's input comes near it. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How long a stop waits for requests in flight before closing anyway. */
const STOP_GRACE_MS = 30_000;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export async function startTeamServer(options: TeamServerOptions): Promise<RunningServer> {
  const now = options.now ?? (() => new Date());
  const { database } = options;
  const sessions = new ServerSessions(
    database,
    // A server session has no window to show progress in; the files it makes go back with the answer (outbox.ts).
    { emit: () => undefined },
    now,
  );
  let inFlight = 0;
  let stopping = false;
  const idleSweep = setInterval(() => sessions.endIdle(), 60_000);
  idleSweep.unref();

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    if (stopping) return send(response, 503, { error: { code: 'UNAVAILABLE', message: 'The team server is stopping. Try again in a minute.' } }, true);
    inFlight++;
    response.on('close', () => inFlight--);
    void route(request, response).catch((error: unknown) => {
      // Logged by name only: a message can quote what was sent.
      process.stderr.write(`[plw serve] request failed: ${error instanceof Error ? error.name : typeof error}\n`);
      if (!response.headersSent) send(response, 500, { error: { code: 'INTERNAL', message: 'Something went wrong on the team server.' } });
    });
  };
  const server: Server = createServer({ key: options.keyPem, cert: options.certificatePem, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' }, answer);
  // "Expect: 100-continue": an upload is checked (who, what, how large) before its content is
  // sent (receive-upload.ts); any other request is told to go on at once.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!isUpload(request)) response.writeContinue();
    answer(request, response);
  });
  // A client that is not speaking TLS 1.3 (plain HTTP, an old TLS) is dropped at the handshake: nothing to log.
  server.on('tlsClientError', () => undefined);
  // Idle connections are kept a minute (Node's default is 5 s): an app reusing one just as the
  // server closed it would see "not answering" for a request that never arrived.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const address = request.socket.remoteAddress ?? 'unknown';
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') return send(response, 200, { status: 'ok' });
    if (request.method !== 'POST' || !['/sign-in', '/call', '/sign-out', '/upload'].includes(path ?? '')) {
      return send(response, 404, { error: { code: 'NOT_FOUND', message: 'The team server has nothing at that address.' } }, true);
    }
    if (isUpload(request)) {
      const { status, body, unread, audit } = await receiveUpload(request, response, sessions, database.db);
      if (audit && database.db.open)
        recordAudit(database.db, audit.accountName, { action: 'server.upload', detail: { ...audit.detail, from: address } }, now());
      return send(response, status, body, unread);
    }
    const body = await readJson(request);
    if (!body.ok) return send(response, 400, { error: { code: 'VALIDATION', message: body.message } });
    if (path === '/sign-in') {
      const { accountName, passphrase, newPassphrase } = body.value as { accountName?: unknown; passphrase?: unknown; newPassphrase?: unknown };
      if (
        typeof accountName !== 'string' ||
        typeof passphrase !== 'string' ||
        !accountName ||
        accountName.length > 200 ||
        passphrase.length > 1024 ||
        (newPassphrase !== undefined && (typeof newPassphrase !== 'string' || newPassphrase.length > 1024))
      ) {
        return send(response, 400, { error: { code: 'VALIDATION', message: 'Enter your account name and passphrase.' } });
      }
      try {
        return send(response, 200, await sessions.signIn(accountName, passphrase, address, newPassphrase));
      } catch (error) {
        const shape = toErrorShape(error);
        return send(response, shape.code === 'INTERNAL' ? 500 : 401, { error: shape });
      }
    }
    const token = bearerToken(request);
    const session = token ? sessions.find(token) : null;
    if (!token || !session) return send(response, 401, { error: SIGNED_OUT });
    if (path === '/sign-out') {
      sessions.end(token, 'requested');
      return send(response, 200, { ok: true });
    }
    const { channel, input } = body.value as { channel?: unknown; input?: unknown };
    const name = typeof channel === 'string' && isChannel(channel) ? channel : null;
    const outbox = new Outbox();
    const result = !name
      ? { ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'The app asked for something it does not know.' } }
      : NOT_THROUGH_THE_SERVER.has(name)
        ? { ok: false as const, error: { code: 'NOT_ALLOWED' as const, message: RESTORE_ON_THE_SERVER } }
        : await requestOutbox.run(outbox, () =>
            dispatch(handlersFor(session, 'That is for the desktop app on its own, not through the team server.'), name, input, session),
          );
    // Someone's access or role changed: their sessions end now (a leaver is out at once).
    if (result.ok && name && ACCOUNT_CHANGES.has(name)) sessions.endAccount((input as { accountName: string }).accountName, 'account-changed');
    // One entry per call, whatever came of it: who, which channel, from where, and the outcome's code.
    if (database.db.open) {
      recordAudit(
        database.db,
        session.account.accountName,
        { action: 'server.call', detail: { channel: name ?? 'unknown', from: address, outcome: result.ok ? 'ok' : result.error.code } },
        now(),
      );
    }
    // Files the call made, for the person's own computer; none when it failed.
    const files = outbox.take();
    if (!result.ok || !files.length) return send(response, 200, result);
    return send(response, 200, {
      ...result,
      files: files.map((made) => ({ ...made, entries: made.entries.map((entry) => ({ name: entry.name, base64: entry.content.toString('base64') })) })),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    sessions,
    inFlight: () => inFlight,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(idleSweep);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + STOP_GRACE_MS;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      server.closeAllConnections();
      await closed;
      sessions.endAll('server-stopped');
    },
  };
}

const isUpload = (request: IncomingMessage) => request.method === 'POST' && (request.url ?? '').split('?')[0] === '/upload';

async function readJson(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    request.resume();
    return { ok: false, message: 'That request is too large.' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: 'That request is too large.' };
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'The request was not understood.' };
    return { ok: true, value };
  } catch {
    return { ok: false, message: 'The request was not understood.' };
  }
}

/** `unread`: the request's content was not read (refused first): the connection is closed after the answer, as what is left of it cannot be told from the next request. */
function send(response: ServerResponse, status: number, body: unknown, unread = false): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text), ...(unread ? { connection: 'close' } : {}) });
  response.end(text);
}
