/** One case as its page shows it, with its timers' statuses on the as-of date. */
import { type IsoDate } from '../../../shared/calendar';
import type { CaseDetail } from '../../../shared/case-views';
import type { FlagCode, ProgrammeStatus, RiskLevel, Stage } from '../../../shared/reference-data';
import type { TimerId } from '../../../shared/timer-rules';
import { timerStatus } from '../../../shared/timers';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { engagementEntries } from './engagement-history';
import { linkCandidates, linkedCases } from './people';

export function getCaseDetail(db: Db, caseId: number, asOf: IsoDate): CaseDetail {
  const row = db
    .prepare(
      `SELECT c.*, v.name AS victim_name, v.date_of_birth AS victim_dob, v.phone AS victim_phone, v.email AS victim_email, v.address AS victim_address,
              v.postcode AS victim_postcode, v.safe_contact_notes, v.no_voicemail, v.no_letters,
              v.relationship, v.sex, v.ethnicity, v.disability, v.sexual_orientation, v.welsh_language,
              p.name AS perpetrator_name, p.crn, p.date_of_birth AS perpetrator_dob, w.name AS owner_name,
              p.consent_given_date, p.consent_withdrawn_date, p.custody_status AS person_custody_status, p.custody_status_date,
              p.release_date AS person_release_date, p.supervision_end_date, p.mappa_category, p.mappa_level, p.version AS perpetrator_version
       FROM cases c JOIN victims v ON v.id = c.victim_id JOIN perpetrators p ON p.id = c.perpetrator_id LEFT JOIN workers w ON w.id = c.owner_worker_id
       WHERE c.id = ?`,
    )
    .get(caseId) as Record<string, string | number | null> | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const text = (key: string) => (row[key] as string | null) ?? null;
  const closedDate = text('closed_date');
  const timers = (
    db.prepare('SELECT timer, start_date, due_date, warn_from, met_date, order_ref FROM timers WHERE case_id = ? ORDER BY due_date, id').all(caseId) as {
      timer: TimerId;
      start_date: IsoDate;
      due_date: IsoDate;
      warn_from: IsoDate;
      met_date: IsoDate | null;
      order_ref: string | null;
    }[]
  ).map((t) => ({
    timer: t.timer,
    startDate: t.start_date,
    dueDate: t.due_date,
    metDate: t.met_date,
    orderRef: t.order_ref,
    status: timerStatus({ dueDate: t.due_date, warnFrom: t.warn_from, metDate: t.met_date }, asOf, closedDate),
  }));
  const chases = db
    .prepare(
      'SELECT chase_date AS date, to_whom AS toWhom, method, note, recorded_by AS recordedBy FROM chases WHERE case_id = ? ORDER BY chase_date DESC, id DESC',
    )
    .all(caseId) as CaseDetail['chases'];
  const programmeHistory = db
    .prepare(
      'SELECT from_status AS fromStatus, to_status AS toStatus, event_date AS date, reason, recorded_by AS recordedBy, recorded_at AS recordedAt FROM programme_events WHERE case_id = ? ORDER BY id DESC',
    )
    .all(caseId) as CaseDetail['programmeHistory'];
  const flags = (db.prepare('SELECT code FROM flags WHERE case_id = ? ORDER BY code').all(caseId) as { code: FlagCode }[]).map((f) => f.code);
  const history = engagementEntries(db, caseId);
  const perpetratorId = row.perpetrator_id as number;
  type Fields = CaseDetail['fields'];
  return {
    caseId,
    version: row.version as number,
    perpetratorVersion: row.perpetrator_version as number,
    caseRef: text('case_ref')!,
    stage: text('stage') as Stage,
    engagement: { status: text('engagement') as CaseDetail['engagement']['status'], since: history[0]?.date ?? null, history },
    linkedCases: linkedCases(db, caseId) as CaseDetail['linkedCases'],
    linkCandidates: linkCandidates(db, caseId),
    aliases: db
      .prepare('SELECT name, date_of_birth AS dateOfBirth, how FROM perpetrator_aliases WHERE perpetrator_id = ? ORDER BY id')
      .all(perpetratorId) as CaseDetail['aliases'],
    ownerName: text('owner_name'),
    fields: {
      caseRef: text('case_ref')!,
      ownerName: text('owner_name') ?? '',
      victimName: text('victim_name')!,
      victimDob: text('victim_dob'),
      victimPhone: text('victim_phone'),
      victimEmail: text('victim_email'),
      victimAddress: text('victim_address'),
      victimPostcode: text('victim_postcode'),
      noVoicemail: row.no_voicemail === 1,
      noLetters: row.no_letters === 1,
      safeContactNotes: text('safe_contact_notes'),
      relationship: text('relationship') as Fields['relationship'],
      sex: text('sex') as Fields['sex'],
      ethnicity: text('ethnicity') as Fields['ethnicity'],
      disability: text('disability') as Fields['disability'],
      sexualOrientation: text('sexual_orientation') as Fields['sexualOrientation'],
      welshLanguage: row.welsh_language === 1,
      perpetratorName: text('perpetrator_name')!,
      crn: text('crn'),
      perpetratorDob: text('perpetrator_dob'),
      perpetratorId,
      consentGivenDate: text('consent_given_date'),
      consentWithdrawnDate: text('consent_withdrawn_date'),
      custodyStatus: text('person_custody_status') as Fields['custodyStatus'],
      custodyStatusDate: text('custody_status_date'),
      releaseDate: text('person_release_date'),
      supervisionEndDate: text('supervision_end_date'),
      mappaCategory: text('mappa_category') as Fields['mappaCategory'],
      mappaLevel: text('mappa_level') as Fields['mappaLevel'],
      roName: text('ro_name'),
      roEmail: text('ro_email'),
      roPhone: text('ro_phone'),
      roOffice: text('ro_office'),
      sentenceDate: text('sentence_date')!,
      sentenceType: text('sentence_type') as CaseDetail['fields']['sentenceType'],
      requirement: text('requirement') as CaseDetail['fields']['requirement'],
      referralReceivedDate: text('referral_received_date'),
      referralSource: text('referral_source'),
      programmeStatus: text('programme_status') as ProgrammeStatus | null,
      programmeStartDate: text('programme_start_date'),
      programmeEndDate: text('programme_end_date'),
      programmeOutcome: text('programme_outcome') as CaseDetail['fields']['programmeOutcome'],
      riskToVictim: text('risk_to_victim') as RiskLevel | null,
      riskToChildren: text('risk_to_children') as RiskLevel | null,
      flags,
      closedDate,
      officeId: (row.office_id as number | null) ?? null,
    },
    timers,
    chases,
    programmeHistory,
  };
}
