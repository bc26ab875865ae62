/** The audit log: read, checked and exported by administrators. */
import { basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../../../shared/spreadsheet-safety';
import { auditAnchor, brokenAuditEntry, listAudit, recordAudit } from '../../audit';
import type { FeatureChannels } from '../channel';

export const auditChannels: FeatureChannels<'audit.list' | 'audit.export'> = {
  'audit.list': {
    run(session, query) {
      const { db } = session.database;
      const broken = brokenAuditEntry(db);
      return {
        rows: listAudit(db, { ...query, limit: 500 }),
        chain: { whole: broken === null, brokenAt: broken?.id ?? null, reason: broken?.reason ?? null },
        anchor: auditAnchor(db),
      };
    },
  },
  'audit.export': {
    async run(session, query) {
      const { db } = session.database;
      const path = await session.choose('report-file', `audit-log-${session.today()}.csv`);
      if (!path) return { savedAs: null };
      const rows = listAudit(db, { ...query, limit: 1_000_000 });
      session.files.write(
        path,
        stringify([
          ['id', 'at (UTC)', 'account', 'action', 'entity', 'entity id', 'case id', 'case ref', 'detail'],
          ...rows.map((r) =>
            [r.id, r.at, r.accountName, r.action, r.entityType ?? '', r.entityId ?? '', r.caseId ?? '', r.caseRef ?? '', r.detail ?? ''].map(neutraliseFormula),
          ),
        ]),
      );
      recordAudit(db, session.account.accountName, { action: 'audit.exported', detail: { rows: rows.length } }, session.now());
      return { savedAs: basename(path) };
    },
  },
};
