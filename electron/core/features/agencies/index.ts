/** Agencies (checks, DASH, MARAC, Clare's Law, the VLO) and the safety plan, on a case. */
import {
  addMaracAction,
  chaseAgencyCheck,
  completeMaracAction,
  readAgencies,
  recordAgencyReply,
  recordDash,
  recordDvds,
  recordMaracMeeting,
  referToMarac,
  requestAgencyCheck,
  updateVlo,
} from '../../records/agencies';
import { dashScore } from '../../../../shared/agency-reference';
import { readSafetyPlan, recordSafetyPlanReview, removeSafetyPlanItem, saveSafetyPlanItem } from '../../records/safety-plan';
import { readTimerRules } from '../../cases/timer-settings';
import { readSettings } from '../../team/settings';
import { OK, type FeatureChannels } from '../channel';
import { recordView, writeContext } from '../context';

export const agenciesChannels: FeatureChannels<
  | 'agencies.get'
  | 'agencyChecks.request'
  | 'agencyChecks.reply'
  | 'agencyChecks.chase'
  | 'dash.record'
  | 'marac.refer'
  | 'marac.recordMeeting'
  | 'marac.addAction'
  | 'marac.completeAction'
  | 'dvds.save'
  | 'vlo.update'
  | 'safetyPlan.get'
  | 'safetyPlan.saveItem'
  | 'safetyPlan.removeItem'
  | 'safetyPlan.review'
> = {
  'agencies.get': {
    run(session, { caseId }) {
      recordView(session, caseId, 'agencies');
      const { db } = session.database;
      return readAgencies(db, caseId, session.today(), readSettings(db).dashMaracThreshold);
    },
  },
  'agencyChecks.request': { run: (session, { caseId, check }) => ({ checkId: requestAgencyCheck(writeContext(session), caseId, check) }) },
  'agencyChecks.reply': {
    run(session, { checkId, version, reply }) {
      recordAgencyReply(writeContext(session), checkId, reply, version);
      return OK;
    },
  },
  'agencyChecks.chase': {
    run(session, { checkId, chase }) {
      chaseAgencyCheck(writeContext(session), checkId, chase);
      return OK;
    },
  },
  'dash.record': {
    run(session, { caseId, assessment }) {
      const assessmentId = recordDash(writeContext(session), caseId, assessment);
      return { assessmentId, score: dashScore(assessment.answers) };
    },
  },
  'marac.refer': { run: (session, { caseId, referral }) => ({ referralId: referToMarac(writeContext(session), caseId, referral) }) },
  'marac.recordMeeting': { run: (session, { caseId, meeting }) => ({ meetingId: recordMaracMeeting(writeContext(session), caseId, meeting) }) },
  'marac.addAction': { run: (session, { caseId, action }) => ({ actionId: addMaracAction(writeContext(session), caseId, action) }) },
  'marac.completeAction': {
    run(session, { actionId, version, completedDate }) {
      completeMaracAction(writeContext(session), actionId, completedDate, version);
      return OK;
    },
  },
  'dvds.save': {
    run: (session, { caseId, dvdsId, version, application }) => ({
      dvdsId: recordDvds(writeContext(session), caseId, dvdsId ?? null, application, version ?? null),
    }),
  },
  'vlo.update': {
    run(session, { caseId, version, vlo }) {
      updateVlo(writeContext(session), caseId, vlo, version);
      return OK;
    },
  },
  'safetyPlan.get': {
    run(session, { caseId }) {
      recordView(session, caseId, 'safety-plan');
      const { db } = session.database;
      return readSafetyPlan(db, caseId, session.today(), readTimerRules(db));
    },
  },
  'safetyPlan.saveItem': {
    run: (session, { caseId, itemId, version, item }) => ({ itemId: saveSafetyPlanItem(writeContext(session), caseId, itemId ?? null, item, version ?? null) }),
  },
  'safetyPlan.removeItem': {
    run(session, { caseId, itemId, version }) {
      removeSafetyPlanItem(writeContext(session), caseId, itemId, version);
      return OK;
    },
  },
  'safetyPlan.review': { run: (session, { caseId, review }) => ({ reviewId: recordSafetyPlanReview(writeContext(session), caseId, review) }) },
};
