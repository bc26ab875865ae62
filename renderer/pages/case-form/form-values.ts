/** The New case / Edit case form's values: empty, from a case, for a linked case, and as the schema takes them. */
import type { CaseInput } from '../../../shared/case-input';
import type { CaseDetail } from '../../../shared/case-views';
import type { CaseForm as Form } from './form-types';

const EMPTY: Form = {
  caseRef: '',
  ownerName: '',
  victimName: '',
  victimDob: '',
  victimPhone: '',
  victimEmail: '',
  victimAddress: '',
  victimPostcode: '',
  noVoicemail: false,
  noLetters: false,
  safeContactNotes: '',
  relationship: '' as never,
  sex: '' as never,
  ethnicity: '' as never,
  disability: '' as never,
  sexualOrientation: '' as never,
  welshLanguage: false,
  perpetratorName: '',
  crn: '',
  perpetratorDob: '',
  perpetratorId: 0,
  consentGivenDate: '',
  consentWithdrawnDate: '',
  custodyStatus: '' as never,
  custodyStatusDate: '',
  releaseDate: '',
  supervisionEndDate: '',
  mappaCategory: '' as never,
  mappaLevel: '' as never,
  roName: '',
  roEmail: '',
  roPhone: '',
  roOffice: '',
  sentenceDate: '',
  sentenceType: 'community_order',
  requirement: 'bbr',
  referralReceivedDate: '',
  referralSource: '',
  programmeStatus: 'awaiting_assessment',
  programmeStartDate: '',
  programmeEndDate: '',
  programmeOutcome: 'completed',
  riskToVictim: 'medium',
  riskToChildren: 'medium',
  flags: [],
  closedDate: '',
  // 0: not chosen (a new case then starts in its creator's office); '' once loaded: no office.
  officeId: 0,
};

/** A new form: every choice empty ("Not known") until the person picks one. */
export const BLANK_CHOICES: Form = {
  ...EMPTY,
  sentenceType: '' as never,
  requirement: '' as never,
  programmeStatus: '' as never,
  programmeOutcome: '' as never,
  riskToVictim: '' as never,
  riskToChildren: '' as never,
};

export function fromDetail(detail: CaseDetail): Form {
  const f = detail.fields;
  const text = (v: string | null) => v ?? '';
  return {
    ...EMPTY,
    ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === null ? '' : v])),
    sentenceType: f.sentenceType ?? ('' as never),
    requirement: f.requirement ?? ('' as never),
    programmeStatus: f.programmeStatus ?? ('' as never),
    programmeOutcome: f.programmeOutcome ?? ('' as never),
    riskToVictim: f.riskToVictim ?? ('' as never),
    riskToChildren: f.riskToChildren ?? ('' as never),
    ownerName: text(f.ownerName),
    welshLanguage: f.welshLanguage,
    perpetratorId: f.perpetratorId,
  } as Form;
}

/** The form's values as the schema takes them: empty choices become "not known". */
const KEEP_BLANK = new Set(['caseRef', 'crn', 'ownerName', 'victimName', 'perpetratorName', 'sentenceDate']);

export function toInput(form: Form): CaseInput {
  const { officeId, ...rest } = form;
  return {
    ...(Object.fromEntries(
      Object.entries(rest).map(([k, v]) => [k, (v === '' && !KEEP_BLANK.has(k)) || (k === 'perpetratorId' && v === 0) ? null : v]),
    ) as CaseInput),
    ...(officeId === 0 ? {} : { officeId: (officeId as number | '') === '' ? null : officeId }),
  };
}

/**
 * A new partner disclosed on another case (docs/model.md): the same perpetrator, his sentence
 * and RO, her relationship "new partner", and the referral received the day of the disclosure.
 */
export function linkedPrefill(from: CaseDetail, disclosed: string): Form {
  const f = fromDetail(from);
  const keep = [
    'perpetratorName',
    'crn',
    'perpetratorDob',
    'perpetratorId',
    'consentGivenDate',
    'consentWithdrawnDate',
    'custodyStatus',
    'custodyStatusDate',
    'releaseDate',
    'supervisionEndDate',
    'mappaCategory',
    'mappaLevel',
    'roName',
    'roEmail',
    'roPhone',
    'roOffice',
    'sentenceDate',
    'sentenceType',
    'requirement',
    'programmeStatus',
    'ownerName',
  ] as const;
  const form: Form = { ...BLANK_CHOICES };
  for (const key of keep) (form as Record<string, unknown>)[key] = f[key];
  return { ...form, relationship: 'new_partner', referralReceivedDate: disclosed, referralSource: `Disclosed on case ${from.caseRef}` };
}
