/**
 * The one permission table: which roles may call each channel. Dispatch enforces it for
 * every caller (the window, the command line, a team server's client); the renderer reads
 * it to hide what a role cannot do. `satisfies Record<Channel, …>` means a new channel
 * without an entry does not build, and tests/core/permissions.test.ts walks every channel
 * with every role through dispatch against this table.
 *
 * 'anyone': channels that work before unlocking (status, create, unlock, lock). Rules that
 * depend on the data rather than the role (a worker's own cases only, say) stay with the
 * feature that knows the data.
 */
import type { Channel } from './contract';
import type { Role } from './roles';

const ALL = ['admin', 'plw', 'manager'] as const;
/** Workers and administrators: managers see the work but do not change cases. */
const CASE_WRITERS = ['admin', 'plw'] as const;
const ADMIN = ['admin'] as const;
/** Oversight is the managers' work (model v2 §6). */
const MANAGERS = ['manager'] as const;

export const PERMISSIONS = {
  'app.status': 'anyone',
  'location.choose': 'anyone',
  'database.create': 'anyone',
  'database.createDemo': 'anyone',
  'session.unlock': 'anyone',
  'session.recover': 'anyone',
  'session.lock': 'anyone',
  'server.look': 'anyone',
  'server.connect': 'anyone',
  'server.forget': 'anyone',

  'settings.get': ALL,
  'settings.update': ADMIN,
  'accounts.list': ALL,
  'accounts.add': ADMIN,
  'accounts.resetPassphrase': ADMIN,
  'accounts.disable': ADMIN,
  'accounts.remove': ADMIN,
  'accounts.enable': ADMIN,
  'accounts.changeRole': ADMIN,
  'accounts.changeOwnPassphrase': ALL,
  'database.rekey': ADMIN,

  'workers.list': ALL,
  'workers.ownPhone': CASE_WRITERS,
  'workers.setOwnPhone': CASE_WRITERS,
  'cases.list': ALL,
  'cases.get': ALL,
  'cases.create': CASE_WRITERS,
  'cases.update': CASE_WRITERS,
  'cases.recordReferral': CASE_WRITERS,
  'cases.reassign': CASE_WRITERS,
  'cases.logChase': CASE_WRITERS,
  'cases.timeline': ALL,
  'cases.subjectAccess': CASE_WRITERS,
  'today.list': ALL,
  'chases.list': ALL,
  'timers.rules': ALL,
  'timers.previewRules': ADMIN,
  'timers.updateRules': ADMIN,

  'contacts.list': ALL,
  'contacts.log': CASE_WRITERS,
  'contacts.updateDraft': CASE_WRITERS,
  'contacts.amend': CASE_WRITERS,
  'contacts.delete': CASE_WRITERS,
  'safety.get': ALL,
  'safety.update': CASE_WRITERS,
  'idva.update': CASE_WRITERS,
  'agencies.get': ALL,
  'agencyChecks.request': CASE_WRITERS,
  'agencyChecks.reply': CASE_WRITERS,
  'agencyChecks.chase': CASE_WRITERS,
  'dash.record': CASE_WRITERS,
  'marac.refer': CASE_WRITERS,
  'marac.recordMeeting': CASE_WRITERS,
  'marac.addAction': CASE_WRITERS,
  'marac.completeAction': CASE_WRITERS,
  'dvds.save': CASE_WRITERS,
  'vlo.update': CASE_WRITERS,
  'safetyPlan.get': ALL,
  'safetyPlan.saveItem': CASE_WRITERS,
  'safetyPlan.removeItem': CASE_WRITERS,
  'safetyPlan.review': CASE_WRITERS,
  'audits.forCase': ALL,
  'audits.record': MANAGERS,
  'audits.sample': MANAGERS,
  'audits.list': MANAGERS,
  // A manager reads anyone's notes, a worker their own (checked in the feature); administrators none.
  'supervision.list': ['manager', 'plw'],
  'supervision.add': MANAGERS,
  'offices.list': ALL,
  'offices.add': ADMIN,
  'accounts.setOffice': ADMIN,
  'orders.list': ALL,
  'orders.save': CASE_WRITERS,
  'orders.addBreach': CASE_WRITERS,
  'orders.resolve': CASE_WRITERS,
  'orders.expiring': ALL,
  'risk.list': ALL,
  'risk.log': CASE_WRITERS,
  'engagement.set': CASE_WRITERS,
  'people.link': CASE_WRITERS,
  'liaison.log': CASE_WRITERS,
  'liaison.acknowledge': CASE_WRITERS,
  'liaison.followUp': ALL,
  'children.list': ALL,
  'children.save': CASE_WRITERS,

  'letters.templates': ALL,
  'letters.updateTemplates': ADMIN,
  // A preview carries the safe address: letters are a worker's to send.
  'letters.preview': CASE_WRITERS,
  'letters.generate': CASE_WRITERS,
  'letters.confirmSent': CASE_WRITERS,

  'reports.summary': ALL,
  'reports.export': ALL,
  'reports.addMergeFile': ALL,
  'reports.clearMerge': ALL,
  'reports.exportCaseList': CASE_WRITERS,

  'retention.due': ALL,
  'retention.erase': ADMIN,
  'backups.status': ALL,
  'backups.chooseFolder': ADMIN,
  // By hand, like plw backup, an administrator's; the daily backup at first unlock runs for anyone.
  'backups.now': ADMIN,
  'backups.preview': ADMIN,
  'backups.restore': ADMIN,
  'audit.list': ADMIN,
  'audit.export': ADMIN,

  'import.chooseSource': ADMIN,
  'import.preview': ADMIN,
  'import.run': ADMIN,
  'import.saveTemplate': ALL,
} as const satisfies Record<Channel, 'anyone' | readonly Role[]>;

export function needsSession(channel: Channel): boolean {
  return PERMISSIONS[channel] !== 'anyone';
}

export function mayCall(role: Role, channel: Channel): boolean {
  const allowed = PERMISSIONS[channel];
  return allowed === 'anyone' || (allowed as readonly Role[]).includes(role);
}

/** The one refusal, worded by who may: the same words in the app, the command line and tests. */
export function refusalFor(channel: Channel): string {
  const allowed = PERMISSIONS[channel];
  if (allowed === 'anyone') return '';
  if (allowed.length === 1 && allowed[0] === 'admin') return 'Only an administrator can do this.';
  if (!(allowed as readonly Role[]).includes('manager')) return 'Managers can view cases but not change them.';
  return 'Your role cannot do this.';
}

// Compile-time check both ways: the table's keys (the preload's channel names) are exactly the contract's channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const tableCoversTheContract: Same<keyof typeof PERMISSIONS, Channel> = true;
void tableCoversTheContract;
