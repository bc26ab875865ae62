import type { Channel, EventName, LockedEvent, PlwEvents } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { ChoiceKind } from './session';

export type MainToWorker =
  | { type: 'call'; id: number; channel: Channel; input: unknown }
  | { type: 'chosen'; id: number; path: string | null }
  | { type: 'lock'; reason: LockedEvent['reason'] }
  /** Quitting: lock (audited, database closed), answer 'stopped', then end the thread. */
  | { type: 'stop' };

export type WorkerToMain =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: PlwEvents[EventName] }
  | { type: 'choose'; id: number; kind: ChoiceKind; suggestedName?: string | undefined }
  | { type: 'stopped' };
