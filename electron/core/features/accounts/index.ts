/** Accounts and the database key: Settings → Accounts and Security. */
import { addAccount, changeOwnPassphrase, changeRole, disableAccount, enableAccount, listAccounts, removeAccount, resetPassphrase } from '../../team/accounts';
import { rekeyTeamDatabase } from '../../team/rekey';
import type { ProgressEvent } from '../../../../shared/contract';
import type { Session } from '../../session';
import { OK, type FeatureChannels } from '../channel';

const progressOf = (session: Session) => (event: ProgressEvent) => session.emit('progress', event);

export const accountsChannels: FeatureChannels<
  | 'accounts.list'
  | 'accounts.add'
  | 'accounts.resetPassphrase'
  | 'accounts.disable'
  | 'accounts.remove'
  | 'accounts.enable'
  | 'accounts.changeRole'
  | 'accounts.changeOwnPassphrase'
  | 'database.rekey'
> = {
  'accounts.list': { run: (session) => listAccounts(session.database) },
  'accounts.add': { run: (session, input) => addAccount(session.database, input) },
  'accounts.resetPassphrase': { run: (session, input) => resetPassphrase(session.database, input, progressOf(session)) },
  'accounts.disable': { run: (session, input) => disableAccount(session.database, input, progressOf(session)) },
  'accounts.remove': {
    run: async (session, input) => (await removeAccount(session.database, input, progressOf(session))) ?? { recoveryKey: null, temporaryAccounts: [] },
  },
  'accounts.enable': {
    async run(session, input) {
      await enableAccount(session.database, input);
      return OK;
    },
  },
  'accounts.changeRole': {
    async run(session, input) {
      await changeRole(session.database, input);
      return OK;
    },
  },
  'accounts.changeOwnPassphrase': {
    async run(session, { currentPassphrase, newPassphrase }) {
      await changeOwnPassphrase(session.database, { currentPassphrase, newPassphrase });
      return OK;
    },
  },
  'database.rekey': { run: (session, input) => rekeyTeamDatabase(session.database, input, progressOf(session)) },
};
