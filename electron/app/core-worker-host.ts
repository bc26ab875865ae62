/**
 * Main's side of the core worker: one request id per call, events passed on to
 * the window, and the folder dialog answered here because only main may show one.
 */
import { Worker } from 'node:worker_threads';
import type { Channel, EventName, LockedEvent, PlwEvents } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { ChoiceKind } from '../core/app-core';
import type { MainToWorker, WorkerToMain } from '../core/worker-protocol';

export interface WorkerHostOptions {
  workerPath: string;
  configDir: string;
  onEvent: <E extends EventName>(event: E, payload: PlwEvents[E]) => void;
  choose: (kind: ChoiceKind, suggestedName?: string) => Promise<string | null>;
}

const WORKER_STOPPED: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The app’s data engine stopped. It has been restarted and locked; unlock to carry on.' },
};

export class CoreWorkerHost {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();

  constructor(private readonly options: WorkerHostOptions) {
    this.worker = this.start();
  }

  call(channel: Channel, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'call', id, channel, input });
    });
  }

  lock(reason: LockedEvent['reason']): void {
    this.post({ type: 'lock', reason });
  }

  async stop(): Promise<void> {
    this.lock('requested');
    await this.worker.terminate();
  }

  private post(message: MainToWorker): void {
    this.worker.postMessage(message);
  }

  private start(): Worker {
    const worker = new Worker(this.options.workerPath, { workerData: { configDir: this.options.configDir } });
    worker.on('message', (message: WorkerToMain) => this.receive(message));
    worker.on('error', () => {
      // The error itself may quote data, so it is not logged; the name of what happened is enough.
      process.stderr.write('[plw] core worker stopped unexpectedly; restarting\n');
    });
    worker.on('exit', (code) => {
      if (code === 0 && this.worker !== worker) return;
      for (const resolve of this.pending.values()) resolve(WORKER_STOPPED);
      this.pending.clear();
      this.worker = this.start();
      this.options.onEvent('locked', { reason: 'requested' });
    });
    return worker;
  }

  private receive(message: WorkerToMain): void {
    switch (message.type) {
      case 'result':
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
        break;
      case 'event':
        this.options.onEvent(message.event, message.payload);
        break;
      case 'choose':
        void this.options.choose(message.kind, message.suggestedName).then((path) => this.post({ type: 'chosen', id: message.id, path }));
        break;
    }
  }
}
