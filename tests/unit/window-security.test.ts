/**
 * Electronegativity cannot run here (it fetches Electron's release list from the internet and
 * crashes offline), so the settings it would check are asserted from the source directly.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const source = (file: string) => readFileSync(resolve(import.meta.dirname, '../../electron/app', file), 'utf8');

describe('Electron window security, from the source', () => {
  const main = source('main.ts');
  const security = source('window-security.ts');
  const preload = source('preload.ts');
  const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');

  it('the window is isolated and sandboxed, with no Node in the page', () => {
    expect(main).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/sandbox: true/);
    expect(main).toMatch(/nodeIntegration: false/);
    expect(main).toMatch(/webSecurity: true/);
    for (const risky of ['allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInWorker', 'webviewTag: true', 'openDevTools']) {
      expect(main, risky).not.toContain(risky);
    }
  });

  it('navigation, new windows, webviews, permissions and network are all refused', () => {
    expect(security).toMatch(/will-navigate[\s\S]*preventDefault/);
    expect(security).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(security).toMatch(/will-attach-webview[\s\S]*preventDefault/);
    expect(security).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(security).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(security).toMatch(/onBeforeRequest[\s\S]*cancel: !allowed/);
  });

  it('the preload exposes only the contract, never ipcRenderer itself', () => {
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('plw', api\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('the page has a strict Content Security Policy: no remote origins, no inline script, no eval', () => {
    const csp = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});
