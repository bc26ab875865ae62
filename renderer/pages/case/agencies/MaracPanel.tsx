import { useState, type FormEvent } from 'react';
import { maracActionInputSchema, maracMeetingInputSchema, maracReferralInputSchema } from '../../../../shared/agency-inputs';
import { MARAC_CRITERIA, type MaracCriterion } from '../../../../shared/agency-reference';
import type { AgenciesView } from '../../../../shared/agency-views';
import type { TimerStatus } from '../../../../shared/timer-rules';
import { formatDateShort } from '../../../../shared/uk-dates';
import { asClientError, call } from '../../../api/client';
import { CheckboxItem } from '../../../components/CheckboxItem';
import { DateInput } from '../../../components/DateInput';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { StatusTag } from '../../../components/StatusTag';
import { TableHead } from '../../../components/TableHead';
import { TextField } from '../../../components/TextField';
import { useFormErrors } from '../../../hooks/useFormErrors';
import { Reveal } from '../../../components/Reveal';

type Referral = AgenciesView['maracReferrals'][number];
type Meeting = Referral['meetings'][number];

/** MARAC: each referral with why it was made, its meetings, and their actions (each timed to its own due date). */
export function MaracPanel({ caseId, view, canWrite, onChanged }: { caseId: number; view: AgenciesView; canWrite: boolean; onChanged: () => void }) {
  const [actionError, setActionError] = useState<string | null>(null);
  const complete = async (action: Meeting['actions'][number]) => {
    setActionError(null);
    try {
      await call('marac.completeAction', { actionId: action.id, version: action.version, completedDate: view.asOf });
      onChanged();
    } catch (error) {
      setActionError(asClientError(error).message);
    }
  };
  return (
    <section aria-labelledby="marac-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="marac-heading" tabIndex={-1}>
        MARAC
      </h2>
      {actionError ? <ErrorSummary errors={[{ message: actionError }]} /> : null}
      {view.maracReferrals.length === 0 ? <p className="govuk-body">Not referred to MARAC.</p> : null}
      {view.maracReferrals.map((referral) => (
        <div className="app-record" key={referral.id} data-testid={`marac-referral-${referral.id}`}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Referred {referral.date ? formatDateShort(referral.date) : '(date not recorded)'}</h3>
          <p className="govuk-body govuk-!-margin-bottom-2">
            {referral.criteria.length ? referral.criteria.map((c) => MARAC_CRITERIA.labels[c as MaracCriterion] ?? c).join('; ') : 'Why was not recorded'}
            {referral.notes ? `. ${referral.notes}` : ''}
          </p>
          {referral.meetings.map((meeting) => (
            <div key={meeting.id}>
              <p className="govuk-body govuk-!-margin-bottom-1">
                <strong>Meeting {formatDateShort(meeting.date)}</strong>
                {meeting.outcome ? `: ${meeting.outcome}` : ''}
              </p>
              {meeting.actions.length ? (
                <table className="govuk-table" data-testid={`marac-actions-${meeting.id}`}>
                  <caption className="govuk-table__caption govuk-visually-hidden">Actions from the meeting of {formatDateShort(meeting.date)}</caption>
                  <TableHead columns={['Action', 'Owner', 'Due', 'Status', '']} />
                  <tbody className="govuk-table__body">
                    {meeting.actions.map((action) => (
                      <tr className="govuk-table__row" key={action.id}>
                        <td className="govuk-table__cell">{action.action}</td>
                        <td className="govuk-table__cell">{action.owner}</td>
                        <td className="govuk-table__cell">{formatDateShort(action.dueDate)}</td>
                        <td className="govuk-table__cell">
                          <StatusTag status={action.status as TimerStatus} />
                        </td>
                        <td className="govuk-table__cell">
                          {action.completedDate ? (
                            `Done ${formatDateShort(action.completedDate)}`
                          ) : canWrite ? (
                            <button
                              type="button"
                              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                              onClick={() => void complete(action)}
                            >
                              Done today<span className="govuk-visually-hidden">: {action.action}</span>
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {canWrite && meeting.date <= view.asOf ? (
                <Reveal label="Add an action" about={`from the meeting of ${formatDateShort(meeting.date)}`}>
                  {(close) => <ActionForm caseId={caseId} meeting={meeting} onSaved={onChanged} onDone={close} />}
                </Reveal>
              ) : null}
            </div>
          ))}
          {canWrite ? (
            <Reveal label="Record a meeting" about={`for the referral of ${referral.date ? formatDateShort(referral.date) : 'unknown date'}`}>
              {(close) => (
                <MeetingForm
                  caseId={caseId}
                  referral={referral}
                  today={view.asOf}
                  onSaved={() => {
                    close();
                    onChanged();
                  }}
                />
              )}
            </Reveal>
          ) : null}
        </div>
      ))}
      {canWrite ? (
        <Reveal label="Refer to MARAC">
          {(close) => (
            <ReferralForm
              caseId={caseId}
              today={view.asOf}
              potentialEscalation={view.potentialEscalation}
              onSaved={() => {
                close();
                onChanged();
              }}
            />
          )}
        </Reveal>
      ) : null}
    </section>
  );
}

const CHOSEN = MARAC_CRITERIA.values.filter((c) => c !== 'repeat');

function ReferralForm({ caseId, today, potentialEscalation, onSaved }: { caseId: number; today: string; potentialEscalation: boolean; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [criteria, setCriteria] = useState<MaracCriterion[]>([]);
  const [notes, setNotes] = useState('');
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const rename = (field: string) => `marac-${field.replace(/^referral\./, '').replace(/\.\d+$/, '')}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const referral = { date, criteria, notes };
    if (!check(maracReferralInputSchema, referral, rename)) return;
    try {
      await call('marac.refer', { caseId, referral: referral as { date: string; criteria: Exclude<MaracCriterion, 'repeat'>[]; notes: string } });
      setCriteria([]);
      setNotes('');
      onSaved();
    } catch (error) {
      fail(error, ['marac-date', 'marac-criteria'], rename);
    }
  };
  const error = fieldError('marac-criteria');
  return (
    <form noValidate onSubmit={submit} aria-label="Refer to MARAC">
      <ErrorSummary errors={errors} />
      {potentialEscalation ? (
        <div className="govuk-inset-text" data-testid="potential-escalation">
          3 or more risk events in the last 12 months: the potential escalation criterion is met.
        </div>
      ) : null}
      <DateInput id="marac-date" legend="Date of the referral" value={date} onChange={setDate} error={fieldError('marac-date')} />
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={`marac-criteria-hint${error ? ' marac-criteria-error' : ''}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Why she is referred</legend>
          <div className="govuk-hint" id="marac-criteria-hint">
            Choose all that apply. A referral within 12 months of the last is marked a repeat referral for you.
          </div>
          {error ? (
            <p className="govuk-error-message" id="marac-criteria-error">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <div className="govuk-checkboxes govuk-checkboxes--small" id="marac-criteria">
            {CHOSEN.map((c) => (
              <CheckboxItem
                key={c}
                id={`marac-criteria-${c}`}
                label={MARAC_CRITERIA.labels[c]}
                checked={criteria.includes(c)}
                onChange={(on) => setCriteria(on ? [...criteria, c] : criteria.filter((x) => x !== c))}
              />
            ))}
          </div>
        </fieldset>
      </div>
      <TextField id="marac-notes" label="Notes (optional)" value={notes} onChange={setNotes} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Record referral
      </button>
    </form>
  );
}

function MeetingForm({ caseId, referral, today, onSaved }: { caseId: number; referral: Referral; today: string; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [outcome, setOutcome] = useState('');
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const id = (name: string) => `meeting-${referral.id}-${name}`;
  const rename = (field: string) => id(field.replace(/^meeting\./, ''));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const meeting = { referralId: referral.id, date, outcome };
    if (!check(maracMeetingInputSchema, meeting, rename)) return;
    try {
      await call('marac.recordMeeting', { caseId, meeting });
      onSaved();
    } catch (error) {
      fail(error, [id('date')], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Record a MARAC meeting">
      <ErrorSummary errors={errors} />
      <DateInput
        id={id('date')}
        legend="Date of the meeting"
        hint="A meeting booked ahead can be recorded now; its actions are added after it."
        value={date}
        onChange={setDate}
        error={fieldError(id('date'))}
      />
      <TextField id={id('outcome')} label="Outcome (optional)" value={outcome} onChange={setOutcome} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Save meeting
      </button>
    </form>
  );
}

function ActionForm({ caseId, meeting, onSaved, onDone }: { caseId: number; meeting: Meeting; onSaved: () => void; onDone: () => void }) {
  const [action, setAction] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const id = (name: string) => `action-${meeting.id}-${name}`;
  const rename = (field: string) => id(field.replace(/^action\./, ''));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const input = { meetingId: meeting.id, action, owner, dueDate };
    if (!check(maracActionInputSchema, input, rename)) return;
    try {
      await call('marac.addAction', { caseId, action: input });
      onDone();
      onSaved();
    } catch (error) {
      fail(error, [id('action'), id('owner'), id('dueDate')], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label={`Add an action from the meeting of ${formatDateShort(meeting.date)}`}>
      <ErrorSummary errors={errors} />
      <div className="app-inline-fields">
        <TextField id={id('action')} label="Action" value={action} onChange={setAction} error={fieldError(id('action'))} />
        <TextField id={id('owner')} label="Owner" hint="Who will do it" value={owner} onChange={setOwner} error={fieldError(id('owner'))} />
      </div>
      <DateInput id={id('dueDate')} legend="Due" value={dueDate} onChange={setDueDate} error={fieldError(id('dueDate'))} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Add action
      </button>
    </form>
  );
}
