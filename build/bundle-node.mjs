// Bundles the Node-side parts (Electron main and preload, the core worker, the
// plw CLI) with esbuild, so type-only mistakes and broken imports show up at
// build time, here, without an Electron binary. Native modules stay external:
// they load from node_modules (unpacked from the asar in a packaged app).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
  // Native modules load their binaries at run time; ExcelJS has run-time requires a bundler cannot follow; PDFKit reads its font metrics from its own folder.
  external: ['electron', 'better-sqlite3-multiple-ciphers', '@node-rs/argon2', 'exceljs', 'pdfkit'],
  tsconfig: 'electron/tsconfig.json',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/app/main.ts'], outfile: 'dist/app/main.cjs' }),
  // The sandboxed preload may only require('electron'): everything else is bundled in.
  build({ ...common, entryPoints: ['electron/app/preload.ts'], outfile: 'dist/app/preload.cjs', platform: 'browser', target: 'chrome130' }),
  build({ ...common, entryPoints: ['electron/core/worker.ts'], outfile: 'dist/core/worker.cjs' }),
  build({ ...common, entryPoints: ['electron/cli/plw.ts'], outfile: 'dist/cli/plw.cjs', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli/plw.cjs', 0o755);
