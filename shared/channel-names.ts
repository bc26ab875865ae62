/**
 * The contract's channel names alone, so the preload (which must stay tiny and
 * cannot load zod in the sandbox cheaply) can expose exactly these. A test and
 * the contract's type both check it matches the contract.
 */
export const CHANNEL_NAMES = [
  'app.status',
  'location.choose',
  'database.create',
  'database.createDemo',
  'session.unlock',
  'session.lock',
  'settings.get',
  'settings.update',
  'accounts.list',
  'accounts.add',
  'accounts.resetPassphrase',
  'accounts.changeOwnPassphrase',
  'database.rekey',
  'workers.list',
  'cases.list',
  'cases.get',
  'cases.create',
  'cases.update',
  'cases.recordReferral',
  'cases.reassign',
  'cases.logChase',
  'today.list',
  'chases.list',
  'timers.rules',
  'timers.updateRules',
  'import.chooseSource',
  'import.preview',
  'import.run',
  'import.saveTemplate',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
