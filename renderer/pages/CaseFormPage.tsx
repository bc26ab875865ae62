import { useEffect, useState, type FormEvent } from 'react';
import { caseInputSchema } from '../../shared/case-input';
import { londonDate } from '../../shared/calendar';
import { CASE_FACT_DATES, futureDates } from '../../shared/future-dates';
import {
  FLAGS,
  PROGRAMME_OUTCOMES,
  PROGRAMME_STATUSES,
  PROGRAMME_TRANSITIONS,
  REQUIREMENTS,
  RISK_LEVELS,
  SENTENCE_TYPES,
  type FlagCode,
  type ProgrammeStatus,
} from '../../shared/reference-data';
import { asClientError, call } from '../api/client';
import { clientCache } from '../api/cache';
import { DateInput } from '../components/DateInput';
import { ErrorSummary, type FormError } from '../components/ErrorSummary';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { useQuery } from '../hooks/useQuery';
import { issuesAsErrors } from '../hooks/useFormErrors';
import { caseHref, navigate, requestFocus } from '../routes';
import { useSession } from '../session-context';
import { OfficeField } from './case-form/OfficeField';
import type { CaseForm as Form } from './case-form/form-types';
import { BLANK_CHOICES, fromDetail, linkedPrefill, toInput } from './case-form/form-values';
import { PersonFields } from './case-form/PersonFields';
import { VictimDetailsFields } from './case-form/VictimDetailsFields';
import { CheckboxItem } from '../components/CheckboxItem';

/** The steps of a new case, each a group of the form's sections (`data-step`). */
const STEPS = ['Perpetrator and sentence', 'Victim and safety', 'Referral and programme'] as const;

/** Which step a field is on: the group its input sits in (every step is drawn, the others hidden). */
function stepOf(field: string): number {
  return Number(document.getElementById(field)?.closest('[data-step]')?.getAttribute('data-step') ?? STEPS.length);
}

/** New case (in steps) and Edit case: every error listed at once, nothing saved until all is right. */
export function CaseFormPage({
  caseId,
  canWrite,
  linkedFrom,
}: {
  caseId: number | null;
  canWrite: boolean;
  /** Open a linked case for a new partner disclosed on this case on this date. */
  linkedFrom?: { caseId: number; disclosed: string };
}) {
  const existing = useQuery('cases.get', { caseId: caseId ?? linkedFrom?.caseId ?? 1 }, { enabled: caseId !== null || linkedFrom !== undefined });
  const workers = useQuery('workers.list', {}, { cache: true });
  const [form, setForm] = useState<Form>(BLANK_CHOICES);
  const [loadedFrom, setLoadedFrom] = useState<ProgrammeStatus | null>(null);
  // The version this form was filled from: a save after someone else's is refused, never silently undone.
  const [loadedVersion, setLoadedVersion] = useState(0);
  const [loadedPersonVersion, setLoadedPersonVersion] = useState(1);
  const [stale, setStale] = useState(false);
  const [programmeReason, setProgrammeReason] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  // A new case is made in steps; an edit shows every section at once.
  const stepped = caseId === null;
  const [step, setStep] = useState(1);
  const hiddenStep = (n: number) => stepped && n !== step;
  const goToStep = (n: number, stepErrors: FormError[]) => {
    setStep(n);
    setErrors(stepErrors);
    if (!stepErrors.length) requestFocus('case-step');
  };
  const session = useSession();
  // The signed-in worker is the usual owner of a case they open.
  useEffect(() => {
    if (caseId === null && !linkedFrom && session.role === 'plw') setForm((f) => (f.ownerName ? f : { ...f, ownerName: session.accountName }));
  }, [caseId, linkedFrom, session]);

  useEffect(() => {
    if (caseId === null && linkedFrom && existing.data) setForm(linkedPrefill(existing.data, linkedFrom.disclosed));
  }, [caseId, linkedFrom, existing.data]);
  useEffect(() => {
    if (caseId !== null && existing.data) {
      setForm(fromDetail(existing.data));
      setLoadedFrom(existing.data.fields.programmeStatus);
      setLoadedVersion(existing.data.version);
      setLoadedPersonVersion(existing.data.perpetratorVersion);
      setStale(false);
    }
  }, [caseId, existing.data]);

  if (!canWrite) return <p className="govuk-body">Managers can view cases but not change them.</p>;
  if (caseId !== null && !existing.data) return <p className="govuk-body">{existing.error?.message ?? 'Loading…'}</p>;

  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) =>
      setForm((current) => ({ ...current, [key]: value }));
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const statusOptions: ProgrammeStatus[] = loadedFrom ? [loadedFrom, ...PROGRAMME_TRANSITIONS[loadedFrom]] : PROGRAMME_STATUSES.values;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(form);
    const checked = caseInputSchema.safeParse(input);
    // Facts that meet a timer cannot lie after today (docs/timers.md); the core says the same.
    const future = checked.success
      ? futureDates(
          CASE_FACT_DATES.map((f) => ({ ...f, value: checked.data[f.field] })),
          londonDate(new Date()),
        )
      : [];
    const problems = [...(checked.success ? [] : issuesAsErrors(checked.error.issues)), ...future];
    if (stepped) {
      // A step goes on when its own fields are right; the last step checks the whole case and
      // goes back to the first step with something to fix.
      if (step < STEPS.length) {
        const here = problems.filter((p) => p.field && stepOf(p.field) === step);
        if (here.length) setErrors(here);
        else goToStep(step + 1, []);
        return;
      }
      if (problems.length) {
        const first = Math.min(...problems.map((p) => (p.field ? stepOf(p.field) : STEPS.length)));
        goToStep(
          first,
          problems.filter((p) => (p.field ? stepOf(p.field) : STEPS.length) === first),
        );
        return;
      }
    } else if (problems.length) {
      setErrors(problems);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const reason = programmeReason.trim() ? { programmeReason: programmeReason.trim() } : {};
      if (caseId === null) {
        const created = await call('cases.create', { case: input, ...reason });
        clientCache.invalidate('workers.list');
        navigate(caseHref(created.caseId));
      } else {
        await call('cases.update', { caseId, version: loadedVersion, perpetratorVersion: loadedPersonVersion, case: input, ...reason });
        clientCache.invalidate('workers.list');
        navigate(caseHref(caseId));
      }
    } catch (failure) {
      const { message, field } = asClientError(failure);
      // A stale version is about the whole form, not one field: the summary says so, and what was typed stays.
      setErrors([{ field: field === 'version' ? undefined : field?.replace(/^case\./, ''), message }]);
      setStale(field === 'version');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {stale ? (
          <div className="govuk-inset-text" data-testid="stale-edit">
            <p className="govuk-body">What you typed is still below. Note the changes you made, then load the case as it is now and make them again.</p>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => void existing.reload().then(() => setErrors([]))}
            >
              Load the case as it is now
            </button>
          </div>
        ) : null}
        <h1 className="govuk-heading-l">
          {caseId !== null ? `Edit case ${existing.data?.caseRef ?? ''}` : linkedFrom ? 'New linked case for a new partner' : 'New case'}
        </h1>
        {linkedFrom && existing.data ? (
          <p className="govuk-body" data-testid="linked-from">
            He disclosed a new relationship on case {existing.data.caseRef}. His details, sentence and RO are filled in from that case; the referral is the
            disclosure.
          </p>
        ) : null}
        {stepped ? (
          <p className="govuk-caption-l" id="case-step" tabIndex={-1} data-testid="case-step">
            Step {step} of {STEPS.length}: {STEPS[step - 1]}
          </p>
        ) : null}
        <form noValidate onSubmit={submit}>
          <div data-step="2" hidden={hiddenStep(2)}>
            <h2 className="govuk-heading-m">Victim</h2>
            <TextField id="victimName" label="Full name" value={form.victimName} onChange={set('victimName')} error={error('victimName')} />
            <DateInput
              id="victimDob"
              legend="Date of birth (optional)"
              hint="For example, 27 3 1985"
              value={form.victimDob}
              onChange={set('victimDob')}
              error={error('victimDob')}
            />
            <TextField
              id="victimPhone"
              label="Phone number (optional)"
              value={form.victimPhone}
              onChange={set('victimPhone')}
              error={error('victimPhone')}
              widthClass="govuk-input--width-20"
            />
            <TextField id="victimEmail" label="Email address (optional)" value={form.victimEmail} onChange={set('victimEmail')} error={error('victimEmail')} />
            <TextField
              id="victimAddress"
              label="Address (optional)"
              value={form.victimAddress}
              onChange={set('victimAddress')}
              error={error('victimAddress')}
            />
            <TextField
              id="victimPostcode"
              label="Postcode (optional)"
              value={form.victimPostcode}
              onChange={set('victimPostcode')}
              error={error('victimPostcode')}
              widthClass="govuk-input--width-10"
            />
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Safe contact</legend>
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  <CheckboxItem id="noVoicemail" label="Do not leave voicemail" checked={form.noVoicemail} onChange={set('noVoicemail')} />
                  <CheckboxItem id="noLetters" label="No letters to this address" checked={form.noLetters} onChange={set('noLetters')} />
                </div>
              </fieldset>
            </div>
            <TextField
              id="safeContactNotes"
              label="Safe contact notes (optional)"
              hint="Safe times, safe address, who may answer the phone"
              value={form.safeContactNotes}
              onChange={set('safeContactNotes')}
              error={error('safeContactNotes')}
            />
            <VictimDetailsFields form={form} set={set} error={error} />
          </div>
          <div data-step="1" hidden={hiddenStep(1)}>
            <h2 className="govuk-heading-m">Perpetrator</h2>
            <TextField id="perpetratorName" label="Full name" value={form.perpetratorName} onChange={set('perpetratorName')} error={error('perpetratorName')} />
            <TextField
              id="crn"
              label="CRN (optional)"
              hint="A letter and six digits, like X123456"
              value={form.crn}
              onChange={set('crn')}
              error={error('crn')}
              widthClass="govuk-input--width-10"
            />
            <DateInput
              id="perpetratorDob"
              legend="Date of birth (optional)"
              value={form.perpetratorDob}
              onChange={set('perpetratorDob')}
              error={error('perpetratorDob')}
            />
            <PersonFields form={form} set={set} error={error} linkedCount={caseId !== null ? (existing.data?.linkedCases.length ?? 0) : linkedFrom ? 1 : 0} />

            <h2 className="govuk-heading-m">Sentence</h2>
            <DateInput
              id="sentenceDate"
              legend="Sentence date"
              hint="The referral is due 5 working days after this date (after the release date for licence and post-sentence supervision)"
              value={form.sentenceDate}
              onChange={set('sentenceDate')}
              error={error('sentenceDate')}
            />
            <SelectField
              id="sentenceType"
              label="Sentence type"
              value={form.sentenceType as never}
              options={SENTENCE_TYPES.values}
              labels={SENTENCE_TYPES.labels}
              onChange={set('sentenceType') as never}
              error={error('sentenceType')}
            />
            <SelectField
              id="requirement"
              label="Requirement"
              value={form.requirement as never}
              options={REQUIREMENTS.values}
              labels={REQUIREMENTS.labels}
              onChange={set('requirement') as never}
              error={error('requirement')}
            />

            <h2 className="govuk-heading-m">Responsible officer</h2>
            <TextField id="roName" label="Name (optional)" value={form.roName} onChange={set('roName')} error={error('roName')} />
            <TextField id="roEmail" label="Email (optional)" value={form.roEmail} onChange={set('roEmail')} error={error('roEmail')} />
            <TextField
              id="roPhone"
              label="Phone (optional)"
              value={form.roPhone}
              onChange={set('roPhone')}
              error={error('roPhone')}
              widthClass="govuk-input--width-20"
            />
            <TextField id="roOffice" label="Office (optional)" value={form.roOffice} onChange={set('roOffice')} error={error('roOffice')} />
          </div>
          <div data-step="3" hidden={hiddenStep(3)}>
            <h2 className="govuk-heading-m">Referral</h2>
            <DateInput
              id="referralReceivedDate"
              legend="Referral received (leave empty if not yet received)"
              value={form.referralReceivedDate}
              onChange={set('referralReceivedDate')}
              error={error('referralReceivedDate')}
            />
            <TextField
              id="referralSource"
              label="Referred by (optional)"
              hint="For example, the RO or the programmes team"
              value={form.referralSource}
              onChange={set('referralSource')}
              error={error('referralSource')}
            />

            <h2 className="govuk-heading-m">Programme</h2>
            <SelectField
              id="programmeStatus"
              label="Programme status"
              value={form.programmeStatus as never}
              options={statusOptions}
              labels={PROGRAMME_STATUSES.labels}
              onChange={set('programmeStatus') as never}
              error={error('programmeStatus')}
              hint={loadedFrom ? 'Only the moves allowed from the current status are listed' : undefined}
            />
            {caseId !== null && form.programmeStatus && form.programmeStatus !== (loadedFrom ?? '') ? (
              <TextField id="programmeReason" label="Reason for the change (optional)" value={programmeReason} onChange={setProgrammeReason} />
            ) : null}
            <DateInput
              id="programmeStartDate"
              legend="Programme start date (optional)"
              value={form.programmeStartDate}
              onChange={set('programmeStartDate')}
              error={error('programmeStartDate')}
            />
            <DateInput
              id="programmeEndDate"
              legend="Programme end date (optional)"
              value={form.programmeEndDate}
              onChange={set('programmeEndDate')}
              error={error('programmeEndDate')}
            />
            <SelectField
              id="programmeOutcome"
              label="Programme outcome"
              value={form.programmeOutcome as never}
              options={PROGRAMME_OUTCOMES.values}
              labels={PROGRAMME_OUTCOMES.labels}
              onChange={set('programmeOutcome') as never}
              error={error('programmeOutcome')}
              emptyLabel="Not finished"
            />
          </div>
          <div data-step="2" hidden={hiddenStep(2)}>
            <h2 className="govuk-heading-m">Risk and flags</h2>
            <SelectField
              id="riskToVictim"
              label="Risk to the victim"
              value={form.riskToVictim as never}
              options={RISK_LEVELS.values}
              labels={RISK_LEVELS.labels}
              onChange={set('riskToVictim') as never}
              error={error('riskToVictim')}
            />
            <SelectField
              id="riskToChildren"
              label="Risk to children"
              value={form.riskToChildren as never}
              options={RISK_LEVELS.values}
              labels={RISK_LEVELS.labels}
              onChange={set('riskToChildren') as never}
              error={error('riskToChildren')}
            />
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">nDelius register flags</legend>
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  {FLAGS.values.map((code) => (
                    <CheckboxItem
                      key={code}
                      id={`flag-${code}`}
                      label={`${code}: ${FLAGS.labels[code]}`}
                      checked={form.flags.includes(code)}
                      onChange={(on) => set('flags')(on ? [...form.flags, code] : form.flags.filter((f: FlagCode) => f !== code))}
                    />
                  ))}
                </div>
              </fieldset>
            </div>
          </div>
          <div data-step="3" hidden={hiddenStep(3)}>
            <h2 className="govuk-heading-m">Case</h2>
            <TextField
              id="ownerName"
              label="Worker who owns the case"
              hint="Choose from the list, or type a new name"
              value={form.ownerName}
              onChange={set('ownerName')}
              error={error('ownerName')}
              widthClass="govuk-!-width-one-half"
              list="worker-names"
            />
            <datalist id="worker-names">
              {(workers.data ?? []).map((w) => (
                <option key={w.id} value={w.name} />
              ))}
            </datalist>
            <OfficeField value={form.officeId} onChange={set('officeId')} isNew={caseId === null} error={error('officeId')} />
            <TextField
              id="caseRef"
              label="Case reference (optional)"
              hint={caseId === null ? 'Leave empty to have one made for you' : undefined}
              value={form.caseRef}
              onChange={set('caseRef')}
              error={error('caseRef')}
              widthClass="govuk-input--width-20"
            />
            {/* A new case is open: closing one is an edit. */}
            {caseId !== null ? (
              <DateInput
                id="closedDate"
                legend="Case closed (leave empty while open)"
                value={form.closedDate}
                onChange={set('closedDate')}
                error={error('closedDate')}
              />
            ) : null}
          </div>
          <div className="govuk-button-group">
            {stepped && step > 1 ? (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => goToStep(step - 1, [])}>
                Back
              </button>
            ) : null}
            <button type="submit" className="govuk-button" disabled={busy}>
              {stepped && step < STEPS.length ? 'Continue' : caseId === null ? 'Create case' : 'Save changes'}
            </button>
            <a className="govuk-link" href={caseId === null ? '#/caseload' : caseHref(caseId)}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
