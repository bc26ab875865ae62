/**
 * No import cycles, type-only imports included (dpdm), in any entry point's graph: the app's
 * main, the core worker, the CLI and the renderer. And no cycles between the core's folders
 * (cases, records, team, ...): each folder's imports of the others form a graph without loops.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('import cycles', () => {
  it('there are none between files, from any entry point', async () => {
    const tree = await parseDependencyTree(
      ['electron/app/main.ts', 'electron/app/preload.ts', 'electron/core/worker.ts', 'electron/cli/plw.ts', 'renderer/main.tsx'],
      {
        context: ROOT,
        cwd: ROOT,
        transform: false,
        skipDynamicImports: false,
        exclude: /node_modules/,
      },
    );
    expect(Object.keys(tree).length).toBeGreaterThan(150);
    expect(parseCircular(tree)).toEqual([]);
  }, 60_000);

  it("there are none between the core's folders", () => {
    const core = join(ROOT, 'electron/core');
    const folders = readdirSync(core, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const edges = new Map<string, Set<string>>(folders.map((f) => [f, new Set()]));
    for (const folder of folders) {
      for (const entry of readdirSync(join(core, folder), { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
        const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
        for (const [, target] of text.matchAll(/from '(?:\.\.\/)+([a-z-]+)\//g)) {
          if (target && target !== folder && edges.has(target)) edges.get(folder)!.add(target);
        }
      }
    }
    // A folder that can reach itself through the others is in a cycle.
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...edges.get(from)!].some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
    expect(folders.filter((f) => reaches(f, f))).toEqual([]);
  });
});
