// Bundles the Node-side parts (Electron main and preload, the core worker, the
// plw CLI) with esbuild, so type-only mistakes and broken imports show up at
// build time, here, without an Electron binary. Native modules stay external:
// they load from node_modules (unpacked from the asar in a packaged app).
//
// The worker runs unpacked from the asar (worker threads need a real file), where the
// packaged node_modules, inside the archive, cannot be reached: so every pure-JS
// dependency is bundled into worker.cjs, and PDFKit's font metrics (read at run time
// from `__dirname/data`) are copied beside it. tests/core/packaged-layout.test.ts lays
// the packaged structure out and makes a PDF, an XLSX and a DOCX from it.
import { build } from 'esbuild';
import { chmodSync, cpSync } from 'node:fs';

/** What cannot be bundled: Electron itself and the native modules (unpacked from the asar). */
const NATIVE = ['electron', 'better-sqlite3-multiple-ciphers', '@node-rs/argon2'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
  // Main and the CLI run where node_modules can be read, so ExcelJS and PDFKit load from there
  // (PDFKit reads its font metrics from its own folder); the worker bundles them (above).
  external: ['electron', 'better-sqlite3-multiple-ciphers', '@node-rs/argon2', 'exceljs', 'pdfkit'],
  tsconfig: 'electron/tsconfig.json',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/app/main.ts'], outfile: 'dist/app/main.cjs' }),
  // The sandboxed preload may only require('electron'): everything else is bundled in.
  build({ ...common, entryPoints: ['electron/app/preload.ts'], outfile: 'dist/app/preload.cjs', platform: 'browser', target: 'chrome130' }),
  build({ ...common, external: NATIVE, entryPoints: ['electron/core/worker.ts'], outfile: 'dist/core/worker.cjs' }),
  build({ ...common, entryPoints: ['electron/cli/plw.ts'], outfile: 'dist/cli/plw.cjs', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli/plw.cjs', 0o755);
cpSync('node_modules/pdfkit/js/data', 'dist/core/data', { recursive: true });
// The letters' embedded font (electron/core/records/letter-fonts.ts), beside each bundle that makes letters.
for (const [file, name] of [
  ['400Regular/NotoSans_400Regular.ttf', 'NotoSans_400Regular.ttf'],
  ['700Bold/NotoSans_700Bold.ttf', 'NotoSans_700Bold.ttf'],
]) {
  for (const folder of ['dist/core/fonts', 'dist/cli/fonts']) cpSync(`node_modules/@expo-google-fonts/noto-sans/${file}`, `${folder}/${name}`);
}
