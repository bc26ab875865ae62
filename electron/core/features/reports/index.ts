/** Managers' figures, their exports, the merged team view from signed summary files, and the personal case list. */
import { basename, join } from 'node:path';
import type { MergeView } from '../../../../shared/contract';
import type { IsoDate } from '../../../../shared/calendar';
import { recordAudit } from '../../audit';
import { PlwError } from '../../errors';
import { caseListXlsx } from '../../reports/case-list';
import { summaryCsvFiles, summaryJson, summaryXlsx } from '../../reports/export-summary';
import { monthlyCountsByWorker, summarise, workerSummaries } from '../../reports/summary';
import { summaryPdf } from '../../reports/summary-pdf';
import { checkSigner, mergedSummary, mergeSummaryFiles, payloadFor, readSummaryFile, writeSummaryFile } from '../../reports/team-merge';
import type { Session } from '../../session';
import { readSettings } from '../../team/settings';
import { workerName } from '../../cases/workers';
import { officeName } from '../../cases/offices';
import type { FeatureChannels } from '../channel';
import { scopeWorker } from '../context';

type ReportQuery = { from: IsoDate; to: IsoDate; scope: 'mine' | 'team' | 'worker' | 'office'; workerId?: number | undefined; officeId?: number | undefined };

function reportScope(session: Session, query: ReportQuery) {
  if (query.scope === 'office') {
    const office = officeName(session.database.db, query.officeId!);
    if (!office) throw new PlwError('VALIDATION', 'That office is not one of the team’s', 'officeId');
    return { from: query.from, to: query.to, workerId: null, officeId: query.officeId!, scopeLabel: office };
  }
  const workerId = scopeWorker(session, { ...query, scope: query.scope });
  const label = workerId === null ? 'Team' : (workerName(session.database.db, workerId) ?? 'No cases');
  return { from: query.from, to: query.to, workerId, officeId: null, scopeLabel: label };
}

/** Every export of the figures is recorded the same way, from the app or the command line. */
export function recordSummaryExport(session: Session, scope: { from: IsoDate; to: IsoDate; workerId: number | null }, format: string): void {
  recordAudit(
    session.database.db,
    session.account.accountName,
    { action: 'summary.exported', detail: { from: scope.from, to: scope.to, format, worker: scope.workerId } },
    session.now(),
  );
}

/** What an export says about itself: when, by whom, for which team. */
export function exportMeta(session: Session) {
  return { generatedAt: session.now().toISOString(), generatedBy: session.account.accountName, team: readSettings(session.database.db).teamName };
}

function mergeView(session: Session): MergeView {
  const merged = session.state.merged;
  if (!merged?.size) return { files: [], summary: null };
  const files = [...merged.values()];
  return { files: files.map((f) => f.signer), summary: mergedSummary(mergeSummaryFiles(files.map((f) => f.payload))) };
}

export const reportsChannels: FeatureChannels<'reports.summary' | 'reports.export' | 'reports.addMergeFile' | 'reports.clearMerge' | 'reports.exportCaseList'> =
  {
    'reports.summary': { run: (session, query) => summarise(session.database.db, reportScope(session, query)) },
    'reports.export': {
      async run(session, { query, format }) {
        const open = session.database;
        const scope = reportScope(session, query);
        const merged = session.state.merged;
        // The merged team view, when one is open, is what the manager is looking at and exports.
        const summary =
          merged && scope.workerId === null && !scope.officeId
            ? mergedSummary(mergeSummaryFiles([...merged.values()].map((f) => f.payload)))
            : summarise(open.db, scope);
        const meta = exportMeta(session);
        const base = `summary-${scope.scopeLabel.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${scope.from}-to-${scope.to}`;
        const extension = format === 'worker-file' ? 'plwsummary.json' : format;
        const path = await session.choose(format === 'csv' ? 'report-folder' : 'report-file', format === 'csv' ? base : `${base}.${extension}`);
        if (!path) return { savedAs: null };
        if (format === 'csv') {
          session.files.makeFolder(path);
          for (const [name, text] of Object.entries(summaryCsvFiles(summary))) session.files.write(join(path, name), text);
        } else if (format === 'worker-file') {
          const payload = payloadFor(
            { from: scope.from, to: scope.to },
            workerSummaries(open.db, scope),
            monthlyCountsByWorker(open.db, scope.to, scope.workerId),
            meta.generatedAt,
          );
          if (!open.signingKey) throw new PlwError('NOT_ALLOWED', 'Your account has no signing key yet. Lock the app and unlock it again, then export.');
          session.files.write(
            path,
            writeSummaryFile(payload, { accountName: session.account.accountName, databaseId: open.databaseId, signingKey: open.signingKey }),
          );
        } else {
          const content =
            format === 'xlsx'
              ? await summaryXlsx(summary, meta)
              : format === 'pdf'
                ? await summaryPdf(summary, meta)
                : `${JSON.stringify(summaryJson(summary, meta), null, 2)}\n`;
          session.files.write(path, content);
        }
        recordSummaryExport(session, scope, format);
        return { savedAs: basename(path) };
      },
    },
    'reports.addMergeFile': {
      async run(session) {
        const open = session.database;
        const path = await session.choose('summary-file');
        if (path) {
          const name = basename(path);
          const file = readSummaryFile(session.sources.read(path).toString('utf8'), name);
          // Signed by an account of this team, with its own key: a forged file never reaches the figures.
          const signer = checkSigner(open.db, open.databaseId, file, name);
          const next = new Map(session.state.merged ?? []);
          next.set(name, { payload: file.payload, signer: { name, ...signer } });
          mergeSummaryFiles([...next.values()].map((f) => f.payload)); // refuses files for another period before they are kept
          session.state.merged = next;
          recordAudit(open.db, session.account.accountName, { action: 'summary-file.merged', detail: { signedBy: signer.signedBy } }, session.now());
        }
        return mergeView(session);
      },
    },
    'reports.clearMerge': {
      run(session) {
        session.state.merged = null;
        return mergeView(session);
      },
    },
    /**
     * The PLW's open cases with personal details: only after the warning is accepted, and audited.
     * A worker's own cases; the team's, or another worker's, for administrators only.
     */
    'reports.exportCaseList': {
      async run(session, { confirmed: _confirmed, ...scope }) {
        const { db } = session.database;
        if (session.account.role !== 'admin' && scope.scope !== 'mine') {
          throw new PlwError(
            'NOT_ALLOWED',
            'You can export the case list of your own cases. Choose My cases under Show; the team’s list is for administrators only.',
          );
        }
        const workerId = scopeWorker(session, scope);
        const path = await session.choose('report-file', `case-list-personal-${session.today()}.xlsx`);
        if (!path) return { savedAs: null };
        const { buffer, rows } = await caseListXlsx(db, workerId);
        session.files.write(path, buffer, { private: true });
        recordAudit(
          db,
          session.account.accountName,
          { action: 'case-list.exported', detail: { cases: rows, worker: workerId, file: basename(path) } },
          session.now(),
        );
        return { savedAs: basename(path) };
      },
    },
  };
