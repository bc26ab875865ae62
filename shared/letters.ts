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
  'worker_phone',
  'role_title',
  'team_name',
  'team_phone',
  'team_address',
  'case_ref',
  'today',
  'programme_start_date',
  'programme_end_date',
  // Her own safe number: kept for a team's own templates (a letter may quote it back to her),
  // never in a default one, which would ask her to ring herself.
  'safe_phone',
] as const;
export type LetterField = (typeof LETTER_FIELDS)[number];

/** A letter is in English, or in Welsh for a victim whose preferred language is Welsh (model v2 §7). */
export type LetterLanguage = 'en' | 'cy';
/** Each kind has an English and a Welsh template: `initial_contact` and `initial_contact_cy`. */
export const TEMPLATE_KEYS = [...LETTER_KINDS, ...LETTER_KINDS.map((k) => `${k}_cy` as const)] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export const templateKey = (kind: LetterKind, language: LetterLanguage): TemplateKey => (language === 'cy' ? `${kind}_cy` : kind);

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
  Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, letterTemplateSchema])) as Record<TemplateKey, typeof letterTemplateSchema>,
);
/**
 * Templates as saved by earlier versions, which allowed any {{name}}: still read and shown
 * (an unknown field prints in brackets), so a team's wording is never swapped for the defaults.
 */
const storedTemplateSchema = z.object({ subject: z.string().max(200), body: z.string().max(10_000) });
export const storedLetterTemplatesSchema = z.object(
  Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, storedTemplateSchema])) as Record<TemplateKey, typeof storedTemplateSchema>,
);
export type LetterTemplates = z.infer<typeof letterTemplatesSchema>;

const HELPLINE_EN = 'If you are in danger, call 999. The National Domestic Abuse Helpline is free and open 24 hours a day: 0808 2000 247.';
const HELPLINE_CY =
  'Os ydych chi mewn perygl, ffoniwch 999. Mae llinell gymorth Byw Heb Ofn (Live Fear Free) am ddim ac ar agor 24 awr y dydd: 0808 80 10 800.';

/**
 * The default letters: no one's sex assumed, her own number never given as the one to ring,
 * and the first letter says what is shared and with whom. The Welsh versions (`_cy`) say the
 * same, with the Welsh helpline.
 */
export const DEFAULT_LETTER_TEMPLATES: LetterTemplates = {
  initial_contact: {
    subject: 'An offer of support',
    body: `My name is {{worker_name}} and I am the {{role_title}} for {{team_name}}. I am writing because someone you have been in a relationship with has been asked by the court to take part in a programme about domestic abuse.

I would like to offer you information about the programme, and support with your safety if you would like it. Talking to me is your choice. Nothing you tell me is shared with the person attending the programme.

What we share, and with whom: if you tell us something that means you, a child or someone else is at risk of harm, we share what is needed to keep people safe with the probation officer responsible for the programme and, where someone is at risk, with the police and children's social care. We will tell you before we do, unless that would put someone at greater risk.

You can call me on {{worker_phone}}, or the team on {{team_phone}}, at a time that is safe for you. If you would rather not hear from us, you do not need to do anything.

${HELPLINE_EN}`,
  },
  programme_start: {
    subject: 'The programme has started',
    body: `I am writing to let you know that the programme started on {{programme_start_date}}.

If anything has changed for you, or you are worried about your safety, please call me on {{worker_phone}} or the team on {{team_phone}}.`,
  },
  programme_end: {
    subject: 'The programme has ended',
    body: `I am writing to let you know that the programme ended on {{programme_end_date}}.

This can be a time when things change. If you are worried about your safety, or would like to talk, please call me on {{worker_phone}} or the team on {{team_phone}}.`,
  },
  closing: {
    subject: 'Closing our contact',
    body: `I am writing to let you know that I am closing our contact with you. If you need support in the future, please call {{team_name}} on {{team_phone}} or write to us at {{team_address}}.

${HELPLINE_EN}`,
  },
  initial_contact_cy: {
    subject: 'Cynnig cymorth',
    body: `Fy enw i yw {{worker_name}} a fi yw'r {{role_title}} ar gyfer {{team_name}}. Rwy'n ysgrifennu atoch chi oherwydd bod y llys wedi gofyn i rywun rydych chi wedi bod mewn perthynas ag ef neu â hi gymryd rhan mewn rhaglen am gam-drin domestig.

Hoffwn gynnig gwybodaeth i chi am y rhaglen, a chymorth gyda'ch diogelwch os hoffech chi hynny. Eich dewis chi yw siarad â mi. Ni fydd dim byd rydych chi'n ei ddweud wrtha i yn cael ei rannu â'r person sy'n mynychu'r rhaglen.

Beth rydyn ni'n ei rannu, a gyda phwy: os byddwch chi'n dweud rhywbeth wrthym sy'n golygu eich bod chi, plentyn neu rywun arall mewn perygl o niwed, byddwn ni'n rhannu'r hyn sydd ei angen i gadw pobl yn ddiogel â'r swyddog prawf sy'n gyfrifol am y rhaglen ac, os oes rhywun mewn perygl, â'r heddlu a gwasanaethau cymdeithasol plant. Byddwn ni'n dweud wrthych chi cyn gwneud hynny, oni bai y byddai hynny'n rhoi rhywun mewn mwy o berygl.

Gallwch chi fy ffonio i ar {{worker_phone}}, neu ffonio'r tîm ar {{team_phone}}, ar adeg sy'n ddiogel i chi. Os byddai'n well gennych chi beidio â chlywed gennym ni, does dim angen i chi wneud dim byd.

${HELPLINE_CY}`,
  },
  programme_start_cy: {
    subject: "Mae'r rhaglen wedi dechrau",
    body: `Rwy'n ysgrifennu i roi gwybod i chi fod y rhaglen wedi dechrau ar {{programme_start_date}}.

Os oes unrhyw beth wedi newid i chi, neu os ydych chi'n poeni am eich diogelwch, ffoniwch fi ar {{worker_phone}} neu'r tîm ar {{team_phone}}.`,
  },
  programme_end_cy: {
    subject: "Mae'r rhaglen wedi dod i ben",
    body: `Rwy'n ysgrifennu i roi gwybod i chi fod y rhaglen wedi dod i ben ar {{programme_end_date}}.

Gall hwn fod yn gyfnod pan fydd pethau'n newid. Os ydych chi'n poeni am eich diogelwch, neu os hoffech chi siarad, ffoniwch fi ar {{worker_phone}} neu'r tîm ar {{team_phone}}.`,
  },
  closing_cy: {
    subject: 'Cau ein cyswllt',
    body: `Rwy'n ysgrifennu i roi gwybod i chi fy mod i'n cau ein cyswllt â chi. Os bydd angen cymorth arnoch chi yn y dyfodol, ffoniwch {{team_name}} ar {{team_phone}} neu ysgrifennwch atom ni yn {{team_address}}.

${HELPLINE_CY}`,
  },
};

export type LetterValues = Record<LetterField, string | null>;

/** Fills {{fields}}; an unknown field or a missing value is shown in square brackets, never silently dropped. */
export function fillTemplate(text: string, values: LetterValues): string {
  return text.replace(FIELD_PATTERN, (_, name: string) => {
    // Looked up only among the listed fields, never the object's inherited properties.
    const value = isLetterField(name) ? values[name] : null;
    return value ? value : `[${fieldWords(name)}]`;
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

/** The fields a template names that have nothing to fill them: a letter is not made with these empty unless a reason is given. */
export function emptyFields(template: { subject: string; body: string }, values: LetterValues): LetterField[] {
  const used = new Set<LetterField>();
  for (const text of [template.subject, template.body]) for (const [, name] of text.matchAll(FIELD_PATTERN)) if (isLetterField(name!)) used.add(name!);
  return [...used].filter((name) => !values[name]?.trim());
}

export const fieldWords = (name: string) => name.replace(/_/g, ' ');

const LETTER_WORDS: Record<LetterLanguage, { dear: string; fallback: string; signOff: string }> = {
  en: { dear: 'Dear', fallback: 'Sir or Madam', signOff: 'Yours sincerely,' },
  cy: { dear: 'Annwyl', fallback: 'Syr neu Fadam', signOff: 'Yn gywir,' },
};

export function fillLetter(
  template: { subject: string; body: string },
  values: LetterValues,
  recipientAddress: string,
  language: LetterLanguage = 'en',
): FilledLetter {
  const words = LETTER_WORDS[language];
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
    greeting: `${words.dear} ${values.first_name ?? values.victim_name ?? words.fallback},`,
    paragraphs: fillTemplate(template.body, values)
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    signOff: [words.signOff, '', values.worker_name ?? '', values.role_title ?? '', values.team_name ?? ''],
  };
}
