/**
 * The tracker workbook format (docs/workbook.md): its sheets and columns, and
 * how the words people type map to the values the app stores. The template and
 * the notes sheet are written from this table too, so they can never disagree.
 */
import {
  CHASE_METHODS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  CUSTODY_STATUSES,
  DISABILITIES,
  ENGAGEMENT_STATUSES,
  ETHNICITIES,
  FLAGS,
  MAPPA_CATEGORIES,
  MAPPA_LEVELS,
  RELATIONSHIPS,
  SEXES,
  SEXUAL_ORIENTATIONS,
  ORDER_TYPES,
  PROGRAMME_OUTCOMES,
  PROGRAMME_STATUSES,
  REQUIREMENTS,
  RISK_LEVELS,
  SENTENCE_TYPES,
} from '../../../shared/reference-data';

export type ColumnKind =
  | { type: 'text'; max: number }
  | { type: 'date' }
  | { type: 'time' }
  | { type: 'yesno' }
  | { type: 'choice'; words: Record<string, string> }
  | { type: 'codes'; words: Record<string, string> };

export interface ColumnSpec {
  name: string;
  required: boolean;
  kind: ColumnKind;
  notes: string;
}

export interface SheetSpec {
  name: 'cases' | 'contacts' | 'orders' | 'chases';
  required: boolean;
  columns: ColumnSpec[];
}

const text = (max = 300): ColumnKind => ({ type: 'text', max });
const DATE: ColumnKind = { type: 'date' };

/** The words the format lists, matched case-insensitively, mapped to stored values. */
function choice(pairs: Record<string, string>): ColumnKind {
  return { type: 'choice', words: Object.fromEntries(Object.entries(pairs).map(([word, value]) => [normaliseWord(word), value])) };
}

export function normaliseWord(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const fromLabels = (labels: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(labels).flatMap(([value, label]) => [
      [label, value],
      [value.replace(/_/g, ' '), value],
    ]),
  );

const SENTENCE = choice(fromLabels(SENTENCE_TYPES.labels));
const REQUIREMENT = choice({
  ...fromLabels(REQUIREMENTS.labels),
  bbr: 'bbr',
  'building better relationships': 'bbr',
  'building choices': 'building_choices',
  'building choices moderate': 'building_choices_moderate',
  'building choices high': 'building_choices_high',
  'da rar': 'da_rar',
  'rar (domestic abuse)': 'da_rar',
  'kaizen ipv': 'kaizen_ipv',
  'becoming new me+ ipv': 'becoming_new_me_ipv',
  'new me strengths ipv': 'new_me_strengths_ipv',
});
const CUSTODY = choice({ ...fromLabels(CUSTODY_STATUSES.labels), 'in community': 'in_community' });
const RELATIONSHIP = choice({ ...fromLabels(RELATIONSHIPS.labels), 'ex partner': 'ex_partner' });
const ENGAGEMENT = choice({ ...fromLabels(ENGAGEMENT_STATUSES.labels), declined: 'declined', 'no contact at all': 'no_contact' });
const SEX = choice(fromLabels(SEXES.labels));
const ETHNICITY = choice(fromLabels(ETHNICITIES.labels));
const DISABILITY = choice(fromLabels(DISABILITIES.labels));
const ORIENTATION = choice(fromLabels(SEXUAL_ORIENTATIONS.labels));
const MAPPA_CATEGORY = choice(
  Object.fromEntries(
    MAPPA_CATEGORIES.values.flatMap((v) => [
      [v, v],
      [`category ${v}`, v],
      [`cat ${v}`, v],
    ]),
  ),
);
const MAPPA_LEVEL = choice(
  Object.fromEntries(
    MAPPA_LEVELS.values.flatMap((v) => [
      [v, v],
      [`level ${v}`, v],
    ]),
  ),
);
const PROGRAMME = choice(fromLabels(PROGRAMME_STATUSES.labels));
const OUTCOME = choice(fromLabels(PROGRAMME_OUTCOMES.labels));
const RISK = choice(fromLabels(RISK_LEVELS.labels));
const METHOD = choice({
  ...fromLabels(CONTACT_METHODS.labels),
  phone: 'phone',
  text: 'text',
  email: 'email',
  'face to face': 'face_to_face',
  'home visit': 'home_visit',
  video: 'video',
  'via agency': 'via_agency',
});
const CONTACT_OUTCOME = choice({
  ...fromLabels(CONTACT_OUTCOMES.labels),
  'unsafe to talk': 'unsafe_to_talk',
  'wrong number': 'wrong_number',
});
const ORDER = choice({
  ...fromLabels(ORDER_TYPES.labels),
  dvpn: 'dvpn',
  dvpo: 'dvpo',
  dapn: 'dapn',
  dapo: 'dapo',
});
const CHASE = choice(fromLabels(CHASE_METHODS.labels));
const FLAG_CODES: ColumnKind = { type: 'codes', words: Object.fromEntries(FLAGS.values.map((code) => [normaliseWord(code), code])) };

const list = (kind: ColumnKind) => (kind.type === 'choice' ? [...new Set(Object.values(kind.words))].map((v) => v.replace(/_/g, ' ')).join(', ') : '');

export const WORKBOOK: SheetSpec[] = [
  {
    name: 'cases',
    required: true,
    columns: [
      { name: 'case_ref', required: true, kind: text(32), notes: 'Unique, up to 32 characters.' },
      { name: 'crn', required: false, kind: text(7), notes: 'nDelius CRN: a letter and six digits, like X123456.' },
      { name: 'plw', required: true, kind: text(64), notes: 'The worker who owns the case (added if new).' },
      { name: 'perpetrator_name', required: true, kind: text(120), notes: '' },
      { name: 'perpetrator_dob', required: false, kind: DATE, notes: 'Date.' },
      { name: 'victim_name', required: true, kind: text(120), notes: '' },
      { name: 'victim_dob', required: false, kind: DATE, notes: 'Date.' },
      { name: 'victim_phone', required: false, kind: text(40), notes: '' },
      { name: 'victim_email', required: false, kind: text(254), notes: '' },
      { name: 'victim_address', required: false, kind: text(300), notes: '' },
      { name: 'victim_postcode', required: false, kind: text(10), notes: '' },
      { name: 'no_voicemail', required: false, kind: { type: 'yesno' }, notes: 'yes or no.' },
      { name: 'no_letters', required: false, kind: { type: 'yesno' }, notes: 'yes or no.' },
      { name: 'safe_contact_notes', required: false, kind: text(2000), notes: 'Text.' },
      { name: 'ro_name', required: false, kind: text(120), notes: 'The responsible officer.' },
      { name: 'ro_email', required: false, kind: text(254), notes: '' },
      { name: 'ro_phone', required: false, kind: text(40), notes: '' },
      {
        name: 'sentence_date',
        required: true,
        kind: DATE,
        notes: 'Date of sentence. For licence and post-sentence supervision the referral is due from release_date when it is given.',
      },
      { name: 'sentence_type', required: false, kind: SENTENCE, notes: `One of: ${list(SENTENCE)}.` },
      {
        name: 'requirement',
        required: false,
        kind: REQUIREMENT,
        notes:
          'Building Choices moderate, Building Choices high, Building Choices, BBR, RAR (domestic abuse) (DA RAR is read as it), Kaizen IPV, Becoming New Me+ IPV, New Me Strengths IPV, or other.',
      },
      { name: 'referral_received_date', required: false, kind: DATE, notes: 'Date the PLW received the referral; empty if not yet.' },
      { name: 'programme_status', required: false, kind: PROGRAMME, notes: `One of: ${list(PROGRAMME)}.` },
      { name: 'programme_start_date', required: false, kind: DATE, notes: 'Date.' },
      { name: 'programme_end_date', required: false, kind: DATE, notes: 'Date.' },
      { name: 'programme_outcome', required: false, kind: OUTCOME, notes: `One of: ${list(OUTCOME)}.` },
      { name: 'risk_to_victim', required: false, kind: RISK, notes: 'low, medium, high or very high.' },
      { name: 'risk_to_children', required: false, kind: RISK, notes: 'low, medium, high or very high.' },
      { name: 'flags', required: false, kind: FLAG_CODES, notes: `nDelius register codes separated by ;, from: ${FLAGS.values.join(', ')}.` },
      { name: 'case_closed_date', required: false, kind: DATE, notes: 'Date; empty while open.' },
      // Model v2: his facts are the person's, shared by every row with his CRN (they must agree).
      { name: 'release_date', required: false, kind: DATE, notes: 'Date of release (licence start); may be in the future. Rows with one CRN must agree.' },
      { name: 'supervision_end_date', required: false, kind: DATE, notes: 'Date supervision ends; may be in the future. Rows with one CRN must agree.' },
      {
        name: 'custody_status',
        required: false,
        kind: CUSTODY,
        notes: 'One of: in custody, in the community, recalled, unlawfully at large. Rows with one CRN must agree.',
      },
      { name: 'consent_date', required: false, kind: DATE, notes: 'Date he consented to partner contact. Rows with one CRN must agree.' },
      { name: 'mappa_category', required: false, kind: MAPPA_CATEGORY, notes: '1, 2, 3 or 4. Rows with one CRN must agree.' },
      { name: 'mappa_level', required: false, kind: MAPPA_LEVEL, notes: '1, 2 or 3. Rows with one CRN must agree.' },
      { name: 'relationship', required: false, kind: RELATIONSHIP, notes: `Her relationship to him. One of: ${list(RELATIONSHIP)}.` },
      {
        name: 'engagement',
        required: false,
        kind: ENGAGEMENT,
        notes:
          'One of: not yet contacted, engaged, declined, unable to contact, no contact at all. Dated the day of the import, unless her contacts already say so.',
      },
      { name: 'sex', required: false, kind: SEX, notes: `Optional. One of: ${list(SEX)}.` },
      { name: 'ethnicity', required: false, kind: ETHNICITY, notes: 'Optional. An ONS 2021 group, as listed in the app, or prefer not to say.' },
      { name: 'disability', required: false, kind: DISABILITY, notes: 'Optional. yes, no or prefer not to say.' },
      { name: 'sexual_orientation', required: false, kind: ORIENTATION, notes: `Optional. One of: ${list(ORIENTATION)}.` },
      { name: 'welsh', required: false, kind: { type: 'yesno' }, notes: 'yes if Welsh is her preferred language.' },
    ],
  },
  {
    name: 'contacts',
    required: false,
    columns: [
      { name: 'case_ref', required: true, kind: text(32), notes: 'A case_ref from the cases sheet (or already in the app).' },
      { name: 'date', required: true, kind: DATE, notes: 'Date.' },
      { name: 'time', required: false, kind: { type: 'time' }, notes: 'HH:MM, 24-hour.' },
      { name: 'method', required: true, kind: METHOD, notes: 'letter, phone, text, email, face to face, home visit, video, via agency.' },
      {
        name: 'outcome',
        required: true,
        kind: CONTACT_OUTCOME,
        notes: 'spoke to victim, no answer, voicemail left, message sent, letter sent, declined support, unsafe to talk, wrong number, returned mail.',
      },
      { name: 'with', required: false, kind: text(120), notes: 'victim (the default), or the name of a third party.' },
      { name: 'notes', required: false, kind: text(4000), notes: 'Text.' },
    ],
  },
  {
    name: 'orders',
    required: false,
    columns: [
      { name: 'case_ref', required: true, kind: text(32), notes: 'A case_ref from the cases sheet (or already in the app).' },
      { name: 'order_ref', required: false, kind: text(40), notes: 'Unique within the case; default: its row number.' },
      {
        name: 'type',
        required: true,
        kind: ORDER,
        notes:
          'restraining order, non-molestation order, occupation order, DVPN, DVPO, DAPN, DAPO, stalking protection order, licence condition, bail condition.',
      },
      { name: 'made_date', required: true, kind: DATE, notes: 'Date.' },
      { name: 'expiry_date', required: false, kind: DATE, notes: 'Date; empty: until further order.' },
      { name: 'court', required: false, kind: text(120), notes: '' },
      { name: 'protected', required: false, kind: text(300), notes: 'victim; children; named people.' },
      { name: 'conditions', required: false, kind: text(2000), notes: 'Text.' },
    ],
  },
  {
    name: 'chases',
    required: false,
    columns: [
      { name: 'case_ref', required: true, kind: text(32), notes: 'A case_ref from the cases sheet (or already in the app).' },
      { name: 'date', required: true, kind: DATE, notes: 'Date.' },
      { name: 'to', required: false, kind: text(120), notes: 'Who was chased (usually the RO).' },
      { name: 'method', required: false, kind: CHASE, notes: 'email, phone, meeting, letter.' },
      { name: 'note', required: false, kind: text(2000), notes: 'Text.' },
    ],
  },
];

/** The template's extra sheet of notes; importing ignores it. */
export const NOTES_SHEET = 'notes';
