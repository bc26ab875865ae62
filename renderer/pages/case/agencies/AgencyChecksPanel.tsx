import { useState, type FormEvent } from 'react';
import { agencyCheckInputSchema, agencyReplyInputSchema } from '../../../../shared/agency-inputs';
import { agencyCheckChaseEmail } from '../../../../shared/agency-emails';
import { CHECK_AGENCIES, type CheckAgency } from '../../../../shared/agency-reference';
import type { AgenciesView } from '../../../../shared/agency-views';
import { CHASE_METHODS, type ChaseMethod } from '../../../../shared/reference-data';
import type { TimerStatus } from '../../../../shared/timer-rules';
import { formatDateShort } from '../../../../shared/uk-dates';
import { call } from '../../../api/client';
import { CopyEmail } from '../../../components/CopyEmail';
import { DateInput } from '../../../components/DateInput';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField } from '../../../components/SelectField';
import { StatusTag } from '../../../components/StatusTag';
import { TextField } from '../../../components/TextField';
import { useFormErrors } from '../../../hooks/useFormErrors';
import { Reveal } from '../../../components/Reveal';
import type { RoleTitle } from '../../../../shared/role-title';

type Check = AgenciesView['checks'][number];

/** Police call-out history and children's social care checks: asked for, chased, answered (a reply is due in 10 working days). */
export function AgencyChecksPanel(props: {
  caseId: number;
  view: AgenciesView;
  canWrite: boolean;
  roleTitle: RoleTitle;
  fromName: string;
  onChanged: () => void;
}) {
  const { caseId, view, canWrite } = props;
  const [open, setOpen] = useState<{ id: number; form: 'reply' | 'chase' } | null>(null);
  const toggle = (id: number, form: 'reply' | 'chase') => setOpen(open?.id === id && open.form === form ? null : { id, form });
  const saved = () => {
    setOpen(null);
    props.onChanged();
  };
  return (
    <section aria-labelledby="agency-checks">
      <h2 className="govuk-heading-m" id="agency-checks" tabIndex={-1}>
        Police and children’s social care checks
      </h2>
      {view.checks.length === 0 ? <p className="govuk-body">No checks asked for yet.</p> : null}
      {view.checks.map((check) => (
        <div className="app-record" key={check.id} data-testid={`agency-check-${check.id}`}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            {CHECK_AGENCIES.labels[check.agency as CheckAgency] ?? check.agency} <StatusTag status={check.status as TimerStatus} />
          </h3>
          <p className="govuk-body govuk-!-margin-bottom-1">
            Asked {formatDateShort(check.requestedDate)}
            {check.requestedFrom ? ` of ${check.requestedFrom}` : ''} by {check.recordedBy}. Reply due {formatDateShort(check.dueDate)}.
            {check.chases.length ? ` Chased ${check.chases.map((c) => formatDateShort(c.date)).join(', ')}.` : ''}
          </p>
          {check.replyDate ? (
            <p className="govuk-body">
              Reply {formatDateShort(check.replyDate)}
              {check.replySummary ? `: ${check.replySummary}` : ''}
            </p>
          ) : canWrite ? (
            <>
              <div className="govuk-button-group govuk-!-margin-bottom-1">
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  aria-expanded={open?.id === check.id && open.form === 'reply'}
                  onClick={() => toggle(check.id, 'reply')}
                >
                  Record reply<span className="govuk-visually-hidden"> to the check asked {formatDateShort(check.requestedDate)}</span>
                </button>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  aria-expanded={open?.id === check.id && open.form === 'chase'}
                  onClick={() => toggle(check.id, 'chase')}
                >
                  Log chase<span className="govuk-visually-hidden"> of the check asked {formatDateShort(check.requestedDate)}</span>
                </button>
              </div>
              <CopyEmail
                email={agencyCheckChaseEmail(
                  { ...check, agency: check.agency as CheckAgency, caseRef: view.caseRef, crn: view.crn, chaseDates: check.chases.map((c) => c.date) },
                  props.fromName,
                  props.roleTitle,
                  view.asOf,
                )}
                label="Copy chase email"
                about={`for the check asked ${formatDateShort(check.requestedDate)}`}
                copiedMessage="Chase email copied. Paste it into your email to the agency, then log the chase."
                testId={`check-chase-email-${check.id}`}
              />
              {open?.id === check.id && open.form === 'reply' ? <ReplyForm check={check} today={view.asOf} onSaved={saved} /> : null}
              {open?.id === check.id && open.form === 'chase' ? <ChaseForm check={check} today={view.asOf} onSaved={saved} /> : null}
            </>
          ) : (
            <p className="govuk-body">No reply yet.</p>
          )}
        </div>
      ))}
      {canWrite ? (
        <Reveal label="Ask for a check">
          {(close) => (
            <RequestForm
              caseId={caseId}
              today={view.asOf}
              onSaved={() => {
                close();
                props.onChanged();
              }}
            />
          )}
        </Reveal>
      ) : null}
    </section>
  );
}

function RequestForm({ caseId, today, onSaved }: { caseId: number; today: string; onSaved: () => void }) {
  const [agency, setAgency] = useState<CheckAgency | ''>('');
  const [requestedDate, setDate] = useState(today);
  const [requestedFrom, setFrom] = useState('');
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const rename = (field: string) => `check-${field.replace(/^check\./, '')}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const input = { agency, requestedDate, requestedFrom };
    if (!check(agencyCheckInputSchema, input, rename)) return;
    try {
      await call('agencyChecks.request', { caseId, check: input as { agency: CheckAgency; requestedDate: string; requestedFrom: string } });
      onSaved();
    } catch (error) {
      fail(error, ['check-agency', 'check-requestedDate'], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Ask for a check">
      <ErrorSummary errors={errors} />
      <SelectField
        id="check-agency"
        label="Check"
        value={agency}
        options={CHECK_AGENCIES.values}
        labels={CHECK_AGENCIES.labels}
        onChange={setAgency}
        emptyLabel="Choose a check"
        error={fieldError('check-agency')}
      />
      <DateInput id="check-requestedDate" legend="Date asked for" value={requestedDate} onChange={setDate} error={fieldError('check-requestedDate')} />
      <TextField
        id="check-requestedFrom"
        label="Asked of (optional)"
        hint="The team or person, for example Lancashire Police PPU"
        value={requestedFrom}
        onChange={setFrom}
      />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Record check asked for
      </button>
    </form>
  );
}

function ReplyForm({ check: record, today, onSaved }: { check: Check; today: string; onSaved: () => void }) {
  const [replyDate, setDate] = useState(today);
  const [summary, setSummary] = useState('');
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const id = (name: string) => `reply-${record.id}-${name}`;
  const rename = (field: string) => id(field.replace(/^reply\./, ''));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const reply = { replyDate, summary };
    if (!check(agencyReplyInputSchema, reply, rename)) return;
    try {
      await call('agencyChecks.reply', { checkId: record.id, version: record.version, reply });
      onSaved();
    } catch (error) {
      fail(error, [id('replyDate')], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Record the reply">
      <ErrorSummary errors={errors} />
      <DateInput id={id('replyDate')} legend="Date of the reply" value={replyDate} onChange={setDate} error={fieldError(id('replyDate'))} />
      <TextField id={id('summary')} label="What it said (optional)" value={summary} onChange={setSummary} />
      <button type="submit" className="govuk-button">
        Save reply
      </button>
    </form>
  );
}

function ChaseForm({ check: record, today, onSaved }: { check: Check; today: string; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [method, setMethod] = useState<ChaseMethod | ''>('email');
  const { errors, fieldError, fail, clear } = useFormErrors();
  const id = (name: string) => `check-chase-${record.id}-${name}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('agencyChecks.chase', { checkId: record.id, chase: { date, method: method || null } });
      onSaved();
    } catch (error) {
      fail(error, [id('date')], () => id('date'));
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Log a chase of the check">
      <ErrorSummary errors={errors} />
      <DateInput id={id('date')} legend="Date of the chase" value={date} onChange={setDate} error={fieldError(id('date'))} />
      <SelectField
        id={id('method')}
        label="How"
        value={method}
        options={CHASE_METHODS.values}
        labels={CHASE_METHODS.labels}
        onChange={setMethod}
        emptyLabel="Not recorded"
      />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Log chase
      </button>
    </form>
  );
}
