/**
 * Main's side of the core worker: one request id per call, events passed on to
 * the window, and the folder dialog answered here because only main may show one.
 *
 * Quitting asks the worker to lock (audited, database closed) and waits for it to say so
 * before the thread ends; a worker that stops on its own is restarted, with a growing
 * pause, and the window is told it is locked; after a few failures in a row it is left
 * stopped and every call gets a plain message instead of a restart loop.
 */
import { Worker } from 'node:worker_threads';
import type { Channel, EventName, LockedEvent, PlwEvents } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { ChoiceKind } from '../core/session';
import type { MainToWorker, WorkerToMain } from '../core/worker-protocol';

export interface WorkerHostOptions {
  workerPath: string;
  configDir: string;
  onEvent: <E extends EventName>(event: E, payload: PlwEvents[E]) => void;
  choose: (kind: ChoiceKind, suggestedName?: string) => Promise<string | null>;
  /** Pauses before each restart after an unexpected stop (ms); after the last, no more restarts. */
  restartDelaysMs?: readonly number[];
  /** How long quitting waits for the worker to lock before ending it anyway. */
  stopTimeoutMs?: number;
}

const WORKER_STOPPED: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The app’s data engine stopped. It has been restarted and locked; unlock to carry on.' },
};
const WORKER_FAILED: Result<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'The app’s data engine keeps stopping, so it has not been restarted. Close the app and open it again; if it happens again, tell your IT support.',
  },
};

/** 0.5 s, 2 s, 8 s: a worker that cannot start is not restarted in a tight loop. */
const RESTART_DELAYS_MS = [500, 2000, 8000] as const;
/** A worker that ran this long before stopping had started fine: the count starts again. */
const HEALTHY_RUN_MS = 60_000;

export class CoreWorkerHost {
  private worker: Worker | null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private stopping = false;
  private failures = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private stoppedAnswer: (() => void) | null = null;
  private gaveUp = false;

  constructor(private readonly options: WorkerHostOptions) {
    this.worker = this.start();
  }

  call(channel: Channel, input: unknown): Promise<Result<unknown>> {
    if (!this.worker) return Promise.resolve(this.gaveUp ? WORKER_FAILED : WORKER_STOPPED);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'call', id, channel, input });
    });
  }

  lock(reason: LockedEvent['reason']): void {
    this.post({ type: 'lock', reason });
  }

  /** Quitting: the worker locks and closes the database, says so, and ends; it is not restarted. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const answered = new Promise<void>((resolve) => {
      this.stoppedAnswer = resolve;
    });
    this.post({ type: 'stop' });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.options.stopTimeoutMs ?? 5000).unref());
    if ((await Promise.race([answered.then(() => exited), exited, timeout])) === 'timeout') await worker.terminate();
    await exited;
    this.worker = null;
  }

  private answerPending(result: Result<never>): void {
    for (const resolve of this.pending.values()) resolve(result);
    this.pending.clear();
  }

  private post(message: MainToWorker): void {
    this.worker?.postMessage(message);
  }

  private start(): Worker {
    const worker = new Worker(this.options.workerPath, { workerData: { configDir: this.options.configDir } });
    this.startedAt = Date.now();
    worker.on('message', (message: WorkerToMain) => this.receive(message));
    worker.on('error', () => {
      // The error itself may quote data, so it is not logged; the name of what happened is enough.
      process.stderr.write('[plw] core worker stopped unexpectedly\n');
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.stopping) {
        this.answerPending(WORKER_STOPPED);
        return;
      }
      // Not asked to stop: it crashed, and whatever it held is locked. Restart after a pause, or give up.
      this.failures = Date.now() - this.startedAt > HEALTHY_RUN_MS ? 1 : this.failures + 1;
      const delay = (this.options.restartDelaysMs ?? RESTART_DELAYS_MS)[this.failures - 1];
      this.gaveUp = delay === undefined;
      this.answerPending(this.gaveUp ? WORKER_FAILED : WORKER_STOPPED);
      this.options.onEvent('locked', { reason: 'requested' });
      if (this.gaveUp) {
        process.stderr.write('[plw] core worker keeps stopping; not restarting it\n');
        return;
      }
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (!this.stopping) this.worker = this.start();
      }, delay);
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
      case 'stopped':
        this.stoppedAnswer?.();
        break;
    }
  }
}
