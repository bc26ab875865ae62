/**
 * The desktop app as a client of a team server: which server this computer uses (the address
 * and the certificate the person confirmed, in `team-server.json` in the app's data folder:
 * public, nothing about victims), and the signed-in connection to it while unlocked.
 *
 * While a server is chosen, the app keeps no database on this computer: unlocking signs in to
 * the server, every request goes to it, and locking signs out.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Result } from '../../../shared/errors';
import { writeFileAtomic } from '../files/durable-files';
import { PlwError } from '../errors';
import { firstLook, TeamServerClient, type PinnedServer } from './team-client';
import { SIGNED_OUT } from './signed-out';

export const DEFAULT_SERVER_PORT = 8443;

const SIGNED_OUT_HERE = { ok: false, error: SIGNED_OUT } as const;

const pinnedSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  certificatePem: z.string().startsWith('-----BEGIN CERTIFICATE-----'),
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
});

/** "plw-server", "plw-server:9443", "10.0.0.5", "[::1]:8443": a host and a port. */
export function parseServerAddress(text: string): { host: string; port: number } {
  const trimmed = text
    .trim()
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '');
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(trimmed);
  const port = match?.[3] === undefined ? DEFAULT_SERVER_PORT : Number(match[3]);
  if (!match || port < 1 || port > 65535) {
    throw new PlwError('VALIDATION', 'Enter the server’s name or address, and its port if it is not 8443, like plw-server or 10.0.0.5:8443', 'address');
  }
  return { host: match[1] ?? match[2]!, port };
}

export const addressLabel = ({ host, port }: { host: string; port: number }) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

export class TeamConnection {
  private client: TeamServerClient | null = null;
  private signedInAs: { accountName: string; role: string } | null = null;

  constructor(private readonly configDir: string) {}

  private get file(): string {
    return join(this.configDir, 'team-server.json');
  }

  /** The server this computer uses, or null (the database is on this computer). */
  pinned(): PinnedServer | null {
    if (!existsSync(this.file)) return null;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      // A damaged file pins nothing: the person connects again and checks the fingerprint again.
      return null;
    }
    const parsed = pinnedSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  }

  /** Step 1: what the server at this address shows, for the person to compare with what their administrator gave them. */
  async look(address: string): Promise<{ address: string; fingerprint: string }> {
    const { host, port } = parseServerAddress(address);
    try {
      const seen = await firstLook({ host, port });
      return { address: addressLabel({ host, port }), fingerprint: seen.fingerprint };
    } catch (error) {
      if (error instanceof PlwError) throw new PlwError(error.code, error.message, 'address');
      throw error;
    }
  }

  /**
   * Step 2: the person confirmed `fingerprint`. The certificate is read again and must still be
   * the one they saw (so a swap between the two steps is refused), then pinned.
   */
  async confirm(address: string, fingerprint: string): Promise<void> {
    const { host, port } = parseServerAddress(address);
    const seen = await firstLook({ host, port });
    if (seen.fingerprint !== fingerprint)
      throw new PlwError('CHANGED_CERTIFICATE', 'The server’s certificate changed while you were checking it. Start again.');
    mkdirSync(this.configDir, { recursive: true });
    writeFileAtomic(this.file, `${JSON.stringify({ host, port, certificatePem: seen.certificatePem, fingerprint }, null, 2)}\n`);
  }

  /** Back to a database on this computer (only while signed out). */
  forget(): void {
    if (this.client) throw new PlwError('NOT_ALLOWED', 'Lock the app before you stop using this team server.');
    rmSync(this.file, { force: true });
  }

  get session(): { accountName: string; role: string } | null {
    return this.signedInAs;
  }

  async signIn(accountName: string, passphrase: string, newPassphrase?: string): Promise<{ accountName: string; role: string }> {
    const pinned = this.pinned();
    if (!pinned) throw new PlwError('NOT_FOUND', 'No team server is chosen on this computer.');
    await this.signOut();
    const client = new TeamServerClient(pinned);
    const signedIn = await client.signIn(accountName, passphrase, newPassphrase);
    this.client = client;
    this.signedInAs = { accountName: signedIn.accountName, role: signedIn.role };
    return this.signedInAs;
  }

  /** A channel's request, answered by the server. Signed out there (idle, restarted): signed out here too. */
  async call(channel: string, input: unknown): Promise<Result<unknown>> {
    return this.signedOutWhenTold(await (this.client?.call(channel, input) ?? SIGNED_OUT_HERE));
  }

  /** A file the person chose to open, sent ahead of the request that opens it (send-to-server.ts). */
  async upload(...args: Parameters<TeamServerClient['upload']>): Promise<Result<null>> {
    return this.signedOutWhenTold(await (this.client?.upload(...args) ?? SIGNED_OUT_HERE));
  }

  private signedOutWhenTold<T>(result: Result<T>): Result<T> {
    if (!result.ok && result.error.code === 'SIGNED_OUT') {
      this.client = null;
      this.signedInAs = null;
    }
    return result;
  }

  get signedIn(): boolean {
    return this.client !== null;
  }

  async signOut(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.signedInAs = null;
    await client?.signOut();
  }
}
