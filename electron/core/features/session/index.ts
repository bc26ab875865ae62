/**
 * The channels that work before unlocking: where the database is, create, unlock, recover,
 * lock, and which team server to work through. They act on the host (the desktop app's one
 * session), not on a session.
 */
import type { AppCore } from '../../app-core';
import type { Channel, OutputOf, ParsedInputOf } from '../../../../shared/contract';

type PublicChannel =
  | 'app.status'
  | 'location.choose'
  | 'database.create'
  | 'database.createDemo'
  | 'session.unlock'
  | 'session.recover'
  | 'session.lock'
  | 'server.look'
  | 'server.connect'
  | 'server.forget';
export type PublicChannels = { [C in PublicChannel]: { run(input: ParsedInputOf<C>): Promise<OutputOf<C>> | OutputOf<C> } };

export function sessionChannels(host: AppCore): PublicChannels {
  return {
    'app.status': { run: () => host.status() },
    'location.choose': { run: () => host.chooseLocation() },
    'database.create': { run: ({ teamName, accountName, passphrase }) => host.create({ teamName, accountName, passphrase }) },
    'database.createDemo': { run: ({ accountName, passphrase }) => host.createDemo({ accountName, passphrase }) },
    'session.unlock': {
      run: ({ accountName, passphrase, newPassphrase }) =>
        host.unlock(newPassphrase === undefined ? { accountName, passphrase } : { accountName, passphrase, newPassphrase }),
    },
    'session.recover': { run: ({ recoveryKey, accountName, newPassphrase }) => host.recover({ recoveryKey, accountName, newPassphrase }) },
    'session.lock': {
      async run({ reason }) {
        await host.lockAndSignOut(reason ?? 'requested');
        return { ok: true } as const;
      },
    },
    'server.look': { run: ({ address }) => host.server.look(address) },
    'server.connect': {
      async run({ address, fingerprint }) {
        await host.connectToServer(address, fingerprint);
        return { ok: true } as const;
      },
    },
    'server.forget': {
      run() {
        host.server.forget();
        return { ok: true } as const;
      },
    },
  };
}

export type { Channel };
