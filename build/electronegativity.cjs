/**
 * Electron hardening check: runs @doyensec/electronegativity over the main-process
 * code and the renderer page, and fails on any finding of medium severity or higher
 * that is not justified by an `eng-disable` comment at the line it is about.
 *
 * Offline by design: the tool fetches translations and Electron's release list from
 * the internet, which CI cannot reach (and its HTTP client crashes when the fetch
 * fails). So its HTTP client is replaced by one that fails at once: translations
 * fall back to the bundled English, and the one check that needs the release list
 * (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) is left out; keeping Electron current is
 * Dependabot's job, not a source scan's.
 *
 * Usage: node build/electronegativity.cjs [project folder]
 *        (exit 0: no findings; 1: findings, listed; 2: the tool could not run)
 */
const Module = require('node:module');
const { cpSync, mkdtempSync, rmSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const loadModule = Module._load;
Module._load = function offlineGot(request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: no network in CI'));
    offline.default = offline;
    return offline;
  }
  return loadModule.call(this, request, ...rest);
};

const projectRoot = join(__dirname, '..');
const scanRoot = process.argv[2] ? resolve(process.argv[2]) : projectRoot;
const electronVersion = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).devDependencies.electron.replace(/^[^\d]*/, '');

async function main() {
  const run = require('@doyensec/electronegativity');
  const { severity } = require('@doyensec/electronegativity/dist/finder/attributes');
  // Only what ships: the main process and preload, and the page the window loads (its CSP).
  const input = mkdtempSync(join(tmpdir(), 'plw-hardening-'));
  try {
    cpSync(join(scanRoot, 'electron'), join(input, 'electron'), { recursive: true });
    const page = join(scanRoot, 'renderer', 'index.html');
    if (existsSync(page)) cpSync(page, join(input, 'renderer', 'index.html'));
    const quietLog = console.log;
    console.log = () => {}; // the tool's banner and "could not retrieve translations"
    let result;
    try {
      result = await run({
        input,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        severitySet: 'medium',
        confidenceSet: 'tentative',
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      });
    } finally {
      console.log = quietLog;
    }
    const findings = result.issues.filter((issue) => issue.severity.value >= severity.MEDIUM.value);
    const parseErrors = result.errors.filter((error) => !error.tolerable);
    console.log(`electronegativity: ${result.globalChecks + result.atomicChecks} checks, Electron ${electronVersion}, ${findings.length} findings of medium or higher, ${parseErrors.length} files it could not parse`);
    for (const f of findings) console.log(`  ${f.id} (${f.severity.name}) ${f.file}:${f.location.line} ${f.description}`);
    for (const e of parseErrors) console.log(`  could not parse ${e.file}`);
    process.exitCode = findings.length || parseErrors.length ? 1 : 0;
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`electronegativity could not run: ${error.message}`);
  process.exitCode = 2;
});
