/**
 * The handler table: every channel's feature, and the public channels that work before
 * unlocking. The app's worker, the e2e harness, the command line and the tests all reach
 * the core through `dispatch` and nothing else.
 */
import { contract, type Channel, type InputOf, type OutputOf } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { mayCall, needsSession, refusalFor, PERMISSIONS } from '../../shared/permissions';
import { validationError } from '../../shared/validation';
import type { AppCore } from './app-core';
import { PlwError, toErrorShape } from './errors';
import { accountsChannels } from './features/accounts';
import { agenciesChannels } from './features/agencies';
import { oversightChannels } from './features/oversight';
import { auditChannels } from './features/audit';
import { backupsChannels } from './features/backups';
import { casesChannels } from './features/cases';
import type { FeatureChannels } from './features/channel';
import { importChannels } from './features/import';
import { lettersChannels } from './features/letters';
import { recordsChannels } from './features/records';
import { reportsChannels } from './features/reports';
import { sessionChannels, type PublicChannels } from './features/session';
import { settingsChannels } from './features/settings';
import type { Session } from './session';

type PublicChannel = keyof PublicChannels;
export type FeatureChannel = Exclude<Channel, PublicChannel>;

/** Every feature's channels: a channel missing here, or written twice, does not build. */
export const FEATURES: FeatureChannels<FeatureChannel> = {
  ...settingsChannels,
  ...accountsChannels,
  ...casesChannels,
  ...recordsChannels,
  ...agenciesChannels,
  ...oversightChannels,
  ...lettersChannels,
  ...reportsChannels,
  ...backupsChannels,
  ...auditChannels,
  ...importChannels,
};

export interface HandlerTable {
  public: PublicChannels;
  features: FeatureChannels<FeatureChannel>;
  /** The session requests are made in when the caller does not name one (the desktop app's). */
  session(): Session | null;
  /** Where a session's requests go instead when the app works through a team server (signed in there). */
  remote?(): ((channel: Channel, input: unknown) => Promise<Result<unknown>>) | null;
}

export function createHandlers(host: AppCore): HandlerTable {
  return {
    public: sessionChannels(host),
    features: FEATURES,
    session: () => host.session(),
    remote: () => (host.remote ? (channel, input) => host.callServer(channel, input) : null),
  };
}

/**
 * The table for a caller that brings its own session (the command line, the team server): the same features
 * and the same dispatch; the app's before-unlock channels are not there to call.
 */
export function handlersFor(session: Session, refusal = 'That is for the app, not the command line.'): HandlerTable {
  const refuse = {
    run: () => {
      throw new PlwError('NOT_FOUND', refusal);
    },
  };
  const none = Object.fromEntries(PUBLIC_CHANNELS.map((channel) => [channel, refuse])) as unknown as PublicChannels;
  return { public: none, features: FEATURES, session: () => session };
}

/** A request in a session, as any caller makes it: its value, or the PlwError it failed with. */
export async function callIn<C extends Channel>(session: Session, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await dispatch(handlersFor(session), channel, input, session);
  if (!result.ok) throw new PlwError(result.error.code, result.error.message, result.error.field);
  return result.value as OutputOf<C>;
}

/** The permission table's check alone, for work the command line does outside a channel (a backup to a folder it names). */
export function requireChannel(session: Session, channel: Channel): void {
  if (!mayCall(session.account.role, channel)) throw new PlwError('NOT_ALLOWED', refusalFor(channel));
}

/** The permission table and the public channels agree: 'anyone' exactly for the channels that need no session. */
export const PUBLIC_CHANNELS = Object.keys(PERMISSIONS).filter((c) => PERMISSIONS[c as Channel] === 'anyone') as PublicChannel[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/**
 * The one path for every request (the window, the command line, tests): an unlocked session,
 * the role checked against the permission table (before the input is even read, so a role
 * that may not call a channel learns nothing about it), the input validated against the
 * contract, the feature run, the output validated. Any failure becomes `{ code, message,
 * field? }`. Unexpected errors are logged by name only: their messages can quote data.
 */
export async function dispatch(handlers: HandlerTable, channel: string, rawInput: unknown, caller?: Session): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'NOT_FOUND', message: 'The app asked for something it does not know.' } };
  try {
    // Through a team server: the input checked here as well, then the server checks the role, reads it again and answers.
    const remote = !caller && needsSession(channel) ? handlers.remote?.() : null;
    if (remote) {
      const parsed = contract[channel].input.safeParse(rawInput ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
      return await remote(channel, parsed.data);
    }
    const session = needsSession(channel) ? (caller ?? handlers.session()) : null;
    if (needsSession(channel)) {
      if (!session) throw new PlwError('LOCKED', 'The app is locked. Unlock it to carry on.');
      if (!mayCall(session.account.role, channel)) throw new PlwError('NOT_ALLOWED', refusalFor(channel));
    }
    const parsed = contract[channel].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
    const value = session
      ? await (handlers.features[channel as FeatureChannel].run as (session: Session, input: unknown) => unknown)(session, parsed.data)
      : await (handlers.public[channel as PublicChannel].run as (input: unknown) => unknown)(parsed.data);
    return { ok: true, value: contract[channel].output.parse(value) };
  } catch (error) {
    const shape = toErrorShape(error);
    if (shape.code === 'INTERNAL') {
      process.stderr.write(`[plw] ${channel} failed: ${error instanceof Error ? error.name : typeof error}\n`);
    }
    return { ok: false, error: shape };
  }
}
