/**
 * Letter templates: the team's words with {{fields}} filled from the case. Pure, so
 * the preview on screen and the PDF and DOCX say exactly the same thing.
 */
import { z } from 'zod';

export const LETTER_KINDS = ['initial_contact', 'programme_start', 'programme_end', 'closing'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_LABELS: Record<LetterKind, string> = {
  initial_contact: 'Initial contact letter',
  programme_start: 'Programme start letter',
  programme_end: 'Programme end letter',
  closing: 'Closing letter',
};

export const LETTER_FIELDS = [
  'victim_name',
  'first_name',
  'worker_name',
  'role_title',
  'team_name',
  'case_ref',
  'today',
  'programme_start_date',
  'programme_end_date',
  'safe_phone',
] as const;
export type LetterField = (typeof LETTER_FIELDS)[number];

const FIELD_PATTERN = /\{\{\s*([^}]*?)\s*\}\}/g;
const isLetterField = (name: string): name is LetterField => (LETTER_FIELDS as readonly string[]).includes(name);

/** Only the listed fields: "{{constructor}}" once printed "function Object()" into a letter. */
function onlyKnownFields(text: string, ctx: z.RefinementCtx): void {
  for (const [, name] of text.matchAll(FIELD_PATTERN)) {
    if (!isLetterField(name!)) {
      ctx.addIssue({ code: 'custom', message: `{{${name}}} is not a field letters can fill. Use one of: ${LETTER_FIELDS.map((f) => `{{${f}}}`).join(', ')}` });
    }
  }
}

export const letterTemplateSchema = z.object({
  subject: z.string().trim().min(1, 'Enter a subject').max(200).superRefine(onlyKnownFields),
  body: z.string().trim().min(1, 'Enter the letter').max(10_000).superRefine(onlyKnownFields),
});
export const letterTemplatesSchema = z.object(
  Object.fromEntries(LETTER_KINDS.map((k) => [k, letterTemplateSchema])) as Record<LetterKind, typeof letterTemplateSchema>,
);
/**
 * Templates as saved by earlier versions, which allowed any {{name}}: still read and shown
 * (an unknown field prints in brackets), so a team's wording is never swapped for the defaults.
 */
const storedTemplateSchema = z.object({ subject: z.string().max(200), body: z.string().max(10_000) });
export const storedLetterTemplatesSchema = z.object(
  Object.fromEntries(LETTER_KINDS.map((k) => [k, storedTemplateSchema])) as Record<LetterKind, typeof storedTemplateSchema>,
);
export type LetterTemplates = z.infer<typeof letterTemplatesSchema>;

export const DEFAULT_LETTER_TEMPLATES: LetterTemplates = {
  initial_contact: {
    subject: 'Support while your ex-partner attends a programme',
    body: `My name is {{worker_name}} and I am the {{role_title}} for {{team_name}}. I am writing because someone you have had a relationship with has been asked by the court to take part in a programme about domestic abuse.

I would like to offer you information about the programme, and support with your safety if you would like it. Talking to me is voluntary, and nothing you tell me will be shared with him.

Please call me on {{safe_phone}} at a time that is safe for you. If you would rather not hear from us, you do not need to do anything.`,
  },
  programme_start: {
    subject: 'The programme has started',
    body: `I am writing to let you know that the programme started on {{programme_start_date}}.

If anything has changed for you, or you are worried about your safety, please contact me on {{safe_phone}}.`,
  },
  programme_end: {
    subject: 'The programme has ended',
    body: `I am writing to let you know that the programme ended on {{programme_end_date}}.

This can be a time when things change. If you are worried about your safety, or would like to talk, please contact me on {{safe_phone}}.`,
  },
  closing: {
    subject: 'Closing our contact',
    body: `I am writing to let you know that I am closing our contact with you. If you need support in the future, please contact {{team_name}}.

If you are in danger, call 999. The National Domestic Abuse Helpline is free and open 24 hours a day: 0808 2000 247.`,
  },
};

export type LetterValues = Record<LetterField, string | null>;

/** Fills {{fields}}; an unknown field or a missing value is shown in square brackets, never silently dropped. */
export function fillTemplate(text: string, values: LetterValues): string {
  return text.replace(FIELD_PATTERN, (_, name: string) => {
    // Looked up only among the listed fields, never the object's inherited properties.
    const value = isLetterField(name) ? values[name] : null;
    return value ? value : `[${name.replace(/_/g, ' ')}]`;
  });
}

export interface FilledLetter {
  recipient: string[];
  date: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  signOff: string[];
}

export function fillLetter(template: { subject: string; body: string }, values: LetterValues, recipientAddress: string): FilledLetter {
  return {
    recipient: [
      values.victim_name ?? '',
      ...recipientAddress
        .split(/\n|,\s*/)
        .map((l) => l.trim())
        .filter(Boolean),
    ],
    date: values.today ?? '',
    subject: fillTemplate(template.subject, values),
    greeting: `Dear ${values.first_name ?? values.victim_name ?? 'Sir or Madam'},`,
    paragraphs: fillTemplate(template.body, values)
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    signOff: ['Yours sincerely,', '', values.worker_name ?? '', values.role_title ?? '', values.team_name ?? ''],
  };
}
