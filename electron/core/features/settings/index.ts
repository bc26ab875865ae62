/** Team settings, timer rules and letter templates: read by everyone, changed by administrators. */
import type { VersionedSettings } from '../../../../shared/contract';
import { recordAudit } from '../../audit';
import { readTimerRules, writeTimerRules } from '../../cases/timer-settings';
import { casesChangedByRules, recomputeAllTimers } from '../../cases/timer-store';
import { updateKeyring } from '../../crypto/keyring';
import type { Db } from '../../db/open-database';
import { settingsVersion, takeSettingsVersion } from '../../db/edit-versions';
import { readLetterTemplates, writeLetterTemplates } from '../../records/letters';
import type { Session } from '../../session';
import { readSettings, writeSettings } from '../../team/settings';
import { OK, type FeatureChannels } from '../channel';
import { writeContext } from '../context';

export function versionedSettings(db: Db): VersionedSettings {
  return { ...readSettings(db), version: settingsVersion(db, 'settings') };
}

const timerRulesOf = (db: Db) => ({ ...readTimerRules(db), version: settingsVersion(db, 'timer-rules') });

export const settingsChannels: FeatureChannels<
  'settings.get' | 'settings.update' | 'timers.rules' | 'timers.previewRules' | 'timers.updateRules' | 'letters.templates' | 'letters.updateTemplates'
> = {
  'settings.get': { run: (session) => versionedSettings(session.database.db) },
  'settings.update': {
    async run(session: Session, { version, ...changes }) {
      const { db, databasePath } = session.database;
      db.transaction(() => {
        takeSettingsVersion(db, 'settings', version, session.account.accountName, session.now());
        const changed = writeSettings(db, changes);
        recordAudit(db, session.account.accountName, { action: 'settings.updated', detail: { fields: changed } }, session.now());
      })();
      if (changes.teamName !== undefined) {
        // The keyring carries the team name so the unlock screen can show it.
        const teamName = changes.teamName;
        await updateKeyring(databasePath, (keyring) => ({ ...keyring, teamName }));
      }
      return versionedSettings(db);
    },
  },
  'timers.rules': { run: (session) => timerRulesOf(session.database.db) },
  'timers.previewRules': {
    run(session, rules) {
      const { db } = session.database;
      const casesChanged = casesChangedByRules(db, rules, (event) => session.emit('progress', event));
      return { casesChanged, cases: db.prepare('SELECT count(*) FROM cases').pluck().get() as number };
    },
  },
  'timers.updateRules': {
    run(session, { version, ...rules }) {
      const { db } = session.database;
      let recomputed = 0;
      db.transaction(() => {
        takeSettingsVersion(db, 'timer-rules', version, session.account.accountName, session.now());
        writeTimerRules(db, rules);
        recomputed = recomputeAllTimers(db, rules, (event) => session.emit('progress', event));
        recordAudit(db, session.account.accountName, { action: 'timers.rules-updated', detail: { cases: recomputed } }, session.now());
      })();
      return { rules: timerRulesOf(db), recomputed };
    },
  },
  'letters.templates': {
    run: (session) => ({ ...readLetterTemplates(session.database.db), version: settingsVersion(session.database.db, 'letter-templates') }),
  },
  'letters.updateTemplates': {
    run(session, { version, ...templates }) {
      const { db } = session.database;
      db.transaction(() => {
        takeSettingsVersion(db, 'letter-templates', version, session.account.accountName, session.now());
        writeLetterTemplates(writeContext(session), templates);
      })();
      return OK;
    },
  },
};
