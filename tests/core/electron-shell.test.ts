/**
 * The Electron main process, built as the app ships it (dist/app/main.cjs), run under plain
 * Node against a small fake of the `electron` module (fake-electron.ts) and the real built
 * core worker: the window's options, every channel registered, IPC from a foreign frame
 * refused, navigation, new windows, permissions and the network denied, and the app locking
 * on suspend, on the lock screen and on quit. Replaces reading the source with regexes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, IPC_EVENT_CHANNEL, ipcChannelName } from '../../shared/contract';
import { DATABASE_FILE_NAME } from '../../electron/core/location-store';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { makeFakeElectron, requireWithFakeElectron, type FakeContents } from './fake-electron';

const DIST = resolve(import.meta.dirname, '../../dist');
const RENDERER_INDEX = join(DIST, 'renderer', 'index.html');
const APP_URL = pathToFileURL(RENDERER_INDEX).href;
const PASSPHRASE = 'a long passphrase';
const userData = mkdtempSync(join(tmpdir(), 'plw-shell-'));
const fake = makeFakeElectron(userData);
const appFrame = { parent: null, url: `${APP_URL}#/today` };

const invoke = (channel: string, input: unknown, frame: unknown = appFrame) =>
  fake.handlers.get(ipcChannelName(channel))!({ senderFrame: frame }, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
const contents = () => fake.windows[0]!.webContents as FakeContents;
const lockedEvents = () =>
  contents()
    .sent.filter((s) => s.channel === IPC_EVENT_CHANNEL && (s.payload as { event: string }).event === 'locked')
    .map((s) => (s.payload as { payload: { reason: string } }).payload.reason);

beforeAll(async () => {
  requireWithFakeElectron(join(DIST, 'app', 'main.cjs'), fake.electron);
  // app.whenReady() resolves at once in the fake: the window follows within a tick or two.
  for (let i = 0; i < 100 && fake.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
});

afterAll(async () => {
  fake.app.emit('before-quit');
  await new Promise((r) => setTimeout(r, 500));
});

describe('the Electron shell', () => {
  it('opens one isolated, sandboxed window with no Node in the page, loading the built renderer', () => {
    const { webPreferences, ...window } = fake.windows[0]!.options as { webPreferences: Record<string, unknown>; show: boolean };
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(DIST, 'app', 'preload.cjs'),
    });
    for (const risky of ['allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInWorker', 'webviewTag'])
      expect(webPreferences, risky).not.toHaveProperty(risky);
    expect(window.show).toBe(false);
    expect(fake.windows[0]!.loaded).toBe(RENDERER_INDEX);
  });

  it("registers exactly the contract's channels, and refuses a call from any frame but the app's own", async () => {
    expect([...fake.handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannelName).sort());
    for (const frame of [{ parent: null, url: 'https://example.org/' }, { parent: appFrame, url: `${APP_URL}` }, null]) {
      expect(await invoke('app.status', {}, frame)).toEqual({ ok: false, error: { code: 'NOT_ALLOWED', message: 'Request refused.' } });
    }
    expect(await invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'no-database' } });
    // Inputs are checked in main too, before the worker sees them.
    expect(await invoke('database.create', { teamName: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  }, 60_000);

  it('denies navigation away, redirects, webviews, new windows, permissions and the network', () => {
    const c = contents();
    const prevented = (event: string, ...args: unknown[]) => {
      let stopped = false;
      c.emit(event, { preventDefault: () => (stopped = true) }, ...args);
      return stopped;
    };
    expect(prevented('will-navigate', 'https://example.org/')).toBe(true);
    expect(prevented('will-navigate', `${APP_URL}#/cases`)).toBe(false);
    expect(prevented('will-redirect', 'https://example.org/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(c.windowOpenHandler!()).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    fake.sessionHandlers.permissionRequest!(c, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(fake.sessionHandlers.permissionCheck!()).toBe(false);
    const cancelled = (url: string) => {
      let answer = false;
      fake.sessionHandlers.beforeRequest!({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    expect(cancelled('https://example.org/telemetry')).toBe(true);
    expect(cancelled(APP_URL)).toBe(false);
  });

  it('locks on suspend and on the lock screen, telling the window why', async () => {
    expect(
      await invoke('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: PASSPHRASE, passphraseConfirm: PASSPHRASE }),
    ).toMatchObject({ ok: true });
    fake.powerMonitor.emit('suspend');
    await expect.poll(() => lockedEvents()).toEqual(['suspend']);
    expect(await invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await invoke('session.unlock', { accountName: 'Sam Admin', passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    fake.powerMonitor.emit('lock-screen');
    await expect.poll(() => lockedEvents()).toEqual(['suspend', 'os-lock']);
  }, 60_000);

  it('on quit, locks (audited) and closes the database before the worker ends', async () => {
    expect(await invoke('session.unlock', { accountName: 'Sam Admin', passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    fake.app.emit('before-quit');
    // The database lock is let go once the worker has closed it: then it opens here.
    let open: Awaited<ReturnType<typeof unlockTeamDatabase>> | null = null;
    await expect
      .poll(
        async () => {
          open = await unlockTeamDatabase({ databasePath: join(userData, DATABASE_FILE_NAME), accountName: 'Sam Admin', passphrase: PASSPHRASE }).catch(
            () => null,
          );
          return open !== null;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const actions = (open!.db.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 3').all() as { action: string }[]).map((r) => r.action);
    closeTeamDatabase(open!);
    expect(actions.slice(1)).toContain('session.locked');
    // A quit is not a crash: no restart, so no further "locked" after the one the quit sent.
    const count = lockedEvents().length;
    await new Promise((r) => setTimeout(r, 700));
    expect(lockedEvents()).toHaveLength(count);
  }, 60_000);
});

describe('the preload', () => {
  it('exposes only the contract (one function per channel, and events), never ipcRenderer', () => {
    const exposed = new Map<string, unknown>();
    const invoked: string[] = [];
    const ipcRenderer = { invoke: async (channel: string) => (invoked.push(channel), { ok: true }), on: () => undefined, removeListener: () => undefined };
    requireWithFakeElectron(join(DIST, 'app', 'preload.cjs'), {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer,
    });
    expect([...exposed.keys()]).toEqual(['plw']);
    const api = exposed.get('plw') as Record<string, (input?: unknown) => unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onEvent'].sort());
    expect(Object.values(api)).not.toContain(ipcRenderer);
    void api['app.status']!({});
    expect(invoked).toEqual(['plw:app.status']);
  });
});
