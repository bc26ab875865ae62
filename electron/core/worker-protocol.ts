import type { Channel, EventName, LockedEvent, PlwEvents } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { ChoiceKind } from './app-core';

export type MainToWorker =
  | { type: 'call'; id: number; channel: Channel; input: unknown }
  | { type: 'chosen'; id: number; path: string | null }
  | { type: 'lock'; reason: LockedEvent['reason'] };

export type WorkerToMain =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: PlwEvents[EventName] }
  | { type: 'choose'; id: number; kind: ChoiceKind; suggestedName?: string | undefined };
