/**
 * Reference data from the domain brief: the values a case may hold, with the
 * words people see. Stored values are the snake_case keys.
 */

function labelled<const K extends string>(entries: Record<K, string>) {
  return { values: Object.keys(entries) as K[], labels: entries };
}

export const CONTACT_METHODS = labelled({
  letter: 'Letter',
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  face_to_face: 'Face to face (office)',
  home_visit: 'Home visit',
  video: 'Video call',
  via_agency: 'Via another agency',
});
export type ContactMethod = (typeof CONTACT_METHODS.values)[number];

export const CONTACT_OUTCOMES = labelled({
  spoke_to_victim: 'Spoke to victim',
  no_answer: 'No answer',
  voicemail_left: 'Voicemail left',
  message_sent: 'Message sent',
  letter_sent: 'Letter sent',
  declined_support: 'Declined support',
  unsafe_to_talk: 'Unsafe to talk / perpetrator present',
  wrong_number: 'Wrong number / moved',
  returned_mail: 'Returned mail',
});
export type ContactOutcome = (typeof CONTACT_OUTCOMES.values)[number];

/** Only these outcomes count as a successful contact (TIMERS.md); every outcome is an attempt. */
export const SUCCESSFUL_OUTCOMES: readonly ContactOutcome[] = ['spoke_to_victim', 'declined_support'];

export const SENTENCE_TYPES = labelled({
  community_order: 'Community order',
  suspended_sentence_order: 'Suspended sentence order',
  licence: 'Licence',
  post_sentence_supervision: 'Post-sentence supervision',
});

export const REQUIREMENTS = labelled({
  bbr: 'Building Better Relationships (BBR)',
  building_choices: 'Building Choices',
  da_rar: 'DA RAR',
  other: 'Other',
});

export const PROGRAMME_STATUSES = labelled({
  awaiting_assessment: 'Awaiting assessment',
  awaiting_allocation: 'Awaiting allocation',
  scheduled: 'Scheduled',
  on_programme: 'On programme',
  programme_complete: 'Programme complete',
  suitable_but_not_ready: 'Suitable but not ready',
  deferred: 'Deferred',
  breach: 'Breach',
  recall: 'Recall',
  return_to_court: 'Return to court',
  withdrawn: 'Withdrawn',
});
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES.values)[number];

/**
 * Allowed moves between programme statuses, after the MoJ accredited-programmes
 * services: forward through the pathway, out to an exit, or back to waiting.
 */
export const PROGRAMME_TRANSITIONS: Record<ProgrammeStatus, readonly ProgrammeStatus[]> = {
  awaiting_assessment: ['awaiting_allocation', 'suitable_but_not_ready', 'deferred', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  awaiting_allocation: ['scheduled', 'deferred', 'suitable_but_not_ready', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  scheduled: ['on_programme', 'awaiting_allocation', 'deferred', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  on_programme: ['programme_complete', 'breach', 'recall', 'return_to_court', 'withdrawn', 'deferred'],
  programme_complete: [],
  suitable_but_not_ready: ['awaiting_allocation', 'deferred', 'withdrawn'],
  deferred: ['awaiting_allocation', 'scheduled', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  breach: ['on_programme', 'awaiting_allocation', 'return_to_court', 'withdrawn', 'recall'],
  recall: ['awaiting_allocation', 'withdrawn'],
  return_to_court: ['awaiting_allocation', 'on_programme', 'withdrawn', 'breach'],
  withdrawn: [],
};

export function canMoveProgramme(from: ProgrammeStatus | null, to: ProgrammeStatus): boolean {
  if (from === null) return true;
  return from === to || PROGRAMME_TRANSITIONS[from].includes(to);
}

export const PROGRAMME_OUTCOMES = labelled({
  completed: 'Completed',
  removed: 'Removed',
  dropped_out: 'Dropped out',
  breach: 'Breach',
  recall: 'Recall',
  withdrawn: 'Withdrawn',
});
export type ProgrammeOutcome = (typeof PROGRAMME_OUTCOMES.values)[number];

export const RISK_LEVELS = labelled({ low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' });
export type RiskLevel = (typeof RISK_LEVELS.values)[number];

/** nDelius registers the app mirrors as case flags. */
export const FLAGS = labelled({
  ADVP: 'Domestic abuse perpetrator',
  ADVV: 'Domestic abuse victim',
  IMAR: 'MARAC',
  REG24: "Women's Safety Worker",
  RSTO: 'Restraining order',
  SPO: 'Stalking protection order',
  RCHD: 'Risk to children',
  RCPR: 'Child protection',
  RCCO: 'Child concerns',
  REG15: 'Risk to known adult',
});
export type FlagCode = (typeof FLAGS.values)[number];

export const ORDER_TYPES = labelled({
  restraining_order: 'Restraining order',
  non_molestation_order: 'Non-molestation order',
  occupation_order: 'Occupation order',
  dvpn: 'Domestic Violence Protection Notice (DVPN)',
  dvpo: 'Domestic Violence Protection Order (DVPO)',
  dapn: 'Domestic Abuse Protection Notice (DAPN)',
  dapo: 'Domestic Abuse Protection Order (DAPO)',
  stalking_protection_order: 'Stalking protection order',
  licence_condition: 'Licence condition',
  bail_condition: 'Bail condition',
});
export type OrderType = (typeof ORDER_TYPES.values)[number];

export const CHASE_METHODS = labelled({ email: 'Email', phone: 'Phone', meeting: 'Meeting', letter: 'Letter' });
export type ChaseMethod = (typeof CHASE_METHODS.values)[number];

export const CRN_PATTERN = /^[A-Z][0-9]{6}$/;

/** Where a case stands, worked out from its facts whenever its timers are rewritten. */
export const STAGES = labelled({
  awaiting_referral: 'Awaiting referral',
  awaiting_first_contact: 'Awaiting first contact',
  in_contact: 'In contact',
  closed: 'Closed',
});
export type Stage = (typeof STAGES.values)[number];

export const CONTACT_DIRECTIONS = labelled({ to_victim: 'To the victim', from_victim: 'From the victim' });
export type ContactDirection = (typeof CONTACT_DIRECTIONS.values)[number];

export const RISK_EVENT_CATEGORIES = labelled({
  new_incident: 'New incident',
  order_breach: 'Breach of order',
  programme_disclosure: 'Disclosure at the programme',
  perpetrator_released: 'Perpetrator released',
  new_relationship: 'New relationship',
  address_change: 'Address change',
  programme_early_exit: 'Programme early exit',
  other: 'Other',
});
export type RiskEventCategory = (typeof RISK_EVENT_CATEGORIES.values)[number];

export const LIAISON_AGENCIES = labelled({
  ro: 'Responsible officer (RO)',
  police: 'Police',
  childrens_social_care: "Children's social care",
  idva: 'IDVA',
  marac: 'MARAC',
});
export type LiaisonAgency = (typeof LIAISON_AGENCIES.values)[number];

export const SAFEGUARDING_STATUSES = labelled({
  none: 'None',
  child_in_need: 'Child in need',
  child_protection_plan: 'Child protection plan',
  looked_after: 'Looked after',
});
export type SafeguardingStatus = (typeof SAFEGUARDING_STATUSES.values)[number];
/** Highest first: the case header shows the most serious status among the children. */
export const SAFEGUARDING_ORDER: readonly SafeguardingStatus[] = ['looked_after', 'child_protection_plan', 'child_in_need', 'none'];

export const IDVA_STATUSES = labelled({ referred: 'Referred', accepted: 'Accepted', declined: 'Declined' });
export type IdvaStatus = (typeof IDVA_STATUSES.values)[number];

export const ORDER_RESOLUTIONS = labelled({ renewed: 'Renewed', replaced: 'Replaced', reviewed: 'Reviewed' });
export type OrderResolution = (typeof ORDER_RESOLUTIONS.values)[number];
