/**
 * The page's Content Security Policy, read from the built renderer's index.html. The window's
 * own security (options, navigation, new windows, permissions, network, IPC frames, the
 * preload) is tested by behaviour, running the built main process against a fake of the
 * electron module: tests/core/electron-shell.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the page', () => {
  const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');

  it('has a strict Content Security Policy: no remote origins, no inline script, no eval', () => {
    const csp = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});
