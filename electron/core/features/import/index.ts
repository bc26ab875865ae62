/** Importing the team's tracker workbook (administrators), and the empty template. */
import { basename } from 'node:path';
import { readTimerRules } from '../../cases/timer-settings';
import { PlwError } from '../../errors';
import { importWorkbook, unconfirmed } from '../../import/import-workbook';
import { importLimitsFrom } from '../../import/input-limits';
import { readSettings } from '../../team/settings';
import { writeTemplate } from '../../import/template';
import type { Session } from '../../session';
import type { FeatureChannels } from '../channel';

function importOptions(session: Session, update: boolean, dryRun: boolean, confirmedNewWorkers: string[] = []) {
  const source = session.state.importSource;
  if (!source) throw new PlwError('VALIDATION', 'Choose a workbook or a folder of CSV files first.', 'source');
  const { db } = session.database;
  return {
    source,
    db,
    options: {
      update,
      dryRun,
      actor: session.account.accountName,
      now: session.now(),
      rules: readTimerRules(db),
      limits: importLimitsFrom(readSettings(db).importLimits),
      confirmedNewWorkers,
      from: session.sources,
      progress: (event: Parameters<typeof session.emit<'progress'>>[1]) => session.emit('progress', event),
    },
  };
}

export const importChannels: FeatureChannels<'import.chooseSource' | 'import.preview' | 'import.run' | 'import.saveTemplate'> = {
  'import.chooseSource': {
    async run(session) {
      const chosen = await session.choose('import-source');
      if (chosen) session.state.importSource = chosen;
      return { label: session.state.importSource ? basename(session.state.importSource) : null };
    },
  },
  'import.preview': {
    async run(session, { update }) {
      const { db, source, options } = importOptions(session, update, true);
      return { label: basename(source), ...(await importWorkbook(db, source, options)).preview };
    },
  },
  'import.run': {
    async run(session, { update, confirmedNewWorkers }) {
      const { db, source, options } = importOptions(session, update, false, confirmedNewWorkers);
      const result = await importWorkbook(db, source, options);
      const waiting = result.preview.errors.length ? [] : unconfirmed(result.preview, confirmedNewWorkers);
      if (waiting.length) {
        const close = result.preview.workersToConfirm.filter((w) => waiting.includes(w.name)).map((w) => `${w.name} (close to ${w.closeTo})`);
        throw new PlwError(
          'VALIDATION',
          `Nothing was imported. Confirm that each is a new worker, or correct the workbook: ${close.join(', ')}.`,
          'confirmedNewWorkers',
        );
      }
      return { label: basename(source), preview: result.preview, imported: result.summary };
    },
  },
  'import.saveTemplate': {
    async run(session) {
      const path = await session.choose('template-file');
      if (!path) return { savedAs: null };
      await writeTemplate(path, session.files);
      return { savedAs: basename(path) };
    },
  },
};
