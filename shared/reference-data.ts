/**
 * Reference data from the domain brief: the values a case may hold, with the
 * words people see. Stored values are the snake_case keys.
 */

/** A list of stored values with the words people see for each (the order is the order shown). */
export function labelled<const K extends string>(entries: Record<K, string>) {
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

/**
 * The outcomes each way of making contact can have: a letter is sent, comes back or is answered
 * with a refusal; nobody is "spoken to" by letter, and a home visit returns no mail. The contact
 * form offers only these, the core and the importer refuse any other pairing, and the demo
 * follows the same rule.
 */
export const OUTCOMES_FOR_METHOD: Record<ContactMethod, readonly ContactOutcome[]> = {
  letter: ['letter_sent', 'returned_mail', 'declined_support'],
  phone: ['spoke_to_victim', 'no_answer', 'voicemail_left', 'declined_support', 'unsafe_to_talk', 'wrong_number'],
  text: ['message_sent', 'spoke_to_victim', 'declined_support', 'unsafe_to_talk', 'wrong_number'],
  email: ['message_sent', 'spoke_to_victim', 'declined_support', 'returned_mail'],
  face_to_face: ['spoke_to_victim', 'no_answer', 'declined_support', 'unsafe_to_talk'],
  home_visit: ['spoke_to_victim', 'no_answer', 'declined_support', 'unsafe_to_talk', 'wrong_number'],
  video: ['spoke_to_victim', 'no_answer', 'declined_support', 'unsafe_to_talk'],
  via_agency: ['spoke_to_victim', 'message_sent', 'no_answer', 'declined_support', 'unsafe_to_talk', 'wrong_number'],
};

export function outcomeFitsMethod(method: ContactMethod, outcome: ContactOutcome): boolean {
  return OUTCOMES_FOR_METHOD[method].includes(outcome);
}

/**
 * Only this outcome counts as a successful contact (docs/timers.md); every outcome is an attempt.
 * Model v2: "declined support" is an attempt that sets the engagement status to declined.
 */
export const SUCCESSFUL_OUTCOMES: readonly ContactOutcome[] = ['spoke_to_victim'];

export const SENTENCE_TYPES = labelled({
  community_order: 'Community order',
  suspended_sentence_order: 'Suspended sentence order',
  licence: 'Licence',
  post_sentence_supervision: 'Post-sentence supervision',
});

/**
 * Programmes and requirements (docs/model.md). Building Choices replaces BBR (kept for older
 * cases); the custody strands are the prison IPV programmes. `da_rar` keeps its stored key:
 * "DA RAR" is now called "RAR (domestic abuse)".
 */
export const REQUIREMENTS = labelled({
  building_choices_moderate: 'Building Choices (moderate intensity)',
  building_choices_high: 'Building Choices (high intensity)',
  building_choices: 'Building Choices (pathway not recorded)',
  bbr: 'Building Better Relationships (BBR)',
  da_rar: 'RAR (domestic abuse)',
  kaizen_ipv: 'Kaizen IPV (custody)',
  becoming_new_me_ipv: 'Becoming New Me+ IPV (custody)',
  new_me_strengths_ipv: 'New Me Strengths IPV (custody)',
  other: 'Other',
});
export type Requirement = (typeof REQUIREMENTS.values)[number];

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
  deselected: 'Deselected (early exit)',
  deprioritised: 'Deprioritised',
});
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES.values)[number];

/**
 * Allowed moves between programme statuses, after the MoJ accredited-programmes
 * services: forward through the pathway, out to an exit, or back to waiting.
 */
export const PROGRAMME_TRANSITIONS: Record<ProgrammeStatus, readonly ProgrammeStatus[]> = {
  awaiting_assessment: ['awaiting_allocation', 'suitable_but_not_ready', 'deferred', 'deprioritised', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  awaiting_allocation: ['scheduled', 'deferred', 'deprioritised', 'suitable_but_not_ready', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  scheduled: ['on_programme', 'awaiting_allocation', 'deferred', 'deprioritised', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  on_programme: ['programme_complete', 'deselected', 'breach', 'recall', 'return_to_court', 'withdrawn', 'deferred'],
  programme_complete: [],
  suitable_but_not_ready: ['awaiting_allocation', 'deferred', 'withdrawn'],
  deferred: ['awaiting_allocation', 'scheduled', 'withdrawn', 'breach', 'recall', 'return_to_court'],
  breach: ['on_programme', 'awaiting_allocation', 'return_to_court', 'withdrawn', 'recall'],
  recall: ['awaiting_allocation', 'withdrawn'],
  return_to_court: ['awaiting_allocation', 'on_programme', 'withdrawn', 'breach'],
  withdrawn: [],
  // Deselected: taken off the programme by its facilitators (an early exit); he may be put forward again.
  deselected: ['awaiting_allocation', 'withdrawn'],
  // Deprioritised: waiting behind higher-risk men for a place.
  deprioritised: ['awaiting_allocation', 'scheduled', 'withdrawn', 'breach', 'recall', 'return_to_court'],
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
  deselected: 'Deselected',
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
  new_relationship: 'New relationship disclosed',
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
/** An early exit from a programme: contact within the shorter "left early" period (docs/timers.md). */
export const EARLY_EXIT_OUTCOMES: readonly ProgrammeOutcome[] = ['removed', 'dropped_out', 'breach', 'recall', 'withdrawn', 'deselected'];

/** Highest first: the case header shows the most serious status among the children. */
export const SAFEGUARDING_ORDER: readonly SafeguardingStatus[] = ['looked_after', 'child_protection_plan', 'child_in_need', 'none'];

export const IDVA_STATUSES = labelled({ referred: 'Referred', accepted: 'Accepted', declined: 'Declined' });
export type IdvaStatus = (typeof IDVA_STATUSES.values)[number];

export const ORDER_RESOLUTIONS = labelled({ renewed: 'Renewed', replaced: 'Replaced', reviewed: 'Reviewed' });
export type OrderResolution = (typeof ORDER_RESOLUTIONS.values)[number];

/** Sentence types whose referral clock starts at release (docs/timers.md `referral`). */
export const RELEASE_CLOCK_SENTENCES: readonly string[] = ['licence', 'post_sentence_supervision'];

/** Model v2 §1: the perpetrator as a person. */
export const CUSTODY_STATUSES = labelled({
  in_custody: 'In custody',
  in_community: 'In the community',
  recalled: 'Recalled',
  unlawfully_at_large: 'Unlawfully at large',
});
export type CustodyStatus = (typeof CUSTODY_STATUSES.values)[number];

export const MAPPA_CATEGORIES = labelled({ '1': 'Category 1', '2': 'Category 2', '3': 'Category 3', '4': 'Category 4' });
export const MAPPA_LEVELS = labelled({ '1': 'Level 1', '2': 'Level 2', '3': 'Level 3' });

/** Model v2 §1: the victim. Each equality field is optional and allows "prefer not to say". */
export const RELATIONSHIPS = labelled({
  current_partner: 'Current partner',
  ex_partner: 'Ex-partner',
  new_partner: 'New partner',
  family_member: 'Family member',
  other: 'Other',
});
export type Relationship = (typeof RELATIONSHIPS.values)[number];

export const SEXES = labelled({ female: 'Female', male: 'Male', prefer_not_to_say: 'Prefer not to say' });

/** The ONS 2021 census ethnic groups (England and Wales), with "prefer not to say". */
export const ETHNICITIES = labelled({
  asian_indian: 'Asian or Asian British: Indian',
  asian_pakistani: 'Asian or Asian British: Pakistani',
  asian_bangladeshi: 'Asian or Asian British: Bangladeshi',
  asian_chinese: 'Asian or Asian British: Chinese',
  asian_other: 'Asian or Asian British: any other Asian background',
  black_caribbean: 'Black, Black British, Caribbean or African: Caribbean',
  black_african: 'Black, Black British, Caribbean or African: African',
  black_other: 'Black, Black British, Caribbean or African: any other Black background',
  mixed_white_black_caribbean: 'Mixed or multiple ethnic groups: White and Black Caribbean',
  mixed_white_black_african: 'Mixed or multiple ethnic groups: White and Black African',
  mixed_white_asian: 'Mixed or multiple ethnic groups: White and Asian',
  mixed_other: 'Mixed or multiple ethnic groups: any other mixed background',
  white_british: 'White: English, Welsh, Scottish, Northern Irish or British',
  white_irish: 'White: Irish',
  white_gypsy_traveller: 'White: Gypsy or Irish Traveller',
  white_roma: 'White: Roma',
  white_other: 'White: any other White background',
  other_arab: 'Other ethnic group: Arab',
  other_any: 'Other ethnic group: any other ethnic group',
  prefer_not_to_say: 'Prefer not to say',
});

export const DISABILITIES = labelled({ yes: 'Yes', no: 'No', prefer_not_to_say: 'Prefer not to say' });

export const SEXUAL_ORIENTATIONS = labelled({
  heterosexual: 'Heterosexual or straight',
  gay_lesbian: 'Gay or lesbian',
  bisexual: 'Bisexual',
  other: 'Other sexual orientation',
  prefer_not_to_say: 'Prefer not to say',
});

/** Model v2 §3: the victim's engagement, dated, with its history. */
export const ENGAGEMENT_STATUSES = labelled({
  not_yet_contacted: 'Not yet contacted',
  engaged: 'Engaged',
  declined: 'Declined support',
  unable_to_contact: 'Unable to contact',
  no_contact: 'No contact at all',
});
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES.values)[number];

/** Where an engagement status came from: a contact's outcome, a person setting it, or an import. */
export const ENGAGEMENT_SOURCES = labelled({ contact: 'From a contact', hand: 'Set by hand', import: 'Imported' });
export type EngagementSource = (typeof ENGAGEMENT_SOURCES.values)[number];
