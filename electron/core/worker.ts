/**
 * The core's worker thread in the app. Main validates and forwards each call;
 * the worker owns the database so SQL and Argon2id never block the window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppCore } from './app-core';
import { createHandlers, dispatch } from './handlers';
import type { MainToWorker, WorkerToMain } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const post = (message: WorkerToMain) => port.postMessage(message);
const pendingChoices = new Map<number, (path: string | null) => void>();
let nextChoice = 1;

const core = new AppCore({
  configDir: (workerData as { configDir: string }).configDir,
  emit: (event, payload) => post({ type: 'event', event, payload }),
  choose: (kind, suggestedName) =>
    new Promise((resolve) => {
      const id = nextChoice++;
      pendingChoices.set(id, resolve);
      post({ type: 'choose', id, kind, suggestedName });
    }),
});
const handlers = createHandlers(core);

port.on('message', (message: MainToWorker) => {
  switch (message.type) {
    case 'call':
      void dispatch(handlers, message.channel, message.input).then((result) => post({ type: 'result', id: message.id, result }));
      break;
    case 'chosen':
      pendingChoices.get(message.id)?.(message.path);
      pendingChoices.delete(message.id);
      break;
    case 'lock':
      core.lock(message.reason);
      break;
    case 'stop':
      // Locked before the thread ends, so the quit is in the audit log and the database closed.
      // Signing out of a team server is a request: waited for, so the token stops working before the app quits.
      void (core.isUnlocked() ? core.lockAndSignOut('requested') : Promise.resolve())
        .catch(() => undefined)
        .finally(() => {
          post({ type: 'stopped' });
          port.close();
        });
      break;
  }
});
