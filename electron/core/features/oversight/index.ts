/** Case audits, supervision notes and offices (model v2 §6). */
import { workerForAccount } from '../../cases/workers';
import { PlwError } from '../../errors';
import { addSupervisionNote, auditsBetween, caseAudits, drawAuditSample, recordCaseAudit, suggestedChecklist, supervisionNotes } from '../../records/oversight';
import { OK, type FeatureChannels } from '../channel';
import { addOffice, listOffices, setAccountOffice } from '../../cases/offices';
import { recordView, writeContext } from '../context';

export const oversightChannels: FeatureChannels<
  | 'audits.forCase'
  | 'audits.record'
  | 'audits.sample'
  | 'audits.list'
  | 'supervision.list'
  | 'supervision.add'
  | 'offices.list'
  | 'offices.add'
  | 'accounts.setOffice'
> = {
  'offices.list': { run: (session) => listOffices(session.database.db) },
  'offices.add': { run: (session, { name }) => ({ officeId: addOffice(session.database.db, session.account.accountName, name, session.now()) }) },
  'accounts.setOffice': {
    run(session, { accountName, officeId }) {
      setAccountOffice(session.database.db, session.account.accountName, accountName, officeId, session.now());
      return OK;
    },
  },
  'audits.forCase': {
    run(session, { caseId }) {
      recordView(session, caseId, 'audits');
      const { db } = session.database;
      return { audits: caseAudits(db, caseId), suggested: suggestedChecklist(db, caseId, session.today()) };
    },
  },
  'audits.record': { run: (session, { caseId, audit }) => ({ auditId: recordCaseAudit(writeContext(session), caseId, audit) }) },
  'audits.sample': { run: (session, { perWorker }) => drawAuditSample(writeContext(session), perWorker, session.today()) },
  'audits.list': {
    run(session, input) {
      const today = session.today();
      const [from, to] = [input.from ?? `${today.slice(0, 8)}01`, input.to ?? today];
      return { from, to, rows: auditsBetween(session.database.db, from, to) };
    },
  },
  'supervision.list': {
    run(session, { workerId }) {
      const { db } = session.database;
      // Supervision is between a manager and that worker: a worker reads their own notes and no one else's.
      if (session.account.role === 'plw') {
        const own = workerForAccount(db, session.account.accountName);
        if (workerId !== undefined && workerId !== own) throw new PlwError('NOT_ALLOWED', 'You can read only your own supervision notes.');
        return { asOf: session.today(), ...(own === null ? { worker: null, notes: [] } : supervisionNotes(db, own)) };
      }
      return { asOf: session.today(), ...(workerId === undefined ? { worker: null, notes: [] } : supervisionNotes(db, workerId)) };
    },
  },
  'supervision.add': { run: (session, input) => ({ noteId: addSupervisionNote(writeContext(session), input) }) },
};
