/**
 * What a person (or a workbook row) gives to create or edit a case, checked the
 * same way everywhere: the New case form, the import, and the core.
 */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { tidyName } from './person-names';
import {
  CRN_PATTERN,
  CUSTODY_STATUSES,
  DISABILITIES,
  ETHNICITIES,
  FLAGS,
  MAPPA_CATEGORIES,
  MAPPA_LEVELS,
  PROGRAMME_OUTCOMES,
  PROGRAMME_STATUSES,
  RELATIONSHIPS,
  REQUIREMENTS,
  RISK_LEVELS,
  SENTENCE_TYPES,
  SEXES,
  SEXUAL_ORIENTATIONS,
} from './reference-data';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const date = (label: string) =>
  z
    .string({ message: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine((v) => isIsoDate(v), `${capitalise(label)} must be a real date`);

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isIsoDate(v), `${capitalise(label)} must be a real date`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .enum(values, { message })
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const tuple = <K extends string>(values: K[]) => values as unknown as readonly [K, ...K[]];

export const CASE_REF_MAX = 32;

export const caseInputSchema = z
  .object({
    caseRef: z
      .string()
      .trim()
      .max(CASE_REF_MAX, `Case reference must be ${CASE_REF_MAX} characters or fewer`)
      .regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]*$|^$/, 'Case reference can only use letters, numbers, hyphens, slashes, dots and underscores')
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    // Names are tidied as everywhere else (shared/person-names): "priya  shah" is Priya Shah's case.
    ownerName: z
      .string()
      .transform(tidyName)
      .pipe(z.string().min(1, 'Choose the worker who owns the case').max(64, 'Worker name must be 64 characters or fewer')),

    victimName: z.string().transform(tidyName).pipe(z.string().min(1, "Enter the victim's name").max(120, "Victim's name must be 120 characters or fewer")),
    victimDob: optionalDate("the victim's date of birth"),
    victimPhone: optionalText(40, 'Phone number').refine((v) => v === null || /^[0-9 +()-]{6,}$/.test(v), 'Enter a phone number, like 07700 900 982'),
    victimEmail: optionalText(254, 'Email address').refine(
      (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
      'Enter an email address in the correct format, like name@example.com',
    ),
    victimAddress: optionalText(300, 'Address'),
    victimPostcode: optionalText(10, 'Postcode').refine(
      (v) => v === null || /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$/.test(v),
      'Enter a real postcode, like BB4 7QZ',
    ),
    noVoicemail: z.boolean().default(false),
    noLetters: z.boolean().default(false),
    safeContactNotes: optionalText(2000, 'Safe contact notes'),
    // Model v2 §1: her relationship to him, and the optional equality fields.
    relationship: optionalEnum(tuple(RELATIONSHIPS.values), 'Choose her relationship to him from the list'),
    sex: optionalEnum(tuple(SEXES.values), 'Choose sex from the list'),
    ethnicity: optionalEnum(tuple(ETHNICITIES.values), 'Choose an ethnic group from the list'),
    disability: optionalEnum(tuple(DISABILITIES.values), 'Choose yes, no or prefer not to say'),
    sexualOrientation: optionalEnum(tuple(SEXUAL_ORIENTATIONS.values), 'Choose a sexual orientation from the list'),
    welshLanguage: z.boolean().default(false),

    perpetratorName: z
      .string()
      .transform(tidyName)
      .pipe(z.string().min(1, "Enter the perpetrator's name").max(120, "Perpetrator's name must be 120 characters or fewer")),
    crn: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => v === '' || CRN_PATTERN.test(v), 'CRN must be a letter followed by six digits, like X123456')
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    perpetratorDob: optionalDate("the perpetrator's date of birth"),
    /** Open the case for a person already on record (a linked case), whatever his CRN. */
    perpetratorId: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    // Model v2 §1: held on the person, shared by every case that names him.
    consentGivenDate: optionalDate('the date he consented to partner contact'),
    consentWithdrawnDate: optionalDate('the date he withdrew consent'),
    custodyStatus: optionalEnum(tuple(CUSTODY_STATUSES.values), 'Choose a custody status from the list'),
    custodyStatusDate: optionalDate('the custody status date'),
    releaseDate: optionalDate('the release date'),
    supervisionEndDate: optionalDate('the supervision end date'),
    mappaCategory: optionalEnum(tuple(MAPPA_CATEGORIES.values), 'Choose a MAPPA category from the list'),
    mappaLevel: optionalEnum(tuple(MAPPA_LEVELS.values), 'Choose a MAPPA level from the list'),

    roName: optionalText(120, "RO's name"),
    roEmail: optionalText(254, "RO's email").refine(
      (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
      "Enter the RO's email address in the correct format",
    ),
    roPhone: optionalText(40, "RO's phone"),
    roOffice: optionalText(120, "RO's office"),

    sentenceDate: date('the sentence date'),
    sentenceType: optionalEnum(tuple(SENTENCE_TYPES.values), 'Choose a sentence type from the list'),
    requirement: optionalEnum(tuple(REQUIREMENTS.values), 'Choose a requirement from the list'),
    referralReceivedDate: optionalDate('the referral received date'),
    referralSource: optionalText(120, 'Referral source'),

    programmeStatus: optionalEnum(tuple(PROGRAMME_STATUSES.values), 'Choose a programme status from the list'),
    programmeStartDate: optionalDate('the programme start date'),
    programmeEndDate: optionalDate('the programme end date'),
    programmeOutcome: optionalEnum(tuple(PROGRAMME_OUTCOMES.values), 'Choose a programme outcome from the list'),

    riskToVictim: optionalEnum(tuple(RISK_LEVELS.values), 'Choose a risk level'),
    riskToChildren: optionalEnum(tuple(RISK_LEVELS.values), 'Choose a risk level'),
    flags: z.array(z.enum(tuple(FLAGS.values), { message: 'Choose flags from the list' })).default([]),
    closedDate: optionalDate('the case closed date'),
    /** Its office (PDU). Left out (an import, an older form): unchanged, or a new case takes its creator's office. */
    officeId: z.number().int().positive().nullable().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.programmeStartDate && value.programmeEndDate && value.programmeEndDate < value.programmeStartDate) {
      ctx.addIssue({ code: 'custom', path: ['programmeEndDate'], message: 'Programme end date must be the same as or after the start date' });
    }
    if (value.programmeOutcome && !value.programmeEndDate) {
      ctx.addIssue({ code: 'custom', path: ['programmeEndDate'], message: 'Enter the programme end date for the outcome' });
    }
    if (value.consentWithdrawnDate && value.consentGivenDate && value.consentWithdrawnDate < value.consentGivenDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['consentWithdrawnDate'],
        message: 'The date consent was withdrawn must be the same as or after the date it was given',
      });
    }
    if (value.releaseDate && value.supervisionEndDate && value.supervisionEndDate < value.releaseDate) {
      ctx.addIssue({ code: 'custom', path: ['supervisionEndDate'], message: 'The supervision end date must be the same as or after the release date' });
    }
    if (value.closedDate && value.closedDate < value.sentenceDate) {
      ctx.addIssue({ code: 'custom', path: ['closedDate'], message: 'Case closed date must be the same as or after the sentence date' });
    }
  });

export type CaseInput = z.input<typeof caseInputSchema>;
export type CaseFields = z.output<typeof caseInputSchema>;
