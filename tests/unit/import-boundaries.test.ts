/**
 * The layers of ARCHITECTURE.md are enforced by ESLint (eslint.config.mjs, run by npm test):
 * only electron/app imports electron; shared/ is pure; the renderer never reaches electron/;
 * the core and the CLI never reach the app or the page. These check the rules bite, by
 * linting a forbidden import as if it were in each layer, and that the real tree is clean.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });
// Built from pieces so this file does not itself contain the imports it describes.
const q = "'";
const importOf = (specifier: string) => `import * as x from ${q}${specifier}${q};\nexport const y = x;\n`;

async function refused(file: string, specifier: string): Promise<boolean> {
  const [result] = await eslint.lintText(importOf(specifier), { filePath: resolve(ROOT, file) });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('import boundaries (ESLint)', () => {
  it.each([
    ['shared/example.ts', 'electron'],
    ['shared/example.ts', 'node:fs'],
    ['shared/example.ts', 'fs'],
    ['shared/example.ts', '../electron/core/handlers'],
    ['shared/example.ts', '../renderer/App'],
    ['renderer/example.tsx', 'electron'],
    ['renderer/example.tsx', 'node:path'],
    ['renderer/example.tsx', '../electron/core/handlers'],
    ['electron/core/example.ts', 'electron'],
    ['electron/core/example.ts', '../app/main'],
    ['electron/core/example.ts', '../../renderer/App'],
    ['electron/cli/example.ts', 'electron'],
    ['electron/app/example.ts', '../../renderer/App'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await refused(file, specifier)).toBe(true);
  });

  it.each([
    ['electron/app/example.ts', 'electron'],
    ['electron/core/example.ts', 'node:fs'],
    ['renderer/example.tsx', '../shared/contract'],
    ['shared/example.ts', './contract'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await refused(file, specifier)).toBe(false);
  });

  it('the whole tree passes', async () => {
    const results = await eslint.lintFiles(['shared', 'electron', 'renderer', 'tests']);
    const problems = results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line} ${m.ruleId}`),
    );
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(250);
  }, 120_000);
});
