/** Cases: the caseload, a case's page and history, referrals and chases, Today and the chase list. */
import { basename } from 'node:path';
import { recordAudit } from '../../audit';
import { PlwError } from '../../errors';
import { readSafety, viewCaseDetail } from './case-page';
import { createCheckedCase, logChase, reassignCase, recordReferral, updateCase } from '../../cases/case-store';
import { chaseCounts, chaseList, listCaseload, todayList } from '../../cases/queries';
import { readTimerRules } from '../../cases/timer-settings';
import { listWorkers, workerForAccount } from '../../cases/workers';
import { caseDetailForManager, safetyForManager } from '../../records/manager-view';
import { subjectAccessPdf, subjectAccessRecord } from '../../records/subject-access';
import { caseTimeline } from '../../records/timeline';
import { OK, type FeatureChannels } from '../channel';
import { hidesSensitive, recordView, scopeWorker, writeContext } from '../context';

/**
 * The chase list screen shows this many referrals a page, most overdue first, with the exact
 * counts over all of them. A page, not the whole list: a national team's thousands of overdue
 * referrals are no use on one screen, and a page costs the same at any size (the caseload's 50).
 */
export const CHASE_LIST_PAGE_ROWS = 50;

export const casesChannels: FeatureChannels<
  | 'workers.list'
  | 'workers.ownPhone'
  | 'workers.setOwnPhone'
  | 'cases.list'
  | 'cases.get'
  | 'cases.create'
  | 'cases.update'
  | 'cases.recordReferral'
  | 'cases.reassign'
  | 'cases.logChase'
  | 'cases.timeline'
  | 'cases.subjectAccess'
  | 'today.list'
  | 'chases.list'
  | 'safety.get'
> = {
  'workers.list': { run: (session) => listWorkers(session.database.db) },
  'workers.ownPhone': {
    run(session) {
      const { db } = session.database;
      const worker = workerForAccount(db, session.account.accountName);
      const phone = worker === null ? null : (db.prepare('SELECT phone FROM workers WHERE id = ?').pluck().get(worker) as string | null);
      return { phone, isWorker: worker !== null };
    },
  },
  'workers.setOwnPhone': {
    run(session, { phone }) {
      const { db } = session.database;
      const worker = workerForAccount(db, session.account.accountName);
      if (worker === null) throw new PlwError('NOT_ALLOWED', 'Your account has no cases yet, so there is no worker record to keep a phone on.');
      db.transaction(() => {
        db.prepare('UPDATE workers SET phone = ? WHERE id = ?').run(phone || null, worker);
        recordAudit(db, session.account.accountName, { action: 'worker.phone-changed', entityType: 'worker', entityId: worker }, session.now());
      })();
      return OK;
    },
  },
  'cases.list': {
    run(session, query) {
      const { db } = session.database;
      const asOf = session.today();
      const result = listCaseload(db, { ...query, asOf }, workerForAccount(db, session.account.accountName));
      return { asOf, ...result, page: query.page, pageSize: query.pageSize };
    },
  },
  'cases.get': {
    run(session, { caseId }) {
      const detail = viewCaseDetail(
        session.database.db,
        caseId,
        { accountName: session.account.accountName, asOf: session.today(), now: session.now() },
        { audit: session.state.viewedCase !== caseId },
      );
      session.state.viewedCase = caseId;
      return session.account.role === 'manager' ? caseDetailForManager(detail) : detail;
    },
  },
  'cases.create': {
    run: (session, input) => createCheckedCase(writeContext(session), input.case, input.programmeReason ? { programmeReason: input.programmeReason } : {}),
  },
  'cases.update': {
    run(session, input) {
      updateCase(writeContext(session), input.caseId, input.case, {
        version: input.version,
        perpetratorVersion: input.perpetratorVersion ?? null,
        ...(input.programmeReason ? { programmeReason: input.programmeReason } : {}),
      });
      return OK;
    },
  },
  'cases.recordReferral': {
    run(session, { caseId, receivedDate, source }) {
      recordReferral(writeContext(session), caseId, { receivedDate, source: source ?? null });
      return OK;
    },
  },
  'cases.reassign': {
    run(session, { caseId, ownerName }) {
      reassignCase(writeContext(session), caseId, ownerName);
      return OK;
    },
  },
  'cases.logChase': {
    run(session, { caseId, chase }) {
      logChase(writeContext(session), caseId, chase);
      return OK;
    },
  },
  'cases.timeline': {
    run(session, { caseId, kinds }) {
      recordView(session, caseId, 'timeline');
      return caseTimeline(session.database.db, caseId, { ...(kinds ? { kinds } : {}), hideSensitiveNotes: hidesSensitive(session) });
    },
  },
  /** A victim's whole record for a subject access request: JSON or PDF, where the person chooses; audited. */
  'cases.subjectAccess': {
    async run(session, { caseId, format }) {
      const { db } = session.database;
      const record = subjectAccessRecord(db, caseId, session.today(), session.account.accountName);
      const path = await session.choose('report-file', `subject-access-${record.case.caseRef}.${format}`);
      if (!path) return { savedAs: null };
      session.files.write(path, format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : await subjectAccessPdf(record), { private: true });
      recordAudit(
        db,
        session.account.accountName,
        { action: 'subject-access.exported', entityType: 'case', entityId: caseId, caseId, detail: { format } },
        session.now(),
      );
      return { savedAs: basename(path) };
    },
  },
  'today.list': {
    run(session, { asOf, status, page, ...scope }) {
      const { db } = session.database;
      const rules = readTimerRules(db);
      return todayList(db, asOf ?? session.today(), scopeWorker(session, scope), {
        status: status ?? null,
        page: page ?? 1,
        releaseDays: rules.releasesAheadDays,
        rules,
      });
    },
  },
  /**
   * One page of overdue referrals, most overdue first (`rows` a page, never more than a screen
   * uses), and exact counts over all of them. A page past the end (chases resolved the last
   * page's referrals since it was drawn) gives the last page, and says which it is.
   */
  'chases.list': {
    run(session, { asOf, page = 1, rows = CHASE_LIST_PAGE_ROWS, ...scope }) {
      const { db } = session.database;
      const day = asOf ?? session.today();
      const rules = readTimerRules(db);
      const workerId = scopeWorker(session, scope);
      const counts = chaseCounts(db, day, rules, workerId);
      const pageSize = Math.min(rows, CHASE_LIST_PAGE_ROWS);
      const pages = pageSize === 0 ? 1 : Math.max(1, Math.ceil(counts.overdue / pageSize));
      const shown = Math.min(Math.max(1, page), pages);
      return { asOf: day, page: shown, pages, pageSize, rows: chaseList(db, day, rules, workerId, pageSize, (shown - 1) * pageSize), ...counts };
    },
  },
  'safety.get': {
    run(session, { caseId }) {
      const view = readSafety(session.database.db, caseId);
      recordView(session, caseId, 'safety');
      return session.account.role === 'manager' ? safetyForManager(view) : view;
    },
  },
};
