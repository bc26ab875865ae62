import type { CaseFacts } from '../../shared/timers';

/** A case with nothing recorded: each timer test adds only the facts it is about. */
export const NO_FACTS: CaseFacts = {
  sentenceDate: null,
  sentenceType: null,
  releaseDate: null,
  supervisionEndDate: null,
  referralReceivedDate: null,
  closedDate: null,
  programmeStartDate: null,
  programmeEndDate: null,
  programmeOutcome: null,
  contacts: [],
  engagementSet: [],
  riskEvents: [],
  sharedWithRo: [],
  orders: [],
  agencyChecks: [],
  maracActions: [],
  safetyPlanReviews: [],
  linkedRiskEventDates: [],
};
