/**
 * The one export that holds personal details: a PLW's case list. Never produced by
 * default, only after an explicit warning is accepted, and always audited.
 */
import ExcelJS from 'exceljs';
import { STAGES, type Stage } from '../../../shared/reference-data';
import { TIMER_LABELS, type TimerId } from '../../../shared/timer-rules';
import type { Db } from '../db/open-database';
import { neutraliseFormula } from '../../../shared/spreadsheet-safety';

export async function caseListXlsx(db: Db, workerId: number | null): Promise<{ buffer: Buffer; rows: number }> {
  const rows = db
    .prepare(
      `SELECT c.case_ref, c.crn, c.victim_name, v.phone, v.postcode, c.perpetrator_name, c.owner_name, c.stage, c.next_timer, c.next_due_date
       FROM cases c JOIN victims v ON v.id = c.victim_id
       WHERE c.closed_date IS NULL ${workerId === null ? '' : 'AND c.owner_worker_id = ?'}
       ORDER BY c.case_ref`,
    )
    .all(...(workerId === null ? [] : [workerId])) as Record<string, string | null>[];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('open cases', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow(['PERSONAL DATA: keep this file encrypted and delete it when done.']).font = { bold: true, color: { argb: 'FFD4351C' } };
  sheet.addRow(['Case ref', 'CRN', 'Victim', 'Phone', 'Postcode', 'Perpetrator', 'Worker', 'Stage', 'Next timer', 'Due']).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(
      [
        r.case_ref,
        r.crn,
        r.victim_name,
        r.phone,
        r.postcode,
        r.perpetrator_name,
        r.owner_name,
        STAGES.labels[r.stage as Stage] ?? r.stage,
        r.next_timer ? TIMER_LABELS[r.next_timer as TimerId] : '',
        r.next_due_date,
      ].map(neutraliseFormula),
    );
  }
  sheet.columns.forEach((c) => (c.width = 18));
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), rows: rows.length };
}
