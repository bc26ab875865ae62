/**
 * The desktop app's side of a team server: HTTPS to one pinned certificate.
 *
 * First connection: `firstLook` reads the server's certificate (nothing is sent but the TLS
 * handshake) so the person can compare its fingerprint with the one their administrator gave
 * them. Once they confirm, that certificate is the only one trusted for the server: it is the
 * connection's sole certificate authority and its SHA-256 must match, so a different
 * certificate (another machine answering at that address, or the server's own certificate
 * replaced) is refused with a plain warning, never silently accepted.
 *
 * The session token is held in this object's memory only and forgotten on sign-out or lock.
 */
import { createReadStream } from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import type { PlwErrorShape, Result } from '../../../shared/errors';
import { ERROR_CODES } from '../../../shared/errors';
import { PlwError } from '../errors';
import { SIGNED_OUT } from './signed-out';

export interface ServerAddress {
  host: string;
  port: number;
}

export interface PinnedServer extends ServerAddress {
  /** The certificate the person confirmed (public: no secret in it). */
  certificatePem: string;
  fingerprint: string;
}

/** How long a request may take before the person is told the server is not answering (a year's PDF on a busy server takes seconds). */
const TIMEOUT_MS = 30_000;
/**
 * Reading and importing a workbook: a team's tracker takes seconds, a national one with a million
 * contacts a minute or two, all of it on the server with nothing sent meanwhile.
 */
const LONG_REQUESTS: ReadonlySet<string> = new Set(['import.preview', 'import.run']);
const LONG_TIMEOUT_MS = 15 * 60_000;

export const CHANGED_CERTIFICATE =
  'The team server’s certificate is not the one you confirmed before. Do not sign in: someone may be pretending to be the server. Ask your administrator whether the server’s certificate was changed.';
export const UNAVAILABLE =
  'The team server is not answering. Check the network, or ask your administrator whether it is running. Nothing you had saved is lost.';

/** The server's certificate and fingerprint, read from the TLS handshake alone, for the person to confirm. */
export function firstLook(address: ServerAddress): Promise<{ certificatePem: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    // Not trusted yet, so not verified here: the person verifies the fingerprint. Nothing is sent over it.
    const socket = connect({ host: address.host, port: address.port, rejectUnauthorized: false, minVersion: 'TLSv1.3', servername: sniName(address.host) });
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new PlwError('UNAVAILABLE', UNAVAILABLE)));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      socket.end();
      if (!peer?.raw) return reject(new PlwError('UNAVAILABLE', 'That address did not show a certificate: it is not a team server.'));
      resolve({ certificatePem: toPem(peer), fingerprint: peer.fingerprint256 });
    });
    socket.once('error', (error) => reject(error instanceof PlwError ? error : new PlwError('UNAVAILABLE', UNAVAILABLE)));
  });
}

export class TeamServerClient {
  private token: string | null = null;
  private readonly agent: Agent;

  constructor(readonly server: PinnedServer) {
    this.agent = new Agent({
      keepAlive: true,
      ca: server.certificatePem,
      minVersion: 'TLSv1.3',
      // The pinned certificate is the only authority; its fingerprint must match as well. The
      // host name is not checked against it: people may reach the server by a name or address
      // the certificate was not made with, and the pin already says which server it is.
      checkServerIdentity: (_host, certificate) =>
        certificate.fingerprint256 === server.fingerprint ? undefined : new PlwError('CHANGED_CERTIFICATE', CHANGED_CERTIFICATE),
    });
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  async signIn(accountName: string, passphrase: string, newPassphrase?: string) {
    const reply = await this.post('/sign-in', { accountName, passphrase, ...(newPassphrase ? { newPassphrase } : {}) });
    if (reply.status !== 200) {
      const error = errorOf(reply.body);
      throw new PlwError(error.code, error.message, error.field);
    }
    const signedIn = reply.body as { token: string; accountName: string; role: string; idleMinutes: number };
    this.token = signedIn.token;
    return { accountName: signedIn.accountName, role: signedIn.role, idleMinutes: signedIn.idleMinutes };
  }

  /** A channel's call, answered as the core answers it: a Result, never a throw for the channel's own refusals. */
  async call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!this.token) return { ok: false, error: SIGNED_OUT };
    let reply: { status: number; body: unknown };
    try {
      reply = await this.send('POST', '/call', { channel, input }, this.token, LONG_REQUESTS.has(channel) ? LONG_TIMEOUT_MS : TIMEOUT_MS);
    } catch (error) {
      return { ok: false, error: shapeOf(error) };
    }
    if (reply.status === 401) this.token = null;
    if (reply.status !== 200) return { ok: false, error: errorOf(reply.body) };
    return reply.body as Result<unknown>;
  }

  /**
   * One file the person chose to open, sent raw from their disk (`content`: its path and size; null
   * for a folder's start) to the server's `/upload` (receive-upload.ts). `Expect: 100-continue`:
   * nothing is sent until the server has checked who, what and how large. `sent` hears each chunk.
   */
  async upload(query: Record<string, string>, content: { path: string; bytes: number } | null, sent?: (bytes: number) => void): Promise<Result<null>> {
    const token = this.token;
    if (!token) return { ok: false, error: SIGNED_OUT };
    const bytes = content?.bytes ?? 0;
    let reply: { status: number; body: unknown };
    try {
      reply = await new Promise((resolve, reject) => {
        const req = request({
          host: this.server.host,
          port: this.server.port,
          method: 'POST',
          path: `/upload?${new URLSearchParams(query).toString()}`,
          agent: this.agent,
          servername: sniName(this.server.host),
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': bytes,
            authorization: `Bearer ${token}`,
            ...(bytes > 0 ? { expect: '100-continue' } : {}),
          },
          timeout: TIMEOUT_MS,
        });
        let continued = false;
        req.on('continue', () => {
          continued = true;
          streamFileInto(req, content!, sent);
        });
        req.on('response', (response) => {
          readReply(response)
            .then(resolve, reject)
            // Refused before the content was asked for: this request is never finished, so its connection goes.
            .finally(() => bytes > 0 && !continued && req.destroy());
        });
        req.on('timeout', () => req.destroy(new PlwError('UNAVAILABLE', UNAVAILABLE)));
        req.on('error', (error) => reject(asPlwError(error)));
        if (bytes === 0) req.end();
      });
    } catch (error) {
      return { ok: false, error: shapeOf(error) };
    }
    if (reply.status === 401) this.token = null;
    return reply.status === 200 ? { ok: true, value: null } : { ok: false, error: errorOf(reply.body) };
  }

  async signOut(): Promise<void> {
    const token = this.token;
    this.token = null;
    if (token) await this.post('/sign-out', {}, token).catch(() => undefined);
    this.agent.destroy();
  }

  async health(): Promise<boolean> {
    try {
      return (await this.send('GET', '/health', null)).status === 200;
    } catch {
      return false;
    }
  }

  private post(path: string, body: unknown, token = this.token) {
    return this.send('POST', path, body, token);
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    token: string | null = null,
    timeout = TIMEOUT_MS,
  ): Promise<{ status: number; body: unknown }> {
    const text = body === null ? '' : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.server.host,
          port: this.server.port,
          method,
          path,
          agent: this.agent,
          servername: sniName(this.server.host),
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          timeout,
        },
        (response) => readReply(response).then(resolve, reject),
      );
      req.on('timeout', () => req.destroy(new PlwError('UNAVAILABLE', UNAVAILABLE)));
      req.on('error', (error) => reject(asPlwError(error)));
      req.end(text);
    });
  }
}

/** A file from this computer's disk as a request's content: exactly the size declared (a file that grew meanwhile sends what was checked). */
function streamFileInto(req: ClientRequest, content: { path: string; bytes: number }, sent?: (bytes: number) => void): void {
  const file = createReadStream(content.path, { start: 0, end: content.bytes - 1 });
  let done = 0;
  file.on('data', (chunk) => {
    done += chunk.length;
    sent?.(done);
  });
  file.on('error', () => req.destroy(new PlwError('NOT_FOUND', 'The file could not be read on this computer. Choose it again.')));
  file.on('end', () => {
    if (done !== content.bytes) req.destroy(new PlwError('VALIDATION', 'The file changed while it was being sent. Choose it again.'));
  });
  file.pipe(req);
}

const shapeOf = (error: unknown): PlwErrorShape =>
  error instanceof PlwError ? { code: error.code, message: error.message } : { code: 'UNAVAILABLE', message: UNAVAILABLE };

/** The server's answer: its status and JSON body (anything else is a server not answering properly). */
function readReply(response: IncomingMessage): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      try {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        reject(new PlwError('UNAVAILABLE', UNAVAILABLE));
      }
    });
    response.on('error', () => reject(new PlwError('UNAVAILABLE', UNAVAILABLE)));
  });
}

export const EXPIRED_CERTIFICATE =
  'The team server’s certificate has expired, so the app cannot be sure it is your server. Ask your administrator to make a new one (plw serve --init).';

/**
 * A failed request as the person should hear it. The pinned certificate is the connection's only
 * authority, so any other certificate fails TLS verification itself (before the fingerprint is
 * even compared): that is a changed certificate, not a server that is down.
 */
function asPlwError(error: unknown): PlwError {
  if (error instanceof PlwError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  if (code === 'CERT_HAS_EXPIRED') return new PlwError('CHANGED_CERTIFICATE', EXPIRED_CERTIFICATE);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return new PlwError('CHANGED_CERTIFICATE', CHANGED_CERTIFICATE);
  return new PlwError('UNAVAILABLE', UNAVAILABLE);
}

function errorOf(body: unknown): PlwErrorShape {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  if (error && isErrorCode(error.code) && typeof error.message === 'string') {
    return { code: error.code, message: error.message, ...(typeof error.field === 'string' ? { field: error.field } : {}) };
  }
  return { code: 'UNAVAILABLE', message: UNAVAILABLE };
}

const isErrorCode = (code: unknown): code is PlwErrorShape['code'] => (ERROR_CODES as readonly unknown[]).includes(code);

function toPem(peer: PeerCertificate): string {
  const lines = peer.raw.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** SNI takes host names only, never an address. */
const sniName = (host: string) => (/^[\d.]+$|:/.test(host) ? undefined : host);
