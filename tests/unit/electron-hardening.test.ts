/**
 * The Electron hardening check (electronegativity, run offline by
 * build/electronegativity.cjs) passes over our main process, preload and page,
 * and is not a formality: a window built carelessly fails it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '../../build/electronegativity.cjs');
const check = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('Electron hardening (electronegativity)', () => {
  it('finds nothing of medium severity or higher in our sources', () => {
    const result = check();
    expect(result.stdout).toMatch(/0 findings of medium or higher, 0 files it could not parse/);
    expect(result.status).toBe(0);
  });

  it('fails a window with Node integration, no context isolation, no sandbox, plain HTTP and no CSP', () => {
    const careless = mkdtempSync(join(tmpdir(), 'plw-careless-'));
    try {
      mkdirSync(join(careless, 'electron'));
      writeFileSync(
        join(careless, 'electron', 'main.ts'),
        // (Built from parts so the import-boundary test does not take the fixture for our own import.)
        `import { BrowserWindow } from '${'electron'}';\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } }).loadURL('http://example.com');\n`,
      );
      const result = check(careless);
      expect(result.status).toBe(1);
      for (const finding of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'AUXCLICK_JS_CHECK', 'CSP_GLOBAL_CHECK']) {
        expect(result.stdout).toContain(finding);
      }
    } finally {
      rmSync(careless, { recursive: true, force: true });
    }
  });
});
