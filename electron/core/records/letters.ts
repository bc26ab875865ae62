/**
 * Letters: the team's templates filled from the case, written as PDF (PDFKit) or
 * DOCX (docx) only to the place the person chose. A letter to a victim for whom
 * letters are unsafe (or who has no safe address) is refused unless a reason is
 * given, and that override is audited. Sending is confirmed separately and then
 * logged as a "letter sent" contact.
 */
import type { z } from 'zod';
import { contactInputSchema } from '../../../shared/record-inputs';
import { DISK, type FileSink } from '../files/file-sink';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import {
  DEFAULT_LETTER_TEMPLATES,
  emptyFields,
  fieldWords,
  fillLetter,
  LETTER_LABELS,
  letterTemplatesSchema,
  storedLetterTemplatesSchema,
  templateKey,
  type FilledLetter,
  type LetterField,
  type LetterKind,
  type LetterLanguage,
  type LetterTemplates,
  type LetterValues,
} from '../../../shared/letters';
import { roleTitleWords } from '../../../shared/role-title';
import { formatDateLong, formatDateLongWelsh } from '../../../shared/uk-dates';
import { workerForAccount } from '../cases/workers';
import { letterFont } from './letter-fonts';
import { recordAudit } from '../audit';
import type { WriteContext } from '../cases/case-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { readSettings } from '../team/settings';
import { checkSafeContact, logContactRecord } from './contacts';

const KEY = 'letterTemplates';

export function readLetterTemplates(db: Db): LetterTemplates {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_LETTER_TEMPLATES;
  const parsed = storedLetterTemplatesSchema.safeParse({ ...DEFAULT_LETTER_TEMPLATES, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_LETTER_TEMPLATES;
}

export function writeLetterTemplates(ctx: WriteContext, input: z.output<typeof letterTemplatesSchema>): void {
  const templates = input;
  ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(templates));
  recordAudit(ctx.db, ctx.actor, { action: 'letters.templates-updated' }, ctx.now);
}

export interface PreparedLetter {
  letter: FilledLetter;
  language: LetterLanguage;
  /** Fields the template names that have nothing to fill them. */
  empty: LetterField[];
  safeAddressKnown: boolean;
}

/** The case's letter of this kind, in her language, with the fields it would leave empty. */
export function filledLetter(ctx: WriteContext, caseId: number, kind: LetterKind): PreparedLetter {
  const row = ctx.db
    .prepare(
      `SELECT c.case_ref, c.programme_start_date, c.programme_end_date, v.name, v.safe_address, v.safe_phone, v.welsh_language
       FROM cases c JOIN victims v ON v.id = c.victim_id WHERE c.id = ?`,
    )
    .get(caseId) as
    | {
        case_ref: string;
        programme_start_date: string | null;
        programme_end_date: string | null;
        name: string;
        safe_address: string | null;
        safe_phone: string | null;
        welsh_language: number;
      }
    | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const settings = readSettings(ctx.db);
  const language: LetterLanguage = row.welsh_language === 1 ? 'cy' : 'en';
  const date = language === 'cy' ? formatDateLongWelsh : formatDateLong;
  const worker = workerForAccount(ctx.db, ctx.actor);
  const workerPhone = worker === null ? null : (ctx.db.prepare('SELECT phone FROM workers WHERE id = ?').pluck().get(worker) as string | null);
  const values: LetterValues = {
    victim_name: row.name,
    first_name: row.name.split(/\s+/)[0] ?? row.name,
    worker_name: ctx.actor,
    worker_phone: workerPhone,
    role_title: roleTitleWords(settings.roleTitle, language),
    team_name: settings.teamName,
    team_phone: settings.teamPhone || null,
    team_address: settings.teamAddress || null,
    case_ref: row.case_ref,
    today: date(ctx.now.toISOString().slice(0, 10)),
    programme_start_date: row.programme_start_date ? date(row.programme_start_date) : null,
    programme_end_date: row.programme_end_date ? date(row.programme_end_date) : null,
    safe_phone: row.safe_phone,
  };
  const template = readLetterTemplates(ctx.db)[templateKey(kind, language)];
  return {
    letter: fillLetter(template, values, row.safe_address ?? '', language),
    language,
    empty: emptyFields(template, values),
    safeAddressKnown: row.safe_address !== null,
  };
}

export function renderPdf(letter: FilledLetter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 72, right: 72 }, info: { Title: letter.subject, Author: '' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // An embedded font with every Welsh letter (ŵ and ŷ are not in the PDF standard fonts).
    doc.registerFont('letter', letterFont('regular'));
    doc.registerFont('letter-bold', letterFont('bold'));
    doc.font('letter').fontSize(11);
    for (const line of letter.recipient) doc.text(line);
    doc.moveDown().text(letter.date, { align: 'right' }).moveDown();
    doc.font('letter-bold').text(letter.subject).font('letter').moveDown();
    doc.text(letter.greeting).moveDown();
    for (const paragraph of letter.paragraphs) doc.text(paragraph, { align: 'left' }).moveDown();
    for (const line of letter.signOff) doc.text(line || ' ');
    doc.end();
  });
}

export function renderDocx(letter: FilledLetter): Promise<Buffer> {
  const line = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold, font: 'Arial', size: 22 })] });
  const gap = () => new Paragraph({ children: [] });
  const doc = new Document({
    creator: 'Partner Link Tracker',
    title: letter.subject,
    sections: [
      {
        children: [
          ...letter.recipient.map((l) => line(l)),
          gap(),
          line(letter.date),
          gap(),
          line(letter.subject, true),
          gap(),
          line(letter.greeting),
          gap(),
          ...letter.paragraphs.flatMap((p) => [line(p), gap()]),
          ...letter.signOff.map((l) => line(l)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Writes the letter to the chosen path after the safe-contact check. Nothing is logged as sent yet. */
export async function generateLetter(
  ctx: WriteContext,
  caseId: number,
  kind: LetterKind,
  format: 'pdf' | 'docx',
  reasons: { overrideReason: string | null; emptyFieldReason: string | null },
  choosePath: (suggestedName: string) => Promise<string | null>,
  files: FileSink = DISK,
): Promise<{ savedAs: string | null }> {
  const overridden = checkSafeContact(ctx.db, caseId, { method: 'letter' }, reasons.overrideReason);
  const { letter, empty, language } = filledLetter(ctx, caseId, kind);
  // A letter with a gap ("[worker phone]") is made only when someone says why (model v2 §7).
  if (empty.length && !reasons.emptyFieldReason)
    throw new PlwError(
      'VALIDATION',
      `This letter has nothing to put in ${empty.map(fieldWords).join(', ')}. Fill ${empty.length === 1 ? 'it' : 'them'} in (Settings), or say why the letter should be made without.`,
      'emptyFieldReason',
    );
  const caseRef = (ctx.db.prepare('SELECT case_ref FROM cases WHERE id = ?').get(caseId) as { case_ref: string }).case_ref;
  const path = await choosePath(`${caseRef}-${kind.replace(/_/g, '-')}.${format}`);
  if (!path) return { savedAs: null };
  files.write(path, format === 'pdf' ? await renderPdf(letter) : await renderDocx(letter), { private: true });
  if (overridden.length)
    recordAudit(ctx.db, ctx.actor, { action: 'safe-contact.overridden', entityType: 'letter', caseId, detail: { rules: overridden, letter: kind } }, ctx.now);
  if (empty.length)
    recordAudit(
      ctx.db,
      ctx.actor,
      { action: 'letter.made-with-empty-fields', entityType: 'letter', caseId, detail: { letter: kind, fields: empty, reason: reasons.emptyFieldReason } },
      ctx.now,
    );
  recordAudit(
    ctx.db,
    ctx.actor,
    { action: 'letter.generated', entityType: 'case', entityId: caseId, caseId, detail: { letter: kind, format, language } },
    ctx.now,
  );
  return { savedAs: path.split(/[\\/]/).pop() ?? path };
}

/** The person confirms the letter went: logged as a contact attempt (method letter, outcome letter sent). */
export function confirmLetterSent(ctx: WriteContext, caseId: number, kind: LetterKind, date: string, overrideReason: string | null): number {
  // Built here, so checked here: the contact's defaults (direction, with the victim…) filled in.
  return logContactRecord(
    ctx,
    caseId,
    contactInputSchema.parse({ date, method: 'letter', outcome: 'letter_sent', notes: `${LETTER_LABELS[kind]} sent.`, overrideReason }),
  );
}
