import { initialSchema } from './001-initial-schema';
import { reportingIndexes } from './002-reporting-indexes';
import { referralLastChase } from './003-referral-last-chase';
import { caseCounts } from './004-case-counts';
import { victimContactMonths } from './005-victim-contact-months';
import { editVersions } from './006-edit-versions';
import { auditHashIds } from './007-audit-hash-ids';
import { accountKeys } from './008-account-keys';
import { modelV2People } from './009-model-v2-people';
import { doNotContactAbout } from './010-do-not-contact-about';
import { agenciesAndSafetyPlans } from './011-agencies-and-safety-plans';
import { oversight } from './012-oversight';
import { workerPhone } from './013-worker-phone';
import { fairFigures } from './014-fair-figures';
import { summaryIndexes } from './015-summary-indexes';
import { summaryKeptByWrites } from './016-summary-kept-by-writes';
import type { Migration } from './migration';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  reportingIndexes,
  referralLastChase,
  caseCounts,
  victimContactMonths,
  editVersions,
  auditHashIds,
  accountKeys,
  modelV2People,
  doNotContactAbout,
  agenciesAndSafetyPlans,
  oversight,
  workerPhone,
  fairFigures,
  summaryIndexes,
  summaryKeptByWrites,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
