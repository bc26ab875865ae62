import { useState, type FormEvent } from 'react';
import { LIAISON_AGENCIES, RISK_EVENT_CATEGORIES, type LiaisonAgency, type RiskEventCategory } from '../../../shared/reference-data';
import { formatDateShort } from '../../../shared/uk-dates';
import { asClientError, call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { TableHead } from '../../components/TableHead';
import { CopyEmail } from '../../components/CopyEmail';
import { liaisonEscalationEmail, riskShareEscalationEmail } from '../../../shared/agency-emails';
import type { RoleTitle } from '../../../shared/role-title';

/** Risk events (each must be shared with the RO within a working day) and liaison with other agencies. */
export function RiskSection({
  caseId,
  canWrite,
  today,
  roleTitle,
  fromName,
  onChanged,
}: {
  caseId: number;
  canWrite: boolean;
  today: string;
  roleTitle: RoleTitle;
  fromName: string;
  onChanged: () => void;
}) {
  const risk = useQuery('risk.list', { caseId });
  const refresh = () => {
    void risk.reload();
    onChanged();
  };
  const [ackError, setAckError] = useState<string | null>(null);
  // A new relationship disclosed: offer the new partner a case of her own (docs/model.md).
  const [disclosedOn, setDisclosedOn] = useState<string | null>(null);
  const acknowledge = async (liaisonId: number, version: number) => {
    setAckError(null);
    try {
      await call('liaison.acknowledge', { liaisonId, version, date: today });
      refresh();
    } catch (error) {
      setAckError(asClientError(error).message);
    }
  };
  const events = risk.data?.riskEvents ?? [];
  return (
    <>
      <h2 className="govuk-heading-m">Risk events</h2>
      {events.length === 0 ? <p className="govuk-body">No risk events recorded.</p> : null}
      {events.length ? (
        <table className="govuk-table" data-testid="risk-events">
          <caption className="govuk-table__caption govuk-visually-hidden">Risk events</caption>
          <TableHead columns={['Date', 'What happened', 'Details', 'Shared with the RO']} />
          <tbody className="govuk-table__body">
            {events.map((e) => (
              <tr className="govuk-table__row" key={e.id}>
                <td className="govuk-table__cell">{formatDateShort(e.date)}</td>
                <td className="govuk-table__cell">
                  {RISK_EVENT_CATEGORIES.labels[e.category as RiskEventCategory] ?? e.category}
                  {canWrite && e.category === 'new_relationship' ? (
                    <>
                      <br />
                      <a className="govuk-link" href={`#/cases/new/linked/${caseId}/${e.date}`}>
                        Open a linked case for the new partner
                      </a>
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell">{e.description ?? ''}</td>
                <td className="govuk-table__cell">
                  {e.sharedDate ? formatDateShort(e.sharedDate) : e.shareDue ? `Not yet: due ${formatDateShort(e.shareDue)}` : 'Not yet'}
                  {e.escalate && risk.data ? (
                    <>
                      {' '}
                      <strong className="govuk-tag govuk-tag--red">Escalate</strong>
                      <CopyEmail
                        email={riskShareEscalationEmail(
                          { caseRef: risk.data.caseRef, crn: risk.data.crn, roName: risk.data.roName, since: e.date },
                          fromName,
                          roleTitle,
                        )}
                        label="Copy escalation email"
                        about={`for the risk event of ${formatDateShort(e.date)}`}
                        copiedMessage="Escalation email copied. Paste it into your email to the RO's manager."
                        testId={`risk-escalation-email-${e.id}`}
                      />
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {disclosedOn ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="disclosed-title" data-testid="new-partner-offer">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="disclosed-title">
              New relationship disclosed
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">The new partner may need a Partner Link service of their own.</p>
            <p className="govuk-body">
              <a className="govuk-notification-banner__link" href={`#/cases/new/linked/${caseId}/${disclosedOn}`}>
                Open a linked case for the new partner
              </a>
            </p>
          </div>
        </div>
      ) : null}
      {canWrite ? (
        <RiskEventForm
          caseId={caseId}
          today={today}
          onSaved={(category, date) => {
            setDisclosedOn(category === 'new_relationship' ? date : null);
            refresh();
          }}
        />
      ) : null}

      <h2 className="govuk-heading-m govuk-!-margin-top-8">Liaison</h2>
      {ackError ? <ErrorSummary errors={[{ message: ackError }]} /> : null}
      {risk.data && risk.data.liaison.length === 0 ? <p className="govuk-body">Nothing shared yet.</p> : null}
      {risk.data && risk.data.liaison.length ? (
        <table className="govuk-table" data-testid="liaison">
          <caption className="govuk-table__caption govuk-visually-hidden">Information shared with other agencies</caption>
          <TableHead columns={['Shared', 'With', 'What', 'Acknowledged']} />
          <tbody className="govuk-table__body">
            {risk.data.liaison.map((l) => (
              <tr className="govuk-table__row" key={l.id}>
                <td className="govuk-table__cell">{formatDateShort(l.date)}</td>
                <td className="govuk-table__cell">
                  {LIAISON_AGENCIES.labels[l.agency as LiaisonAgency] ?? l.agency}
                  {l.sharedWith ? ` (${l.sharedWith})` : ''}
                </td>
                <td className="govuk-table__cell">{l.what ?? ''}</td>
                <td className="govuk-table__cell">
                  {l.escalate ? <strong className="govuk-tag govuk-tag--red govuk-!-margin-bottom-1">Escalate</strong> : null}
                  {l.escalate && l.agency === 'ro' && risk.data ? (
                    <CopyEmail
                      email={liaisonEscalationEmail(
                        { caseRef: risk.data.caseRef, crn: risk.data.crn, roName: risk.data.roName, since: l.date },
                        fromName,
                        roleTitle,
                      )}
                      label="Copy escalation email"
                      about={`for the liaison of ${formatDateShort(l.date)}`}
                      copiedMessage="Escalation email copied. Paste it into your email to the RO's manager."
                      testId={`liaison-escalation-email-${l.id}`}
                    />
                  ) : null}
                  {l.acknowledgedDate ? (
                    formatDateShort(l.acknowledgedDate)
                  ) : canWrite ? (
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      onClick={() => void acknowledge(l.id, l.version)}
                    >
                      Acknowledged today<span className="govuk-visually-hidden"> ({formatDateShort(l.date)})</span>
                    </button>
                  ) : (
                    'Not yet'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite ? <LiaisonForm caseId={caseId} today={today} events={events} onSaved={refresh} /> : null}
    </>
  );
}

function RiskEventForm({ caseId, today, onSaved }: { caseId: number; today: string; onSaved: (category: RiskEventCategory, date: string) => void }) {
  const [date, setDate] = useState(today);
  const [category, setCategory] = useState<RiskEventCategory | ''>('');
  const [description, setDescription] = useState('');
  const { errors, fieldError, fail, clear, setErrors } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (!category) {
      setErrors([{ field: 'risk-category', message: 'Choose what happened' }]);
      return;
    }
    try {
      await call('risk.log', { caseId, event: { date, category, description } });
      setDescription('');
      setCategory('');
      onSaved(category, date);
    } catch (error) {
      fail(error, ['risk-date'], (field) => (field === 'event.date' || field === 'date' ? 'risk-date' : field));
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Log a risk event">
      <h3 className="govuk-heading-s">Log a risk event</h3>
      <p className="govuk-body">The RO must be told within 1 working day.</p>
      <ErrorSummary errors={errors} />
      <DateInput id="risk-date" legend="Date" value={date} onChange={setDate} error={fieldError('risk-date')} />
      <SelectField
        id="risk-category"
        label="What happened"
        value={category}
        options={RISK_EVENT_CATEGORIES.values}
        labels={RISK_EVENT_CATEGORIES.labels}
        onChange={setCategory}
        emptyLabel="Choose"
        error={fieldError('risk-category')}
      />
      <TextField id="risk-description" label="Details (optional)" value={description} onChange={setDescription} />
      <button type="submit" className="govuk-button">
        Log risk event
      </button>
    </form>
  );
}

function LiaisonForm({
  caseId,
  today,
  events,
  onSaved,
}: {
  caseId: number;
  today: string;
  events: { id: number; date: string; category: string }[];
  onSaved: () => void;
}) {
  const [date, setDate] = useState(today);
  const [agency, setAgency] = useState<LiaisonAgency | ''>('ro');
  const [sharedWith, setSharedWith] = useState('');
  const [method, setMethod] = useState('');
  const [what, setWhat] = useState('');
  const [riskEventId, setRiskEventId] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, fieldError, fail, clear, setErrors } = useFormErrors();
  // After a save the form is empty again, ready for the next: its old values would be sent twice.
  const reset = () => {
    setDate(today);
    setAgency('ro');
    setSharedWith('');
    setMethod('');
    setWhat('');
    setRiskEventId('');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(null);
    if (!agency) {
      setErrors([{ field: 'liaison-agency', message: 'Choose who it was shared with' }]);
      return;
    }
    try {
      await call('liaison.log', { caseId, liaison: { date, agency, sharedWith, method, what, riskEventId: riskEventId ? Number(riskEventId) : null } });
      reset();
      setSaved('Liaison recorded.');
      onSaved();
    } catch (error) {
      fail(error, ['liaison-date'], (field) => (field === 'liaison.date' || field === 'date' ? 'liaison-date' : field));
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Record liaison" id="liaison-form" tabIndex={-1}>
      <h3 className="govuk-heading-s">Record information shared</h3>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">{saved}</p> : null}</div>
      <DateInput id="liaison-date" legend="Date shared" value={date} onChange={setDate} error={fieldError('liaison-date')} />
      <SelectField
        id="liaison-agency"
        label="Shared with"
        value={agency}
        options={LIAISON_AGENCIES.values}
        labels={LIAISON_AGENCIES.labels}
        onChange={setAgency}
        emptyLabel="Choose"
        error={fieldError('liaison-agency')}
      />
      <TextField id="liaison-person" label="Name (optional)" value={sharedWith} onChange={setSharedWith} />
      <TextField id="liaison-method" label="How (optional)" hint="For example, phone, email, meeting" value={method} onChange={setMethod} />
      <TextField id="liaison-what" label="What was shared (optional)" value={what} onChange={setWhat} />
      {events.length ? (
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="liaison-event">
            About the risk event (optional)
          </label>
          <select className="govuk-select" id="liaison-event" value={riskEventId} onChange={(e) => setRiskEventId(e.target.value)}>
            <option value="">None</option>
            {events.map((e) => (
              <option key={e.id} value={e.id}>
                {formatDateShort(e.date)}: {RISK_EVENT_CATEGORIES.labels[e.category as RiskEventCategory] ?? e.category}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="govuk-button">
        Record liaison
      </button>
    </form>
  );
}
