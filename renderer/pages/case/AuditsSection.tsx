import { useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import {
  AUDIT_ANSWERS,
  AUDIT_CHECKLIST,
  AUDIT_OUTCOMES,
  caseAuditInputSchema,
  type AuditAnswer,
  type AuditItem,
  type AuditOutcome,
  type CaseAuditInput,
} from '../../../shared/oversight';
import { formatDateLong } from '../../../shared/uk-dates';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../session-context';
import { InlineRadios } from '../../components/InlineRadios';

const OUTCOME_TAG: Record<AuditOutcome, string> = { good: 'govuk-tag--green', requires_improvement: 'govuk-tag--yellow', inadequate: 'govuk-tag--red' };

/** A manager's audits of the case: each with its checklist, outcome and actions. The worker reads them; a manager records one. */
export function AuditsSection({ caseId, today }: { caseId: number; today: string }) {
  const { role } = useSession();
  const audits = useQuery('audits.forCase', { caseId });
  if (!audits.data) return <p className="govuk-body">{audits.error?.message ?? 'Loading…'}</p>;
  return (
    <>
      <h2 className="govuk-heading-m">Case audits</h2>
      {audits.data.audits.length === 0 ? <p className="govuk-body">This case has not been audited.</p> : null}
      {audits.data.audits.map((a) => (
        <div className="app-record" key={a.id} data-testid={`case-audit-${a.id}`}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            {formatDateLong(a.date)}, {a.auditor}{' '}
            <strong className={`govuk-tag ${OUTCOME_TAG[a.outcome as AuditOutcome] ?? ''}`}>
              {AUDIT_OUTCOMES.labels[a.outcome as AuditOutcome] ?? a.outcome}
            </strong>
          </h3>
          <p className="govuk-body-s govuk-!-margin-bottom-1">Work of {a.ownerName ?? 'no one (unallocated)'}</p>
          <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
            {AUDIT_CHECKLIST.values.map((item) => (
              <div className="govuk-summary-list__row" key={item}>
                <dt className="govuk-summary-list__key govuk-!-font-weight-regular">{AUDIT_CHECKLIST.labels[item]}</dt>
                <dd className="govuk-summary-list__value">{AUDIT_ANSWERS.labels[a.checklist[item] as AuditAnswer] ?? 'Not answered'}</dd>
              </div>
            ))}
          </dl>
          {a.actions ? <p className="govuk-body">Actions: {a.actions}</p> : null}
        </div>
      ))}
      {mayCall(role, 'audits.record') ? (
        <AuditForm caseId={caseId} today={today} suggested={audits.data.suggested} onSaved={() => void audits.reload()} />
      ) : null}
    </>
  );
}

function AuditForm({ caseId, today, suggested, onSaved }: { caseId: number; today: string; suggested: Record<string, string>; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [checklist, setChecklist] = useState<Record<AuditItem, AuditAnswer | ''>>(
    () =>
      Object.fromEntries(AUDIT_CHECKLIST.values.map((item) => [item, (suggested[item] as AuditAnswer | undefined) ?? ''])) as Record<
        AuditItem,
        AuditAnswer | ''
      >,
  );
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [actions, setActions] = useState('');
  const [saved, setSaved] = useState(false);
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const rename = (field: string) => {
    const item = /^checklist\.(\w+)$/.exec(field);
    return item ? `audit-${item[1]}` : `audit-${field.replace(/^audit\./, '')}`;
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    const audit = { date, checklist, outcome, actions };
    if (!check(caseAuditInputSchema, audit, rename)) return;
    try {
      await call('audits.record', { caseId, audit: audit as CaseAuditInput });
      setOutcome('');
      setActions('');
      setSaved(true);
      onSaved();
    } catch (error) {
      fail(error, ['audit-date'], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="audit-heading" className="govuk-!-margin-top-6">
      <h3 className="govuk-heading-s" id="audit-heading">
        Audit this case
      </h3>
      <p className="govuk-body">Each answer is filled in from the case’s records. Check it against the case and change it where it is wrong.</p>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">Audit recorded.</p> : null}</div>
      <DateInput id="audit-date" legend="Date of the audit" value={date} onChange={setDate} error={fieldError('audit-date')} />
      {AUDIT_CHECKLIST.values.map((item) => (
        <InlineRadios
          key={item}
          id={`audit-${item}`}
          legend={AUDIT_CHECKLIST.labels[item]}
          hint={suggested[item] ? `From the records: ${AUDIT_ANSWERS.labels[suggested[item] as AuditAnswer].toLowerCase()}` : null}
          error={fieldError(`audit-${item}`)}
          values={AUDIT_ANSWERS.values}
          labels={AUDIT_ANSWERS.labels}
          value={checklist[item]}
          onChange={(v) => setChecklist({ ...checklist, [item]: v })}
        />
      ))}
      <InlineRadios
        id="audit-outcome"
        legend="Outcome"
        error={fieldError('audit-outcome')}
        values={AUDIT_OUTCOMES.values}
        labels={AUDIT_OUTCOMES.labels}
        value={outcome}
        onChange={setOutcome}
      />
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="audit-actions">
          Actions for the worker (optional)
        </label>
        <textarea className="govuk-textarea" id="audit-actions" rows={3} value={actions} onChange={(event) => setActions(event.target.value)} />
      </div>
      <button type="submit" className="govuk-button">
        Record audit
      </button>
    </form>
  );
}
