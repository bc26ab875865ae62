import { useState, type FormEvent } from 'react';
import { dvdsInputSchema, vloInputSchema } from '../../../../shared/agency-inputs';
import { DVDS_OUTCOMES, DVDS_ROUTES, type DvdsOutcome, type DvdsRoute } from '../../../../shared/agency-reference';
import type { AgenciesView } from '../../../../shared/agency-views';
import { MAPPA_CATEGORIES, MAPPA_LEVELS } from '../../../../shared/reference-data';
import { formatDateShort } from '../../../../shared/uk-dates';
import { call } from '../../../api/client';
import { DateInput } from '../../../components/DateInput';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField } from '../../../components/SelectField';
import { SummaryRow } from '../../../components/SummaryRow';
import { TextField } from '../../../components/TextField';
import { useFormErrors } from '../../../hooks/useFormErrors';
import { caseHref } from '../../../routes';
import { Reveal } from '../../../components/Reveal';

/** MAPPA (his, from the case), the Victim Liaison Officer working with her, and Clare's Law applications. */
export function OtherAgenciesPanel({ caseId, view, canWrite, onChanged }: { caseId: number; view: AgenciesView; canWrite: boolean; onChanged: () => void }) {
  const { mappa } = view;
  return (
    <section aria-labelledby="other-agencies-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="other-agencies-heading">
        MAPPA, Victim Liaison Officer and Clare’s Law
      </h2>
      <dl className="govuk-summary-list">
        <SummaryRow
          label="MAPPA"
          value={
            mappa.category || mappa.level
              ? [
                  mappa.category ? MAPPA_CATEGORIES.labels[mappa.category as keyof typeof MAPPA_CATEGORIES.labels] : null,
                  mappa.level ? MAPPA_LEVELS.labels[mappa.level as keyof typeof MAPPA_LEVELS.labels] : null,
                ]
                  .filter(Boolean)
                  .join(', ')
              : 'Not a MAPPA case, or not known'
          }
        />
      </dl>
      {canWrite ? (
        <p className="govuk-body">
          <a className="govuk-link" href={caseHref(caseId, 'edit')}>
            Change MAPPA on the case<span className="govuk-visually-hidden"> (it is his, shared with his other cases)</span>
          </a>
        </p>
      ) : null}
      <VloForm caseId={caseId} view={view} canWrite={canWrite} onSaved={onChanged} />
      <h3 className="govuk-heading-s govuk-!-margin-top-6">Clare’s Law (Domestic Violence Disclosure Scheme)</h3>
      {view.dvds.length === 0 ? <p className="govuk-body">No applications recorded.</p> : null}
      <ul className="govuk-list" data-testid="dvds-applications">
        {view.dvds.map((a) => (
          <li key={a.id}>
            {DVDS_ROUTES.labels[a.route as DvdsRoute] ?? a.route}, {formatDateShort(a.applicationDate)}:{' '}
            {DVDS_OUTCOMES.labels[a.outcome as DvdsOutcome] ?? a.outcome}
            {a.outcomeDate ? ` (${formatDateShort(a.outcomeDate)})` : ''}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <Reveal label="Record a Clare’s Law application">
          {(close) => (
            <DvdsForm
              caseId={caseId}
              today={view.asOf}
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

function VloForm({ caseId, view, canWrite, onSaved }: { caseId: number; view: AgenciesView; canWrite: boolean; onSaved: () => void }) {
  const [vlo, setVlo] = useState({ vloName: view.vlo.vloName ?? '', vloContact: view.vlo.vloContact ?? '' });
  const [saved, setSaved] = useState(false);
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    if (!check(vloInputSchema, vlo, (f) => `vlo-${f}`)) return;
    try {
      await call('vlo.update', { caseId, version: view.caseVersion, vlo });
      setSaved(true);
      onSaved();
    } catch (error) {
      fail(error, ['vlo-vloName', 'vlo-vloContact'], (f) => `vlo-${f.replace(/^vlo\./, '')}`);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="vlo-heading">
      <h3 className="govuk-heading-s" id="vlo-heading">
        Victim Liaison Officer (Victim Contact Scheme)
      </h3>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">Saved.</p> : null}</div>
      <TextField
        id="vlo-vloName"
        label="Name"
        hint="Leave empty if she has no VLO"
        value={vlo.vloName}
        onChange={(vloName) => setVlo({ ...vlo, vloName })}
        error={fieldError('vlo-vloName')}
      />
      <TextField
        id="vlo-vloContact"
        label="Phone or email"
        value={vlo.vloContact}
        onChange={(vloContact) => setVlo({ ...vlo, vloContact })}
        error={fieldError('vlo-vloContact')}
      />
      {canWrite ? (
        <button type="submit" className="govuk-button govuk-button--secondary">
          Save VLO
        </button>
      ) : null}
    </form>
  );
}

function DvdsForm({ caseId, today, onSaved }: { caseId: number; today: string; onSaved: () => void }) {
  const [route, setRoute] = useState<DvdsRoute | ''>('');
  const [applicationDate, setApplicationDate] = useState(today);
  const [outcome, setOutcome] = useState<DvdsOutcome>('pending');
  const [outcomeDate, setOutcomeDate] = useState('');
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const rename = (field: string) => `dvds-${field.replace(/^application\./, '')}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const application = { route, applicationDate, outcome, outcomeDate };
    if (!check(dvdsInputSchema, application, rename)) return;
    try {
      await call('dvds.save', { caseId, application: application as { route: DvdsRoute; applicationDate: string; outcome: DvdsOutcome; outcomeDate: string } });
      setRoute('');
      setOutcome('pending');
      setOutcomeDate('');
      onSaved();
    } catch (error) {
      fail(error, ['dvds-route', 'dvds-applicationDate', 'dvds-outcomeDate'], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Record a Clare’s Law application">
      <ErrorSummary errors={errors} />
      <SelectField
        id="dvds-route"
        label="Application"
        value={route}
        options={DVDS_ROUTES.values}
        labels={DVDS_ROUTES.labels}
        onChange={setRoute}
        emptyLabel="Choose"
        error={fieldError('dvds-route')}
      />
      <DateInput
        id="dvds-applicationDate"
        legend="Date of the application"
        value={applicationDate}
        onChange={setApplicationDate}
        error={fieldError('dvds-applicationDate')}
      />
      <SelectField
        id="dvds-outcome"
        label="Outcome"
        value={outcome}
        options={DVDS_OUTCOMES.values}
        labels={DVDS_OUTCOMES.labels}
        onChange={(v) => setOutcome(v || 'pending')}
        emptyLabel={null}
      />
      {outcome !== 'pending' ? (
        <DateInput id="dvds-outcomeDate" legend="Date of the outcome" value={outcomeDate} onChange={setOutcomeDate} error={fieldError('dvds-outcomeDate')} />
      ) : null}
      <button type="submit" className="govuk-button govuk-button--secondary">
        Record application
      </button>
    </form>
  );
}
