/**
 * The layers of ARCHITECTURE.md, enforced: only electron/app imports electron;
 * renderer and shared never import electron/; shared imports no Node built-ins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  return specifiersIn(readFileSync(join(ROOT, file), 'utf8'));
}

function specifiersIn(text: string): string[] {
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((m) => m[1] ?? m[2] ?? m[3]!);
}

function resolvedImports(file: string): { file: string; specifier: string; target: string }[] {
  return importsOf(file).map((specifier) => ({
    file,
    specifier,
    target: specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', specifier)) : specifier,
  }));
}

describe('import boundaries', () => {
  const everything = ['shared', 'electron', 'renderer', 'tests'].flatMap(sourceFiles);

  it('finds the source it is checking', () => {
    expect(everything.length).toBeGreaterThan(40);
    expect(everything).toContain('electron/app/main.ts');
  });

  it('only electron/app imports electron', () => {
    const offenders = everything
      .filter((file) => !file.startsWith('electron/app/'))
      .flatMap(resolvedImports)
      .filter((i) => i.specifier === 'electron' || i.specifier.startsWith('electron/'));
    expect(offenders).toEqual([]);
  });

  it('the renderer and shared never import electron/ (core, app or cli)', () => {
    const offenders = [...sourceFiles('renderer'), ...sourceFiles('shared')]
      .flatMap(resolvedImports)
      .filter((i) => i.target.startsWith('electron/') || i.target === 'electron');
    expect(offenders).toEqual([]);
  });

  it('shared stays pure: no Node built-ins, no DOM-only modules', () => {
    const offenders = sourceFiles('shared')
      .flatMap(resolvedImports)
      .filter((i) => i.specifier.startsWith('node:') || ['fs', 'path', 'crypto', 'os', 'child_process'].includes(i.specifier));
    expect(offenders).toEqual([]);
  });

  it('the core never imports from electron/app or the renderer', () => {
    const offenders = sourceFiles('electron/core')
      .flatMap(resolvedImports)
      .filter((i) => i.target.startsWith('electron/app') || i.target.startsWith('renderer'));
    expect(offenders).toEqual([]);
  });

  it('the checker itself catches a forbidden import', () => {
    // Built from pieces so this file does not itself contain the imports it describes.
    const q = "'";
    const fake = `import { app } from ${q}electron${q};\nconst x = await import(${q}../electron/core/app-core${q});\nrequire(${q}node:fs${q});`;
    expect(specifiersIn(fake)).toEqual(['electron', '../electron/core/app-core', 'node:fs']);
  });
});
