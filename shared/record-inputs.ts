/** What a PLW records on a case after the referral: checked the same way in the form and in the core. */
import { z } from 'zod';
import { isIsoDate } from './dates';
import {
  CONTACT_DIRECTIONS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  ENGAGEMENT_STATUSES,
  IDVA_STATUSES,
  LIAISON_AGENCIES,
  ORDER_RESOLUTIONS,
  ORDER_TYPES,
  RISK_EVENT_CATEGORIES,
  SAFEGUARDING_STATUSES,
  OUTCOMES_FOR_METHOD,
  outcomeFitsMethod,
} from './reference-data';

export const tuple = <K extends string>(values: K[]) => values as unknown as readonly [K, ...K[]];
export const date = (label: string) =>
  z
    .string({ message: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isIsoDate, `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date`);
export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isIsoDate(v), `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const contactInputSchema = z
  .object({
    date: date('the date of the contact'),
    time: z
      .string()
      .trim()
      .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Enter the time as HH:MM, like 14:30')
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    method: z.enum(tuple(CONTACT_METHODS.values), { message: 'Choose how the contact was made' }),
    direction: z.enum(tuple(CONTACT_DIRECTIONS.values)).default('to_victim'),
    outcome: z.enum(tuple(CONTACT_OUTCOMES.values), { message: 'Choose the outcome' }),
    withVictim: z.boolean().default(true),
    withWhom: optionalText(120, 'With whom'),
    durationMinutes: z
      .number()
      .int('Duration must be a whole number of minutes')
      .min(0)
      .max(600, 'Duration must be 600 minutes or fewer')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    notes: optionalText(20_000, 'Notes'),
    sensitive: z.boolean().default(false),
    final: z.boolean().default(true),
    /** Needed when the contact breaks a safe-contact rule: why it was right to go ahead. */
    overrideReason: optionalText(500, 'The reason'),
  })
  .superRefine((value, ctx) => {
    if (!value.withVictim && !value.withWhom) ctx.addIssue({ code: 'custom', path: ['withWhom'], message: 'Enter who the contact was with' });
    // The same rule the form's outcome list follows (and the demo): nobody is spoken to by letter.
    if (!outcomeFitsMethod(value.method, value.outcome)) {
      const fits = OUTCOMES_FOR_METHOD[value.method].map((o) => CONTACT_OUTCOMES.labels[o].toLowerCase());
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: `A ${CONTACT_METHODS.labels[value.method].toLowerCase()} cannot have that outcome: choose ${fits.slice(0, -1).join(', ')} or ${fits.at(-1)}`,
      });
    }
  });
export type ContactInput = z.input<typeof contactInputSchema>;
export type ContactFields = z.output<typeof contactInputSchema>;

export const safeProfileSchema = z.object({
  safePhone: optionalText(40, 'Safe phone'),
  safeEmail: optionalText(254, 'Safe email'),
  safeAddress: optionalText(300, 'Safe address'),
  safeTimes: optionalText(300, 'Safe times'),
  preferredLanguage: optionalText(60, 'Preferred language'),
  interpreterNeeded: z.boolean().default(false),
  accessNeeds: optionalText(500, 'Access needs'),
  noVoicemail: z.boolean().default(false),
  noLetters: z.boolean().default(false),
  noTexts: z.boolean().default(false),
  doNotContactVia: optionalText(120, 'Do not contact via'),
  doNotContactViaAbout: optionalText(120, 'Who they are'),
  safeContactNotes: optionalText(2000, 'Safe contact notes'),
});
export type SafeProfile = z.output<typeof safeProfileSchema>;

export const orderInputSchema = z
  .object({
    orderRef: z.string().trim().min(1, 'Enter a reference for the order').max(40, 'Order reference must be 40 characters or fewer'),
    orderType: z.enum(tuple(ORDER_TYPES.values), { message: 'Choose the type of order' }),
    madeDate: date('the date the order was made'),
    expiryDate: optionalDate('the expiry date'),
    court: optionalText(120, 'Court'),
    protectedPeople: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
    conditions: optionalText(4000, 'Conditions'),
    exclusionZones: optionalText(2000, 'Exclusion zones'),
    aware: z.array(z.enum(['ro', 'police'])).default([]),
  })
  .superRefine((value, ctx) => {
    if (value.expiryDate && value.expiryDate < value.madeDate)
      ctx.addIssue({ code: 'custom', path: ['expiryDate'], message: 'The expiry date must be the same as or after the date the order was made' });
  });
export type OrderInput = z.input<typeof orderInputSchema>;

export const breachInputSchema = z.object({
  date: date('the date of the breach'),
  what: z.string().trim().min(1, 'Say what happened').max(4000),
  reportedTo: optionalText(200, 'Reported to'),
});

export const orderResolutionSchema = z.object({
  resolution: z.enum(tuple(ORDER_RESOLUTIONS.values), { message: 'Choose renewed, replaced or reviewed' }),
  date: date('the date'),
});

export const riskEventInputSchema = z.object({
  date: date('the date of the risk event'),
  category: z.enum(tuple(RISK_EVENT_CATEGORIES.values), { message: 'Choose what happened' }),
  description: optionalText(4000, 'Description'),
});

export const liaisonInputSchema = z.object({
  date: date('the date it was shared'),
  agency: z.enum(tuple(LIAISON_AGENCIES.values), { message: 'Choose who it was shared with' }),
  sharedWith: optionalText(120, 'Name'),
  method: optionalText(60, 'How'),
  what: optionalText(4000, 'What was shared'),
  riskEventId: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const childInputSchema = z
  .object({
    name: z.string().trim().min(1, "Enter the child's name").max(120),
    dateOfBirth: optionalDate("the child's date of birth"),
    ageYears: z
      .number()
      .int()
      .min(0, 'Age must be 0 or more')
      .max(25, 'Age must be 25 or less')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    relationshipToVictim: optionalText(60, 'Relationship to the victim'),
    relationshipToPerpetrator: optionalText(60, 'Relationship to the perpetrator'),
    livingWith: optionalText(120, 'Living with'),
    safeguardingStatus: z.enum(tuple(SAFEGUARDING_STATUSES.values)).default('none'),
    socialWorker: optionalText(120, 'Social worker'),
    socialWorkerContact: optionalText(200, "Social worker's contact"),
    notes: optionalText(4000, 'Notes'),
  })
  .superRefine((value, ctx) => {
    if (!value.dateOfBirth && value.ageYears === null) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter a date of birth or an age' });
  });

/** The IDVA referral. (MARAC referrals and DASH assessments are records of their own: agency-inputs.ts.) */
export const idvaInputSchema = z.object({
  idvaStatus: z
    .enum(tuple(IDVA_STATUSES.values))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  idvaReferralDate: optionalDate('the IDVA referral date'),
});

/** Her engagement set by hand (docs/model.md); contacts set it by their outcome. */
export const engagementInputSchema = z.object({
  status: z.enum(tuple(ENGAGEMENT_STATUSES.values), { message: 'Choose her engagement' }),
  date: date('the date'),
  reason: optionalText(500, 'The reason'),
});

/** Linking two cases' perpetrators by hand: the other case by its reference. */
export const linkPeopleInputSchema = z.object({
  otherCaseRef: z.string().trim().min(1, 'Enter the reference of the other case').max(32, 'Case reference must be 32 characters or fewer'),
});
