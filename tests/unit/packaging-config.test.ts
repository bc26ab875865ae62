import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));

describe('packaging and project settings', () => {
  it('runs on Node 24 LTS', () => {
    expect(pkg.engines.node).toBe('>=24 <25');
  });

  it('flips the Electron fuses that close the usual ways round the sandbox', () => {
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('declares installers for Linux, Windows and macOS, built from build/', () => {
    expect(pkg.build.directories.buildResources).toBe('build');
    expect(pkg.build.linux.target).toEqual(['AppImage', 'deb']);
    expect(pkg.build.win.target).toEqual(['nsis']);
    expect(pkg.build.mac.target).toEqual(['dmg']);
  });

  it('unpacks the core worker and native modules from the asar, where worker threads and dlopen need real files', () => {
    expect(pkg.build.asarUnpack).toEqual(expect.arrayContaining(['dist/core/**', 'node_modules/better-sqlite3-multiple-ciphers/**']));
    expect(pkg.main).toBe('dist/app/main.cjs');
    expect(pkg.bin.plw).toBe('dist/cli/plw.cjs');
  });
});
