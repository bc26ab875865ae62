/**
 * The printable A4 summary: a header saying period, scope, when and by whom; the
 * team's figures; the 12-month trend as bar charts drawn with PDFKit; the per-worker
 * table. Worker names and numbers only.
 */
import PDFDocument from 'pdfkit';
import { FIGURES, TREND_FIGURES } from '../../../shared/report-definitions';
import { formatDateLong } from '../../../shared/uk-dates';
import type { ExportMeta } from './export-summary';
import type { Summary } from './summary';
import { categoryLabel, EQUALITY_DIMENSION_LABELS, EQUALITY_DIMENSIONS, exportedCount } from '../../../shared/equality-words';

const BLUE = '#1d70b8';
const RED = '#d4351c';
const GREY = '#505a5f';

const show = (v: number | null | undefined, key: string) =>
  v === null || v === undefined ? 'None' : key.endsWith('_pct') ? `${v}%` : v.toLocaleString('en-GB');

export function summaryPdf(summary: Summary, meta: ExportMeta): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 50, left: 50, right: 50 },
      info: { Title: `${meta.team}: workload and timeliness`, Author: meta.generatedBy },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const width = doc.page.width - 100;

    doc.font('Helvetica-Bold').fontSize(18).text(`${meta.team}: workload and timeliness`);
    doc.font('Helvetica').fontSize(11).fillColor(GREY);
    doc.text(`${summary.scope}, ${formatDateLong(summary.period.from)} to ${formatDateLong(summary.period.to)}`);
    doc.text(
      `Generated ${new Date(meta.generatedAt).toLocaleString('en-GB', { timeZone: 'Europe/London' })} by ${meta.generatedBy}. Worker names and numbers only.`,
    );
    doc.fillColor('black').moveDown();

    doc.font('Helvetica-Bold').fontSize(13).text('Figures for the team').font('Helvetica').fontSize(10).moveDown(0.3);
    for (const f of FIGURES) {
      const y = doc.y;
      doc.text(f.label, 50, y, { width: width - 90 });
      doc.text(show(summary.team[f.key], f.key), 50 + width - 80, y, { width: 80, align: 'right' });
      doc
        .moveTo(50, doc.y + 2)
        .lineTo(50 + width, doc.y + 2)
        .strokeColor('#b1b4b6')
        .lineWidth(0.5)
        .stroke();
      doc.moveDown(0.3);
    }

    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(13).fillColor('black').text('The last 12 months');
    barChart(
      doc,
      'Referrals received (blue) and received late (red)',
      summary.trend.map((t) => ({ label: t.month.slice(2), values: [t.new_referrals ?? 0, t.referrals_late ?? 0] })),
      [BLUE, RED],
      width,
    );
    barChart(
      doc,
      'First contacts on time (%)',
      summary.trend.map((t) => ({ label: t.month.slice(2), values: [t.first_contacts_on_time_pct ?? 0] })),
      ['#00703c'],
      width,
      100,
    );
    barChart(
      doc,
      'Victims offered support',
      summary.trend.map((t) => ({ label: t.month.slice(2), values: [t.victims_offered_support ?? 0] })),
      ['#4c2c92'],
      width,
    );
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(GREY)
      .text(`Month by month: ${TREND_FIGURES.map((t) => t.label).join(', ')}.`, 50)
      .fillColor('black');

    if (summary.workers.length) {
      doc.addPage();
      doc.font('Helvetica-Bold').fontSize(13).text('By worker');
      doc.font('Helvetica').fontSize(9).moveDown(0.3);
      const keys = ['open_caseload', 'new_referrals', 'referrals_late', 'first_contacts_on_time_pct', 'victims_offered_support', 'overdue_timers'] as const;
      const colWidth = (width - 150) / keys.length;
      const header = doc.y;
      doc.font('Helvetica-Bold').text('Worker', 50, header, { width: 150 });
      keys.forEach((k, i) => doc.text(FIGURES.find((f) => f.key === k)!.label, 200 + i * colWidth, header, { width: colWidth - 4, align: 'right' }));
      doc.font('Helvetica').moveDown(0.5);
      for (const w of summary.workers) {
        if (doc.y > doc.page.height - 80) doc.addPage();
        const y = doc.y;
        doc.text(w.worker, 50, y, { width: 150 });
        keys.forEach((k, i) => doc.text(show(w[k], k), 200 + i * colWidth, y, { width: colWidth - 4, align: 'right' }));
        doc.moveDown(0.2);
      }
    }
    if (summary.equality) {
      doc.addPage();
      doc.font('Helvetica-Bold').fontSize(13).fillColor('black').text('Who the team reached');
      doc.font('Helvetica').fontSize(9).fillColor(GREY).text('Victims offered support and engaged in the period. Counts below 5 are shown as "fewer than 5".');
      doc.fillColor('black').moveDown(0.5);
      const rows = equalityPdfRows(summary.equality);
      for (const [i, row] of rows.entries()) {
        if (doc.y > doc.page.height - 80) doc.addPage();
        const y = doc.y;
        doc.font(i === 0 || row[1] === '' ? 'Helvetica-Bold' : 'Helvetica');
        doc.text(row[0]!, 50, y, { width: 200 });
        doc.text(row[1]!, 260, y, { width: 120, align: 'right' });
        doc.text(row[2]!, 390, y, { width: 120, align: 'right' });
        doc.moveDown(0.2);
      }
    }
    doc.end();
  });
}

/** The breakdowns as printed: a heading row per characteristic, then its groups (suppressed below 5). */
function equalityPdfRows(equality: NonNullable<Summary['equality']>): string[][] {
  const shown = (n: number) => String(exportedCount(n));
  return [
    ['', 'Offered support', 'Engaged'],
    ...EQUALITY_DIMENSIONS.flatMap((d) => [
      [EQUALITY_DIMENSION_LABELS[d], '', ''],
      ...Object.keys(equality.offered[d])
        .sort()
        .map((c) => [`  ${categoryLabel(d, c)}`, shown(equality.offered[d][c] ?? 0), shown(equality.engaged[d][c] ?? 0)]),
    ]),
  ];
}

function barChart(doc: PDFKit.PDFDocument, title: string, bars: { label: string; values: number[] }[], colours: string[], width: number, fixedMax?: number) {
  const height = 150;
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text(title, 50);
  const top = doc.y + 6;
  const max = fixedMax ?? Math.max(1, ...bars.flatMap((b) => b.values));
  const slot = width / bars.length;
  const barWidth = (slot * 0.8) / colours.length;
  doc
    .strokeColor('#b1b4b6')
    .lineWidth(0.5)
    .moveTo(50, top + height)
    .lineTo(50 + width, top + height)
    .stroke();
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor(GREY)
    .text(String(max), 52, top - 2);
  bars.forEach((bar, i) => {
    bar.values.forEach((value, j) => {
      const h = (value / max) * height;
      doc.rect(50 + i * slot + slot * 0.1 + j * barWidth, top + height - h, barWidth - 1, h).fill(colours[j]!);
    });
    doc
      .fillColor(GREY)
      .fontSize(7)
      .text(bar.label, 50 + i * slot, top + height + 3, { width: slot, align: 'center' });
  });
  doc.fillColor('black');
  doc.y = top + height + 18;
}
