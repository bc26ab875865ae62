/**
 * Subject access: everything held about one victim's case, for a subject access
 * request, as JSON (complete) and PDF (readable). Written only where the person
 * chooses, and audited by the caller.
 */
import PDFDocument from 'pdfkit';
import { formatDateLong } from '../../../shared/uk-dates';
import { getCaseDetail } from '../cases/queries';
import type { Db } from '../db/open-database';
import { listChildren } from './children';
import { listContacts } from './contacts';
import { listOrders } from './orders';
import { listRiskAndLiaison } from './risk';
import { readSafeProfile } from './safety';
import { caseTimeline } from './timeline';
import { readAgencies } from './agencies';
import { readSafetyPlan } from './safety-plan';
import { readTimerRules } from '../cases/timer-settings';
import { readSettings } from '../team/settings';

export function subjectAccessRecord(db: Db, caseId: number, asOf: string, generatedBy: string) {
  // Her record, not other victims': his other cases, and who else he may be, stay out of it.
  const { linkedCases: _linked, linkCandidates: _candidates, ...detail } = getCaseDetail(db, caseId, asOf);
  return {
    format: 'partner-link-tracker-subject-access',
    version: 1,
    generated_at: new Date().toISOString(),
    generated_by: generatedBy,
    case: detail,
    safe_contact: readSafeProfile(db, caseId),
    contacts: listContacts(db, caseId, { includeDeleted: false, hideSensitiveNotes: false }),
    letters_sent: listContacts(db, caseId, { includeDeleted: false, hideSensitiveNotes: false }).filter(
      (c) => c.method === 'letter' && c.outcome === 'letter_sent',
    ),
    orders: listOrders(db, caseId),
    children: listChildren(db, caseId),
    risk: listRiskAndLiaison(db, caseId),
    agencies: herAgencyRecords(db, caseId, asOf),
    safety_plan: (({ items, reviews }) => ({ items, reviews }))(readSafetyPlan(db, caseId, asOf, readTimerRules(db))),
    timeline: caseTimeline(db, caseId, { hideSensitiveNotes: false, linkedCases: false }),
  };
}

/**
 * Her DASH answers, MARAC referrals, Clare's Law applications, VLO and the checks made for her.
 * Not his MAPPA details, nor what police or children's social care said about him: those are
 * other people's data, disclosed (or not) by the agency that holds them.
 */
function herAgencyRecords(db: Db, caseId: number, asOf: string) {
  const { dash, maracReferrals, dvds, vlo, checks } = readAgencies(db, caseId, asOf, readSettings(db).dashMaracThreshold);
  return { dash, maracReferrals, dvds, vlo, checks: checks.map(({ replySummary: _reply, ...check }) => check) };
}

export function subjectAccessPdf(record: ReturnType<typeof subjectAccessRecord>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 50, left: 50, right: 50 }, info: { Title: 'Subject access record' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const f = record.case.fields;
    doc.font('Helvetica-Bold').fontSize(16).text(`Record held about ${f.victimName}`);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`Case ${record.case.caseRef}. Prepared ${formatDateLong(record.generated_at.slice(0, 10))} by ${record.generated_by}.`)
      .moveDown();
    const section = (title: string) => doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(title).font('Helvetica').fontSize(10);
    section('Personal details');
    for (const [label, value] of [
      ['Name', f.victimName],
      ['Date of birth', f.victimDob],
      ['Phone', f.victimPhone],
      ['Email', f.victimEmail],
      ['Address', f.victimAddress],
      ['Postcode', f.victimPostcode],
    ] as const) {
      doc.text(`${label}: ${value ?? 'not recorded'}`);
    }
    section('Safe contact');
    const s = record.safe_contact;
    doc.text(
      [
        s.noVoicemail ? 'No voicemail.' : '',
        s.noLetters ? 'No letters.' : '',
        s.noTexts ? 'No texts.' : '',
        s.safeAddress ? `Safe address: ${s.safeAddress}.` : '',
        s.safeTimes ? `Safe times: ${s.safeTimes}.` : '',
      ]
        .filter(Boolean)
        .join(' ') || 'Nothing recorded.',
    );
    section('Children');
    doc.text(record.children.map((c) => c.name).join(', ') || 'None recorded.');
    if (record.safety_plan.items.length) {
      section('Safety plan');
      for (const item of record.safety_plan.items)
        doc.text(`${item.risk}: ${item.action} (${item.who}${item.byWhen ? `, by ${formatDateLong(item.byWhen)}` : ''})`);
    }
    section('Everything on the case, newest first');
    for (const e of record.timeline) {
      if (doc.y > doc.page.height - 80) doc.addPage();
      doc
        .font('Helvetica-Bold')
        .text(`${formatDateLong(e.date)}${e.time ? ` ${e.time}` : ''}: ${e.title}`, { continued: false })
        .font('Helvetica');
      if (e.detail) doc.text(e.detail);
    }
    doc.end();
  });
}
