/**
 * The renderer's only door to the core: `window.plw`, typed from the contract.
 * Failures come back as ClientError with the core's code, message and field.
 */
import type { Channel, EventName, InputOf, OutputOf, PlwBridge, PlwEvents } from '../../shared/contract';
import type { ErrorCode, PlwErrorShape, Result } from '../../shared/errors';
import { clientCache } from './cache';

declare global {
  interface Window {
    plw: PlwBridge;
  }
}

export class ClientError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(shape: PlwErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.field = shape.field;
  }
}

const bridge = (): PlwBridge => {
  if (!window.plw) throw new ClientError({ code: 'INTERNAL', message: 'The app is not connected to its data. Restart it.' });
  return window.plw;
};

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  // Indexing a mapped type by a generic key loses the pairing TypeScript needs; the contract guarantees it.
  const send = bridge()[channel] as unknown as (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
  const result = await send(input);
  if (!result.ok) throw new ClientError(result.error);
  return result.value as OutputOf<C>;
}

/** Reads through the client cache; writes should call `clientCache.invalidate`. */
export async function cachedCall<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const key = `${channel}:${JSON.stringify(input)}`;
  const hit = clientCache.get(key);
  if (hit !== undefined) return hit as OutputOf<C>;
  const value = await call(channel, input);
  clientCache.set(key, value);
  return value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: PlwEvents[E]) => void): () => void {
  return bridge().onEvent(event, listener);
}

/** A message for any failure, for forms that have no better place to show it. */
export function asClientError(error: unknown): ClientError {
  if (error instanceof ClientError) return error;
  return new ClientError({ code: 'INTERNAL', message: 'Something went wrong. Nothing was changed. Try again.' });
}
