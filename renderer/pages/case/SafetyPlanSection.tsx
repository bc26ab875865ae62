import { useEffect, useState, type FormEvent } from 'react';
import { safetyPlanItemInputSchema, safetyPlanReviewInputSchema } from '../../../shared/agency-inputs';
import { SAFETY_PLAN_REVIEW_KINDS, type SafetyPlanReviewKind } from '../../../shared/agency-reference';
import type { SafetyPlanView } from '../../../shared/agency-views';
import type { TimerStatus } from '../../../shared/timer-rules';
import { formatDateLong, formatDateShort } from '../../../shared/uk-dates';
import { asClientError, call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { StatusTag } from '../../components/StatusTag';
import { TableHead } from '../../components/TableHead';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { focusPending } from '../../routes';

/**
 * The safety plan: what could happen, what will be done, by whom and when; agreed with her and
 * reviewed every 3 months, or within 5 working days of something that changes the risk.
 */
export function SafetyPlanSection({ caseId, canWrite, today, onChanged }: { caseId: number; canWrite: boolean; today: string; onChanged: () => void }) {
  const plan = useQuery('safetyPlan.get', { caseId });
  // Opened from Today's "Review plan": the review form draws once the plan has loaded.
  useEffect(() => focusPending());
  const [removeError, setRemoveError] = useState<string | null>(null);
  const refresh = () => {
    void plan.reload();
    onChanged();
  };
  if (!plan.data) return <p className="govuk-body">{plan.error?.message ?? 'Loading…'}</p>;
  const { items, reviews, next } = plan.data;
  const remove = async (item: SafetyPlanView['items'][number]) => {
    setRemoveError(null);
    try {
      await call('safetyPlan.removeItem', { caseId, itemId: item.id, version: item.version });
      refresh();
    } catch (error) {
      setRemoveError(asClientError(error).message);
    }
  };
  return (
    <>
      <h2 className="govuk-heading-m">Safety plan</h2>
      <NextReview next={next} agreed={reviews.length > 0} />
      {removeError ? <ErrorSummary errors={[{ message: removeError }]} /> : null}
      {items.length === 0 ? <p className="govuk-body">Nothing in the plan yet.</p> : null}
      {items.length ? (
        <table className="govuk-table" data-testid="safety-plan-items">
          <caption className="govuk-table__caption govuk-table__caption--s">What is in the plan</caption>
          <TableHead columns={canWrite ? ['Risk', 'Action', 'Who', 'By when', ''] : ['Risk', 'Action', 'Who', 'By when']} />
          <tbody className="govuk-table__body">
            {items.map((item) => (
              <tr className="govuk-table__row" key={item.id}>
                <td className="govuk-table__cell">{item.risk}</td>
                <td className="govuk-table__cell">{item.action}</td>
                <td className="govuk-table__cell">{item.who}</td>
                <td className="govuk-table__cell">{item.byWhen ? formatDateShort(item.byWhen) : 'Ongoing'}</td>
                {canWrite ? (
                  <td className="govuk-table__cell">
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void remove(item)}>
                      Remove<span className="govuk-visually-hidden"> “{item.risk}”</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite ? <AddItemForm caseId={caseId} onSaved={refresh} /> : null}
      {canWrite && items.length ? <ReviewForm caseId={caseId} today={today} agreed={reviews.length > 0} onSaved={refresh} /> : null}
      <h3 className="govuk-heading-s govuk-!-margin-top-6">Agreed and reviewed</h3>
      {reviews.length === 0 ? <p className="govuk-body">Not agreed with her yet.</p> : null}
      <ul className="govuk-list" data-testid="safety-plan-reviews">
        {reviews.map((r) => (
          <li key={r.id}>
            {formatDateLong(r.date)}: {SAFETY_PLAN_REVIEW_KINDS.labels[r.kind as SafetyPlanReviewKind] ?? r.kind} ({r.recordedBy})
            {r.notes ? `. ${r.notes}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function NextReview({ next, agreed }: { next: SafetyPlanView['next']; agreed: boolean }) {
  if (!next) return <p className="govuk-body">{agreed ? 'No review due.' : 'The review timer starts when the plan is agreed with her.'}</p>;
  return (
    <div className="govuk-inset-text" data-testid="safety-plan-next">
      Next review due {formatDateLong(next.dueDate)} <StatusTag status={next.status as TimerStatus} />
      {next.trigger ? <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">Brought forward: {next.trigger.what}.</p> : null}
    </div>
  );
}

const EMPTY_ITEM = { risk: '', action: '', who: '', byWhen: '' };

function AddItemForm({ caseId, onSaved }: { caseId: number; onSaved: () => void }) {
  const [item, setItem] = useState(EMPTY_ITEM);
  const [added, setAdded] = useState(false);
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const rename = (field: string) => `plan-${field.replace(/^item\./, '')}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setAdded(false);
    if (!check(safetyPlanItemInputSchema, item, rename)) return;
    try {
      await call('safetyPlan.saveItem', { caseId, item });
      setItem(EMPTY_ITEM);
      setAdded(true);
      onSaved();
    } catch (error) {
      fail(error, ['plan-risk', 'plan-action', 'plan-who', 'plan-byWhen'], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="plan-add-heading">
      <h3 className="govuk-heading-s" id="plan-add-heading">
        Add to the plan
      </h3>
      <ErrorSummary errors={errors} />
      <div role="status">{added ? <p className="govuk-body">Added to the plan.</p> : null}</div>
      <TextField
        id="plan-risk"
        label="Risk"
        hint="What could happen"
        value={item.risk}
        onChange={(risk) => setItem({ ...item, risk })}
        error={fieldError('plan-risk')}
      />
      <TextField id="plan-action" label="Action" value={item.action} onChange={(action) => setItem({ ...item, action })} error={fieldError('plan-action')} />
      <TextField
        id="plan-who"
        label="Who"
        hint="For example, Police, Victim, PLW"
        value={item.who}
        onChange={(who) => setItem({ ...item, who })}
        error={fieldError('plan-who')}
      />
      <DateInput
        id="plan-byWhen"
        legend="By when (optional)"
        value={item.byWhen}
        onChange={(byWhen) => setItem({ ...item, byWhen })}
        error={fieldError('plan-byWhen')}
      />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Add to the plan
      </button>
    </form>
  );
}

function ReviewForm({ caseId, today, agreed, onSaved }: { caseId: number; today: string; agreed: boolean; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const kind: SafetyPlanReviewKind = agreed ? 'reviewed' : 'agreed';
  const rename = (field: string) => (field.endsWith('date') ? 'plan-review-date' : `plan-review-${field.replace(/^review\./, '')}`);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setDone(null);
    const review = { date, kind, notes };
    if (!check(safetyPlanReviewInputSchema, review, rename)) return;
    try {
      await call('safetyPlan.review', { caseId, review });
      setNotes('');
      setDone(agreed ? 'Review recorded.' : 'Plan agreed.');
      onSaved();
    } catch (error) {
      fail(error, ['plan-review-date'], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="plan-review-heading" className="govuk-!-margin-top-6">
      <h3 className="govuk-heading-s" id="plan-review-heading">
        {agreed ? 'Record a review of the plan' : 'Agree the plan with her'}
      </h3>
      <ErrorSummary errors={errors} />
      <div role="status">{done ? <p className="govuk-body">{done}</p> : null}</div>
      <DateInput
        id="plan-review-date"
        legend={agreed ? 'Date of the review' : 'Date agreed'}
        value={date}
        onChange={setDate}
        error={fieldError('plan-review-date')}
      />
      <TextField id="plan-review-notes" label="Notes (optional)" value={notes} onChange={setNotes} />
      <button type="submit" className="govuk-button">
        {agreed ? 'Record review' : 'Record plan agreed'}
      </button>
    </form>
  );
}
