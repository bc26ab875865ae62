/** What happens after the referral: contacts, the safe-contact profile, orders, risk and liaison, children. */
import { listChildren, saveChild } from '../../records/children';
import { amendContact, deleteContact, listContacts, logContactRecord, updateDraftContact } from '../../records/contacts';
import { addBreach, listOrders, ordersToAct, resolveOrder, saveOrder } from '../../records/orders';
import {
  acknowledgeLiaison,
  LIAISON_SHOWN,
  riskSection,
  logLiaison,
  logRiskEvent,
  unacknowledgedLiaison,
  unacknowledgedLiaisonCount,
} from '../../records/risk';
import { updateIdva, updateSafeProfile } from '../../records/safety';
import { setEngagement } from '../../records/engagement';
import { linkPeople } from '../../cases/people';
import { PlwError } from '../../errors';
import { readTimerRules } from '../../cases/timer-settings';
import { OK, type FeatureChannels } from '../channel';
import { hidesSensitive, recordView, scopeWorker, writeContext } from '../context';

export const recordsChannels: FeatureChannels<
  | 'contacts.list'
  | 'contacts.log'
  | 'contacts.updateDraft'
  | 'contacts.amend'
  | 'contacts.delete'
  | 'safety.update'
  | 'idva.update'
  | 'orders.list'
  | 'orders.save'
  | 'orders.addBreach'
  | 'orders.resolve'
  | 'orders.expiring'
  | 'risk.list'
  | 'risk.log'
  | 'liaison.log'
  | 'liaison.acknowledge'
  | 'liaison.followUp'
  | 'children.list'
  | 'children.save'
  | 'engagement.set'
  | 'people.link'
> = {
  'engagement.set': {
    run(session, { caseId, change }) {
      setEngagement(writeContext(session), caseId, change);
      return OK;
    },
  },
  'people.link': {
    run(session, { caseId, perpetratorVersion, link }) {
      const other = session.database.db.prepare('SELECT id FROM cases WHERE case_ref = ?').get(link.otherCaseRef) as { id: number } | undefined;
      if (!other) throw new PlwError('VALIDATION', `There is no case ${link.otherCaseRef}`, 'otherCaseRef');
      return linkPeople(writeContext(session), caseId, other.id, perpetratorVersion);
    },
  },
  'contacts.list': {
    run(session, { caseId }) {
      recordView(session, caseId, 'contacts');
      return listContacts(session.database.db, caseId, { includeDeleted: session.account.role === 'admin', hideSensitiveNotes: hidesSensitive(session) });
    },
  },
  'contacts.log': { run: (session, { caseId, contact }) => ({ contactId: logContactRecord(writeContext(session), caseId, contact) }) },
  'contacts.updateDraft': {
    run(session, { contactId, contact, version }) {
      updateDraftContact(writeContext(session), contactId, contact, version);
      return OK;
    },
  },
  'contacts.amend': {
    run(session, { contactId, text }) {
      amendContact(writeContext(session), contactId, text);
      return OK;
    },
  },
  'contacts.delete': {
    run(session, { contactId, reason }) {
      deleteContact({ ...writeContext(session), role: session.account.role }, contactId, reason);
      return OK;
    },
  },
  'safety.update': {
    run(session, { caseId, profile, version }) {
      updateSafeProfile(writeContext(session), caseId, profile, version);
      return OK;
    },
  },
  'idva.update': {
    run(session, { caseId, idva, version }) {
      updateIdva(writeContext(session), caseId, idva, version);
      return OK;
    },
  },
  'orders.list': {
    run(session, { caseId }) {
      recordView(session, caseId, 'orders');
      return listOrders(session.database.db, caseId);
    },
  },
  'orders.save': {
    run: (session, { caseId, orderId, order, version }) => ({ orderId: saveOrder(writeContext(session), caseId, orderId ?? null, order, version ?? null) }),
  },
  'orders.addBreach': {
    run(session, { orderId, breach }) {
      addBreach(writeContext(session), orderId, breach);
      return OK;
    },
  },
  'orders.resolve': {
    run(session, { orderId, resolution }) {
      resolveOrder(writeContext(session), orderId, resolution);
      return OK;
    },
  },
  'orders.expiring': {
    run(session, scope) {
      const { db } = session.database;
      const asOf = session.today();
      const workerId = scopeWorker(session, scope);
      // The window is the order_expiry timer's own, so the page names the one Today uses.
      const windowDays = readTimerRules(db).orderExpiryWarnDays;
      return {
        asOf,
        windowDays,
        expired: ordersToAct(db, asOf, 'expired', workerId, windowDays),
        expiring: ordersToAct(db, asOf, 'expiring', workerId, windowDays),
      };
    },
  },
  'risk.list': {
    run(session, { caseId }) {
      recordView(session, caseId, 'risk');
      const { db } = session.database;
      return riskSection(db, caseId, session.today(), readTimerRules(db));
    },
  },
  'risk.log': { run: (session, { caseId, event }) => ({ riskEventId: logRiskEvent(writeContext(session), caseId, event) }) },
  'liaison.log': { run: (session, { caseId, liaison }) => ({ liaisonId: logLiaison(writeContext(session), caseId, liaison) }) },
  'liaison.acknowledge': {
    run(session, { liaisonId, date, version }) {
      acknowledgeLiaison(writeContext(session), liaisonId, date, version);
      return OK;
    },
  },
  'liaison.followUp': {
    run(session, scope) {
      const { db } = session.database;
      const asOf = session.today();
      const workerId = scopeWorker(session, scope);
      // The follow-up list is liaison marked "escalate": unacknowledged after the team's working days.
      const days = readTimerRules(db).escalateLiaisonWorkingDays;
      const rows = unacknowledgedLiaison(db, asOf, workerId, days);
      return { asOf, rows, total: rows.length < LIAISON_SHOWN ? rows.length : unacknowledgedLiaisonCount(db, asOf, workerId, days) };
    },
  },
  'children.list': {
    run(session, { caseId }) {
      recordView(session, caseId, 'children');
      return listChildren(session.database.db, caseId);
    },
  },
  'children.save': {
    run: (session, { caseId, childId, child, version }) => ({ childId: saveChild(writeContext(session), caseId, childId ?? null, child, version ?? null) }),
  },
};
