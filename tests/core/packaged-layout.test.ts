/**
 * The packaged layout: an app.asar archive, and beside it app.asar.unpacked holding exactly what
 * package.json's `asarUnpack` lists (the worker, the native modules). Plain Node cannot read
 * inside an asar, and neither can the worker thread in the app, so the worker must find every
 * other dependency in its own bundle. This lays the structure out from the built files, starts
 * the worker from the unpacked folder through the real host, and makes a PDF, an XLSX and a
 * DOCX. The same worker built the old way (PDFKit and ExcelJS left outside the bundle) fails.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPackage } from '@electron/asar';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CoreWorkerHost } from '../../electron/app/core-worker-host';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { build: { asarUnpack: string[] } };
const PASSPHRASE = 'a long passphrase';

/** resources/app.asar (package.json and the app's files) and resources/app.asar.unpacked (the asarUnpack globs). */
async function layOut(worker: { file: string; data: string | null; fonts?: string }): Promise<string> {
  const resources = mkdtempSync(join(tmpdir(), 'plw-packaged-'));
  const staging = join(resources, 'staging');
  mkdirSync(join(staging, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(staging, 'package.json'));
  cpSync(join(ROOT, 'dist', 'app'), join(staging, 'dist', 'app'), { recursive: true });
  await createPackage(staging, join(resources, 'app.asar'));
  const unpacked = join(resources, 'app.asar.unpacked');
  for (const glob of pkg.build.asarUnpack) {
    expect(glob, 'each asarUnpack entry is a folder and everything under it').toMatch(/^[^*]+\/\*\*$/);
    const folder = glob.slice(0, -'/**'.length);
    if (folder === 'dist/core') continue; // the worker under test goes here, below
    cpSync(join(ROOT, folder), join(unpacked, folder), { recursive: true });
  }
  mkdirSync(join(unpacked, 'dist', 'core'), { recursive: true });
  cpSync(worker.file, join(unpacked, 'dist', 'core', 'worker.cjs'));
  if (worker.data) cpSync(worker.data, join(unpacked, 'dist', 'core', 'data'), { recursive: true });
  if (worker.fonts) cpSync(worker.fonts, join(unpacked, 'dist', 'core', 'fonts'), { recursive: true });
  return join(unpacked, 'dist', 'core', 'worker.cjs');
}

/** Creates a database and a case, then asks for a PDF summary, an XLSX summary and a DOCX letter. */
async function makeDocuments(workerPath: string) {
  const out = mkdtempSync(join(tmpdir(), 'plw-packaged-out-'));
  const host = new CoreWorkerHost({
    workerPath,
    configDir: mkdtempSync(join(tmpdir(), 'plw-packaged-config-')),
    onEvent: () => undefined,
    choose: async (_kind, suggestedName) => join(out, suggestedName ?? 'file'),
    restartDelaysMs: [],
  });
  try {
    const ok = async (channel: Parameters<typeof host.call>[0], input: unknown) => {
      const result = await host.call(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
      return result.value as never;
    };
    await ok('database.create', { teamName: 'Team', accountName: 'Priya Shah', passphrase: PASSPHRASE, passphraseConfirm: PASSPHRASE });
    const { caseId } = (await ok('cases.create', {
      case: {
        caseRef: 'PL-1',
        ownerName: 'Priya Shah',
        victimName: 'Ana Núñez',
        perpetratorName: 'D T',
        sentenceDate: '2026-11-02',
        programmeStartDate: '2026-11-20',
      },
    })) as { caseId: number };
    await ok('safety.update', { caseId, version: 1, profile: { safeAddress: '1 High Street, Accrington, ZZ1 1AA' } });
    // The numbers a letter gives her: without them a letter needs a reason (model v2 §7).
    await ok('workers.setOwnPhone', { phone: '01632 960555' });
    const { version } = (await ok('settings.get', {})) as { version: number };
    await ok('settings.update', { version, teamPhone: '01632 960000', teamAddress: '2 Union Road, Accrington' });
    const query = { from: '2026-01-01', to: '2026-11-30', scope: 'team' };
    const pdf = (await ok('reports.export', { query, format: 'pdf' })) as { savedAs: string };
    const xlsx = (await ok('reports.export', { query, format: 'xlsx' })) as { savedAs: string };
    const docx = (await ok('letters.generate', { caseId, kind: 'programme_start', format: 'docx' })) as { savedAs: string };
    // A letter's PDF embeds its font, read from beside the unpacked worker.
    const letter = (await ok('letters.generate', { caseId, kind: 'programme_start', format: 'pdf' })) as { savedAs: string };
    const head = (name: string) => readFileSync(join(out, name)).subarray(0, 4).toString('latin1');
    return { pdf: head(pdf.savedAs), xlsx: head(xlsx.savedAs), docx: head(docx.savedAs), letter: head(letter.savedAs) };
  } finally {
    await host.stop();
  }
}

describe('the packaged layout', () => {
  it('the worker, unpacked beside the asar, loads every dependency and makes a PDF, an XLSX and a DOCX', async () => {
    const workerPath = await layOut({
      file: join(ROOT, 'dist', 'core', 'worker.cjs'),
      data: join(ROOT, 'dist', 'core', 'data'),
      fonts: join(ROOT, 'dist', 'core', 'fonts'),
    });
    expect(await makeDocuments(workerPath)).toEqual({ pdf: '%PDF', xlsx: 'PK\u0003\u0004', docx: 'PK\u0003\u0004', letter: '%PDF' });
  }, 120_000);

  it('built the old way, with PDFKit and ExcelJS outside the bundle, it cannot (the bug this guards against)', async () => {
    const old = join(mkdtempSync(join(tmpdir(), 'plw-old-worker-')), 'worker.cjs');
    await build({
      entryPoints: [join(ROOT, 'electron/core/worker.ts')],
      outfile: old,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      logLevel: 'silent',
      external: ['electron', 'better-sqlite3-multiple-ciphers', '@node-rs/argon2', 'exceljs', 'pdfkit'],
      tsconfig: join(ROOT, 'electron/tsconfig.json'),
    });
    const workerPath = await layOut({ file: old, data: null });
    await expect(makeDocuments(workerPath)).rejects.toThrow(/INTERNAL/);
  }, 120_000);

  it('without the letters’ font copied beside the worker, a PDF letter is refused (the build must copy it)', async () => {
    const workerPath = await layOut({ file: join(ROOT, 'dist', 'core', 'worker.cjs'), data: join(ROOT, 'dist', 'core', 'data') });
    await expect(makeDocuments(workerPath)).rejects.toThrow(/^letters\.generate: INTERNAL$/);
  }, 120_000);
});
