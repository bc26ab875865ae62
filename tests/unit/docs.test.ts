/**
 * The project's own documentation stays true to the code: docs/workbook.md is written from the
 * workbook format (`npm run docs` rewrites it), and docs/timers.md names every timer with the
 * defaults the code uses.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbookDocs } from '../../electron/core/import/workbook-docs';
import { EARLY_EXIT_OUTCOMES, PROGRAMME_OUTCOMES } from '../../shared/reference-data';
import { DEFAULT_TIMER_RULES, TIMER_IDS, type Period } from '../../shared/timer-rules';

const DOCS = resolve(import.meta.dirname, '../../docs');
const timers = readFileSync(resolve(DOCS, 'timers.md'), 'utf8');

describe('docs/workbook.md', () => {
  it('is what the workbook format says (run `npm run docs` after changing the format)', async () => {
    await expect(workbookDocs()).toMatchFileSnapshot(resolve(DOCS, 'workbook.md'));
  });
});

describe('docs/timers.md', () => {
  it('has a row for every timer the engine makes', () => {
    for (const id of TIMER_IDS) expect(timers, id).toMatch(new RegExp(`^\\| \`${id}\` \\|`, 'm'));
  });

  it('gives every period its default, beside the setting’s name', () => {
    for (const [key, value] of Object.entries(DEFAULT_TIMER_RULES)) {
      if (typeof value !== 'object') continue;
      const period = value as Period;
      const unit = `${period.unit === 'days' ? 'day' : 'working day'}${period.amount === 1 ? '' : 's'}`;
      expect(timers, key).toContain(`+${period.amount} ${unit} (\`${key}\`)`);
    }
  });

  it('gives every other number its default, just before the setting’s name', () => {
    for (const [key, value] of Object.entries(DEFAULT_TIMER_RULES)) {
      if (typeof value !== 'number') continue;
      const at = timers.indexOf(`(\`${key}\`)`);
      expect(at, key).toBeGreaterThan(0);
      expect(timers.slice(Math.max(0, at - 80), at), key).toMatch(new RegExp(`\\b${value}\\b`));
    }
  });

  it('lists the early exits the engine treats as early', () => {
    const row = timers.split('\n').find((line) => line.startsWith('| `programme_exit_contact` |') && line.includes('early exit'))!;
    for (const outcome of EARLY_EXIT_OUTCOMES) expect(row, outcome).toContain(PROGRAMME_OUTCOMES.labels[outcome].toLowerCase());
  });
});
