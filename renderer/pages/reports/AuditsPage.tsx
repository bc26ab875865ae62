import { useState, type FormEvent } from 'react';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../../shared/oversight';
import { STAGES, type Stage } from '../../../shared/reference-data';
import { formatDateShort } from '../../../shared/uk-dates';
import type { OutputOf } from '../../../shared/contract';
import { call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TableHead } from '../../components/TableHead';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { caseHref } from '../../routes';
import { ReportsNav } from './ReportsNav';

/** A manager's case audits: a random sample of each worker's open cases to audit, and the audits done this month. */
export function AuditsPage() {
  const done = useQuery('audits.list', {});
  const [sample, setSample] = useState<OutputOf<'audits.sample'> | null>(null);
  const [perWorker, setPerWorker] = useState('2');
  const { errors, fieldError, fail, clear, setErrors } = useFormErrors();
  const draw = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const n = Number(perWorker.trim());
    if (!/^\d+$/.test(perWorker.trim()) || n < 1 || n > 20) {
      setErrors([{ field: 'perWorker', message: 'Enter a whole number of cases from 1 to 20' }]);
      return;
    }
    try {
      setSample(await call('audits.sample', { perWorker: n }));
    } catch (error) {
      fail(error, ['perWorker']);
    }
  };
  return (
    <>
      <h1 className="govuk-heading-l">Case audits</h1>
      <ReportsNav current="audits" />
      <form noValidate onSubmit={draw} aria-labelledby="sample-heading">
        <h2 className="govuk-heading-m" id="sample-heading">
          Draw cases to audit
        </h2>
        <p className="govuk-body">Open cases chosen at random for each worker, leaving out cases audited in the last 90 days.</p>
        <ErrorSummary errors={errors} />
        <TextField
          id="perWorker"
          label="Cases per worker"
          value={perWorker}
          onChange={setPerWorker}
          inputMode="numeric"
          widthClass="govuk-input--width-2"
          error={fieldError('perWorker')}
        />
        <button type="submit" className="govuk-button">
          Draw a sample
        </button>
      </form>
      {sample ? (
        sample.rows.length ? (
          <table className="govuk-table" data-testid="audit-sample">
            <caption className="govuk-table__caption govuk-table__caption--s">
              {sample.rows.length} case{sample.rows.length === 1 ? '' : 's'} to audit
            </caption>
            <TableHead columns={['Worker', 'Case', 'Stage', 'Last audited']} />
            <tbody className="govuk-table__body">
              {sample.rows.map((r) => (
                <tr className="govuk-table__row" key={r.caseId}>
                  <td className="govuk-table__cell">{r.worker}</td>
                  <td className="govuk-table__cell">
                    <a className="govuk-link" href={caseHref(r.caseId, 'audits')}>
                      {r.caseRef}
                    </a>
                  </td>
                  <td className="govuk-table__cell">{STAGES.labels[r.stage as Stage] ?? r.stage}</td>
                  <td className="govuk-table__cell">{r.lastAudited ? formatDateShort(r.lastAudited) : 'Never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="govuk-inset-text">No open cases to audit: every open case was audited in the last 90 days.</p>
        )
      ) : null}
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Audits this month</h2>
      {done.data && done.data.rows.length === 0 ? <p className="govuk-body">No audits yet this month.</p> : null}
      {done.data && done.data.rows.length ? (
        <table className="govuk-table" data-testid="audits-done">
          <caption className="govuk-table__caption govuk-visually-hidden">Audits this month</caption>
          <TableHead columns={['Date', 'Case', 'Worker', 'Outcome', 'By']} />
          <tbody className="govuk-table__body">
            {done.data.rows.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell">{formatDateShort(a.date)}</td>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={caseHref(a.caseId, 'audits')}>
                    {a.caseRef}
                  </a>
                </td>
                <td className="govuk-table__cell">{a.ownerName ?? 'Unallocated'}</td>
                <td className="govuk-table__cell">{AUDIT_OUTCOMES.labels[a.outcome as AuditOutcome] ?? a.outcome}</td>
                <td className="govuk-table__cell">{a.auditor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
