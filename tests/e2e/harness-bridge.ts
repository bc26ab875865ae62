/**
 * The browser side of the loopback harness: the same `window.plw` shape the
 * Electron preload exposes, carried over fetch and server-sent events instead
 * of IPC. Bundled by the harness at start-up; never part of the app.
 */
import { CHANNEL_NAMES } from '../../shared/channel-names';

type Listener = (message: { event: string; payload: unknown }) => void;
const listeners = new Set<Listener>();
const events = new EventSource('/events');
events.onmessage = (message) => {
  const parsed = JSON.parse(message.data as string) as { event: string; payload: unknown };
  for (const listener of listeners) listener(parsed);
};

const api: Record<string, unknown> = {};
for (const channel of CHANNEL_NAMES) {
  api[channel] = async (input: unknown) => {
    const response = await fetch(`/rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return response.json();
  };
}
api.onEvent = (event: string, listener: (payload: unknown) => void) => {
  const wrapped: Listener = (message) => {
    if (message.event === event) listener(message.payload);
  };
  listeners.add(wrapped);
  return () => listeners.delete(wrapped);
};

Object.defineProperty(window, 'plw', { value: Object.freeze(api), configurable: false, writable: false });
