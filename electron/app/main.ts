/**
 * Electron main: lifecycle, one window, the IPC bridge and the lock monitor.
 * All data work happens in the core worker; this file stays small on purpose.
 */
import { app, BrowserWindow, Menu, powerMonitor } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT_CHANNEL } from '../../shared/contract';
import { CoreWorkerHost } from './core-worker-host';
import { registerIpcBridge } from './ipc-bridge';
import { watchForLock } from './lock-monitor';
import { hardenApp } from './window-security';
import { chooseWithDialog } from './dialogs';

// In a packaged app the worker and native modules are unpacked from the asar archive.
const unpacked = (path: string) =>
  path.replace(`app.asar${process.platform === 'win32' ? '\\' : '/'}`, `app.asar.unpacked${process.platform === 'win32' ? '\\' : '/'}`);
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const preloadPath = join(__dirname, 'preload.cjs');
const workerPath = unpacked(join(__dirname, '..', 'core', 'worker.cjs'));

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Partner Link Tracker',
    webPreferences: {
      // The preload exposes only the typed contract (one invoke per channel, inputs validated in
      // main) through contextBridge; it gives the page no Node, no ipcRenderer and no file access.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
      // Middle-click must not open links in new windows (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  void app.whenReady().then(() => {
    const { isAppFrame } = hardenApp(rendererIndex);
    const core = new CoreWorkerHost({
      workerPath,
      configDir: app.getPath('userData'),
      onEvent: (event, payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, { event, payload }),
      choose: (kind, suggestedName) => chooseWithDialog(kind, mainWindow, suggestedName),
    });
    registerIpcBridge(core, isAppFrame);
    const stopWatching = watchForLock(core, powerMonitor);

    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
        {
          label: 'File',
          submenu: [{ label: 'Lock', accelerator: 'CmdOrCtrl+L', click: () => core.lock('requested') }, { type: 'separator' }, { role: 'quit' }],
        },
        { role: 'editMenu' },
        { role: 'windowMenu' },
      ]),
    );

    mainWindow = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
    app.on('before-quit', () => {
      stopWatching();
      void core.stop();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
