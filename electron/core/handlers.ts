/**
 * The handler table: one function per contract channel. The app's worker, the
 * e2e harness and the tests all call the core through this table and nothing else.
 */
import { contract, type Channel, type OutputOf, type ParsedInputOf } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { validationError } from '../../shared/validation';
import type { AppCore } from './app-core';
import { toErrorShape } from './errors';

export type HandlerTable = {
  [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
};

const OK = { ok: true } as const;

export function createHandlers(core: AppCore): HandlerTable {
  return {
    'app.status': () => core.status(),
    'location.choose': () => core.chooseLocation(),
    'database.create': ({ teamName, accountName, passphrase }) => core.create({ teamName, accountName, passphrase }),
    'database.createDemo': ({ accountName, passphrase }) => core.createDemo({ accountName, passphrase }),
    'session.unlock': ({ accountName, passphrase, newPassphrase }) =>
      core.unlock(newPassphrase === undefined ? { accountName, passphrase } : { accountName, passphrase, newPassphrase }),
    'session.recover': ({ recoveryKey, accountName, newPassphrase }) => core.recover({ recoveryKey, accountName, newPassphrase }),
    'session.lock': ({ reason }) => {
      core.lock(reason ?? 'requested');
      return OK;
    },
    'settings.get': () => core.settings(),
    'settings.update': (changes) => core.updateSettings(changes),
    'accounts.list': () => core.accounts(),
    'accounts.add': (input) => core.addAccount(input),
    'accounts.resetPassphrase': (input) => core.resetPassphrase(input),
    'accounts.disable': (input) => core.disableAccount(input),
    'accounts.remove': async (input) => (await core.removeAccount(input)) ?? { recoveryKey: null, temporaryAccounts: [] },
    'accounts.enable': async (input) => {
      await core.enableAccount(input);
      return OK;
    },
    'accounts.changeRole': async (input) => {
      await core.changeRole(input);
      return OK;
    },
    'accounts.changeOwnPassphrase': async ({ currentPassphrase, newPassphrase }) => {
      await core.changeOwnPassphrase({ currentPassphrase, newPassphrase });
      return OK;
    },
    'database.rekey': (input) => core.rekey(input),
    'workers.list': () => core.workers(),
    'cases.list': (query) => core.caseload(query),
    'cases.get': ({ caseId }) => core.caseDetail(caseId),
    'cases.create': (input) => core.createCase(input.case, input.programmeReason),
    'cases.update': (input) => {
      core.updateCase(input.caseId, input.case, input.version, input.programmeReason);
      return OK;
    },
    'cases.recordReferral': ({ caseId, receivedDate, source }) => {
      core.recordReferral(caseId, receivedDate, source ?? null);
      return OK;
    },
    'cases.reassign': ({ caseId, ownerName }) => {
      core.reassign(caseId, ownerName);
      return OK;
    },
    'cases.logChase': ({ caseId, chase }) => {
      core.logChase(caseId, chase);
      return OK;
    },
    'today.list': ({ asOf, ...scope }) => core.todayList(scope, asOf),
    'chases.list': ({ asOf, page, rows, ...scope }) => core.chaseList(scope, asOf, page, rows),
    'timers.rules': () => core.timerRules(),
    'timers.updateRules': (rules) => core.updateTimerRules(rules),
    'contacts.list': ({ caseId }) => core.contacts(caseId),
    'contacts.log': ({ caseId, contact }) => core.logContact(caseId, contact),
    'contacts.updateDraft': ({ contactId, contact, version }) => {
      core.updateDraftContact(contactId, contact, version);
      return OK;
    },
    'contacts.amend': ({ contactId, text }) => {
      core.amendContact(contactId, text);
      return OK;
    },
    'contacts.delete': ({ contactId, reason }) => {
      core.deleteContact(contactId, reason);
      return OK;
    },
    'safety.get': ({ caseId }) => core.safety(caseId),
    'safety.update': ({ caseId, profile, version }) => {
      core.updateSafety(caseId, profile, version);
      return OK;
    },
    'marac.update': ({ caseId, marac, version }) => {
      core.updateMarac(caseId, marac, version);
      return OK;
    },
    'orders.list': ({ caseId }) => core.orders(caseId),
    'orders.save': ({ caseId, orderId, order, version }) => core.saveOrder(caseId, orderId ?? null, order, version ?? null),
    'orders.addBreach': ({ orderId, breach }) => {
      core.addBreach(orderId, breach);
      return OK;
    },
    'orders.resolve': ({ orderId, resolution }) => {
      core.resolveOrder(orderId, resolution);
      return OK;
    },
    'orders.expiring': ({ days, ...scope }) => core.expiringOrders(scope, days),
    'risk.list': ({ caseId }) => core.risk(caseId),
    'risk.log': ({ caseId, event }) => core.logRisk(caseId, event),
    'liaison.log': ({ caseId, liaison }) => core.logLiaison(caseId, liaison),
    'liaison.acknowledge': ({ liaisonId, date, version }) => {
      core.acknowledgeLiaison(liaisonId, date, version);
      return OK;
    },
    'liaison.followUp': (scope) => core.liaisonFollowUp(scope),
    'children.list': ({ caseId }) => core.children(caseId),
    'children.save': ({ caseId, childId, child, version }) => core.saveChild(caseId, childId ?? null, child, version ?? null),
    'letters.templates': () => core.letterTemplates(),
    'letters.updateTemplates': (templates) => {
      core.updateLetterTemplates(templates);
      return OK;
    },
    'letters.preview': ({ caseId, kind }) => core.previewLetter(caseId, kind),
    'letters.generate': ({ caseId, kind, format, overrideReason }) => core.generateLetter(caseId, kind, format, overrideReason ? overrideReason : null),
    'letters.confirmSent': ({ caseId, kind, date, overrideReason }) => core.confirmLetterSent(caseId, kind, date, overrideReason ? overrideReason : null),
    'reports.summary': (query) => core.reportSummary(query),
    'reports.export': ({ query, format }) => core.exportReport(query, format),
    'reports.addMergeFile': () => core.addMergeFile(),
    'reports.clearMerge': () => core.clearMerge(),
    'reports.exportCaseList': ({ confirmed: _confirmed, ...scope }) => core.exportCaseList(scope),
    'cases.subjectAccess': ({ caseId, format }) => core.subjectAccess(caseId, format),
    'retention.due': () => core.retentionDue(),
    'retention.erase': ({ caseId }) => core.eraseCase(caseId),
    'backups.status': () => core.backupStatus(),
    'backups.chooseFolder': () => core.chooseBackupFolder(),
    'backups.now': () => core.backupNow(),
    'backups.preview': ({ name }) => core.previewBackup(name),
    'backups.restore': ({ name }) => core.restoreBackup(name),
    'audit.list': (query) => core.auditLog(query),
    'audit.export': (query) => core.exportAudit(query),
    'cases.timeline': ({ caseId, kinds }) => core.timeline(caseId, kinds),
    'import.chooseSource': () => core.chooseImportSource(),
    'import.preview': ({ update }) => core.previewImport(update),
    'import.run': ({ update }) => core.runImport(update),
    'import.saveTemplate': () => core.saveTemplate(),
  };
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/**
 * Validates the input against the contract, runs the handler, and turns any
 * failure into `{ code, message, field? }`. Unexpected errors are logged by
 * name only: their messages can quote data.
 */
export async function dispatch(handlers: HandlerTable, channel: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'NOT_FOUND', message: 'The app asked for something it does not know.' } };
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: contract[channel].output.parse(value) };
  } catch (error) {
    const shape = toErrorShape(error);
    if (shape.code === 'INTERNAL') {
      process.stderr.write(`[plw] ${channel} failed: ${error instanceof Error ? error.name : typeof error}\n`);
    }
    return { ok: false, error: shape };
  }
}
