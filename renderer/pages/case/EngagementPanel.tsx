import { useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../shared/case-views';
import { ENGAGEMENT_SOURCES, ENGAGEMENT_STATUSES, type EngagementStatus } from '../../../shared/reference-data';
import { formatDateShort } from '../../../shared/uk-dates';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { TableHead } from '../../components/TableHead';

/** The tag colour for each status: no contact at all is a safe-contact rule, so it stands out. */
export const ENGAGEMENT_TAG: Record<EngagementStatus, string> = {
  not_yet_contacted: 'govuk-tag--grey',
  engaged: 'govuk-tag--green',
  declined: 'govuk-tag--yellow',
  unable_to_contact: 'govuk-tag--orange',
  no_contact: 'govuk-tag--red',
};

const MEANING: Record<EngagementStatus, string> = {
  not_yet_contacted: 'No one has reached her yet.',
  engaged: 'She is in touch: keep in touch every 28 days.',
  declined: 'She declined support: contact her only at milestones (programme start and exit, release, supervision end).',
  unable_to_contact: 'She could not be reached: no keep-in-touch timer; milestones still apply.',
  no_contact: 'She asked for no contact at all: no contact timers, and calls and letters are stopped unless a reason is given.',
};

/** Her engagement (docs/model.md): now, what it means for the timers, its dated history, and setting it by hand. */
export function EngagementPanel({
  caseId,
  engagement,
  canWrite,
  today,
  onChanged,
  formOpen = false,
}: {
  caseId: number;
  engagement: CaseDetail['engagement'];
  canWrite: boolean;
  today: string;
  onChanged: () => void;
  /** Opened from Today's "Review engagement". */
  formOpen?: boolean;
}) {
  return (
    <section aria-labelledby="engagement-heading" data-testid="engagement">
      <h2 className="govuk-heading-m" id="engagement-heading">
        Engagement
      </h2>
      <p className="govuk-body">
        <strong className={`govuk-tag ${ENGAGEMENT_TAG[engagement.status]}`}>{ENGAGEMENT_STATUSES.labels[engagement.status]}</strong>
        {engagement.since ? ` since ${formatDateShort(engagement.since)}` : ''}. {MEANING[engagement.status]}
      </p>
      {engagement.history.length ? (
        <table className="govuk-table" data-testid="engagement-history">
          <caption className="govuk-table__caption govuk-table__caption--s">History, newest first</caption>
          <TableHead columns={['Date', 'Status', 'How', 'By']} />
          <tbody className="govuk-table__body">
            {engagement.history.map((h, i) => (
              <tr className="govuk-table__row" key={`${h.date}-${i}`}>
                <td className="govuk-table__cell">{formatDateShort(h.date)}</td>
                <td className="govuk-table__cell">{ENGAGEMENT_STATUSES.labels[h.status]}</td>
                <td className="govuk-table__cell">
                  {ENGAGEMENT_SOURCES.labels[h.source]}
                  {h.reason ? `: ${h.reason}` : ''}
                </td>
                <td className="govuk-table__cell">{h.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite ? <SetEngagementForm caseId={caseId} today={today} onDone={onChanged} startOpen={formOpen} /> : null}
    </section>
  );
}

function SetEngagementForm({ caseId, today, onDone, startOpen }: { caseId: number; today: string; onDone: () => void; startOpen: boolean }) {
  const [status, setStatus] = useState<EngagementStatus | ''>('');
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const { errors, fieldError, fail, clear, setErrors } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (!status) {
      setErrors([{ field: 'engagement-status', message: 'Choose her engagement' }]);
      return;
    }
    try {
      await call('engagement.set', { caseId, change: { status, date, ...(reason.trim() ? { reason } : {}) } });
      setStatus('');
      setReason('');
      onDone();
    } catch (error) {
      fail(error, ['engagement-status', 'engagement-date', 'engagement-reason'], (field) => `engagement-${field.replace(/^change\./, '')}`);
    }
  };
  return (
    <details className="govuk-details" open={startOpen}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Set her engagement by hand</span>
      </summary>
      <div className="govuk-details__text">
        <form noValidate onSubmit={submit} aria-label="Set her engagement" id="engagement-form" tabIndex={-1}>
          <ErrorSummary errors={errors} />
          <SelectField
            id="engagement-status"
            label="Her engagement"
            value={status}
            options={ENGAGEMENT_STATUSES.values}
            labels={ENGAGEMENT_STATUSES.labels}
            onChange={setStatus}
            error={fieldError('engagement-status')}
            emptyLabel="Choose"
          />
          <DateInput id="engagement-date" legend="From" value={date} onChange={setDate} error={fieldError('engagement-date')} />
          <TextField id="engagement-reason" label="Why (optional)" value={reason} onChange={setReason} error={fieldError('engagement-reason')} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Set engagement
          </button>
        </form>
      </div>
    </details>
  );
}
