/**
 * What the case page reads: the case with its header summary (a view that is
 * audited, since every view of a victim's record is attributed), and the panel
 * reads that need more than one store. AppCore serves these; the benchmarks time
 * the same functions.
 */
import type { IsoDate } from '../../../../shared/calendar';
import type { SafetyView } from '../../../../shared/record-views';
import { recordAudit } from '../../audit';
import type { Db } from '../../db/open-database';
import { PlwError } from '../../errors';
import { highestSafeguarding, listChildren } from '../../records/children';
import { activeOrderCount } from '../../records/orders';
import { readSafeProfile } from '../../records/safety';
import { getCaseDetail } from '../../cases/queries';

export function viewCaseDetail(
  db: Db,
  caseId: number,
  viewer: { accountName: string; asOf: IsoDate; now: Date },
  options: { audit: boolean } = { audit: true },
) {
  const detail = getCaseDetail(db, caseId, viewer.asOf);
  const safe = readSafeProfile(db, caseId);
  const children = listChildren(db, caseId);
  if (options.audit) recordAudit(db, viewer.accountName, { action: 'case.viewed', entityType: 'case', entityId: caseId, caseId }, viewer.now);
  return {
    ...detail,
    asOf: viewer.asOf,
    summary: {
      activeOrders: activeOrderCount(db, caseId, viewer.asOf),
      children: children.length,
      highestSafeguarding: highestSafeguarding(children.map((c) => c.safeguardingStatus)),
      noVoicemail: safe.noVoicemail,
      noLetters: safe.noLetters,
      noTexts: safe.noTexts,
      safeAddressKnown: safe.safeAddress !== null,
      doNotContactVia: safe.doNotContactVia,
      doNotContactViaAbout: safe.doNotContactViaAbout,
    },
  };
}

/** The Safety panel: the safe-contact profile and the IDVA referral. */
export function readSafety(db: Db, caseId: number): SafetyView {
  const row = db.prepare('SELECT idva_status AS idvaStatus, idva_referral_date AS idvaReferralDate, version FROM cases WHERE id = ?').get(caseId) as
    (SafetyView['idva'] & { version: number }) | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const { version, ...idva } = row;
  return { profile: readSafeProfile(db, caseId), idva, version };
}
