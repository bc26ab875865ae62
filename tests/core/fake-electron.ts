/**
 * A small fake of the `electron` module: enough of app, BrowserWindow, ipcMain, Menu,
 * powerMonitor, session and dialog for the built main process (dist/app/main.cjs) to run
 * under plain Node, recording what it asks for so tests can check the wiring.
 */
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { createRequire } from 'node:module';

export interface FakeContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[];
  windowOpenHandler: (() => { action: string }) | null;
  send(channel: string, payload: unknown): void;
  setWindowOpenHandler(handler: () => { action: string }): void;
}

function fakeContents(): FakeContents {
  const contents = new EventEmitter() as FakeContents;
  contents.sent = [];
  contents.windowOpenHandler = null;
  contents.send = (channel, payload) => contents.sent.push({ channel, payload });
  contents.setWindowOpenHandler = (handler) => {
    contents.windowOpenHandler = handler;
  };
  return contents;
}

export function makeFakeElectron(userData: string) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitCalls: 0,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? userData : userData),
    quit() {
      app.quitCalls++;
    },
  });
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    static getAllWindows = () => windows;
    readonly webContents = fakeContents();
    loaded: string | null = null;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadFile(path: string) {
      this.loaded = path;
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const sessionHandlers: {
    permissionRequest?: (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    permissionCheck?: () => boolean;
    beforeRequest?: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
  } = {};
  const powerMonitor = Object.assign(new EventEmitter(), {
    idleState: 'active',
    idleTime: 0,
    getSystemIdleState: () => powerMonitor.idleState,
    getSystemIdleTime: () => powerMonitor.idleTime,
  });
  const menus: unknown[] = [];
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => menus.push(menu) },
    powerMonitor,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof sessionHandlers.permissionRequest) => (sessionHandlers.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof sessionHandlers.permissionCheck) => (sessionHandlers.permissionCheck = h),
        webRequest: { onBeforeRequest: (h: typeof sessionHandlers.beforeRequest) => (sessionHandlers.beforeRequest = h) },
      },
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
  };
  return { electron, app, windows, handlers, sessionHandlers, powerMonitor, menus };
}

/** Loads a built file with `require('electron')` answered by the fake. */
export function requireWithFakeElectron(path: string, fake: unknown): void {
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  loader._load = function load(request: string, parent: unknown, isMain: boolean) {
    if (request === 'electron') return fake;
    return original.call(this, request, parent, isMain);
  };
  try {
    const require = createRequire(import.meta.url);
    delete require.cache[path];
    require(path);
  } finally {
    loader._load = original;
  }
}
