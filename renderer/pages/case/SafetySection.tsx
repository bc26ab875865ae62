import { useState, type FormEvent } from 'react';
import { IDVA_STATUSES, type IdvaStatus } from '../../../shared/reference-data';
import type { SafetyView } from '../../../shared/record-views';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { caseHref } from '../../routes';

type Profile = SafetyView['profile'];
type Idva = SafetyView['idva'];

/** The safe-contact profile, and the IDVA referral. */
export function SafetySection({ caseId, canWrite, onChanged }: { caseId: number; canWrite: boolean; onChanged: () => void }) {
  const safety = useQuery('safety.get', { caseId });
  const saved = () => {
    void safety.reload();
    onChanged();
  };
  if (!safety.data) return <p className="govuk-body">{safety.error?.message ?? 'Loading…'}</p>;
  return (
    <>
      {/* Both forms send back the case's version; after either saves, both need the new one. */}
      <ProfileForm caseId={caseId} version={safety.data.version} initial={safety.data.profile} canWrite={canWrite} onSaved={saved} />
      <IdvaForm caseId={caseId} version={safety.data.version} initial={safety.data.idva} canWrite={canWrite} onSaved={saved} />
    </>
  );
}

const TEXTS: [keyof Profile, string, string?][] = [
  ['safePhone', 'Safe phone number'],
  ['safeEmail', 'Safe email address'],
  ['safeAddress', 'Safe address for letters', 'Leave empty if no address is safe for letters'],
  ['safeTimes', 'Safe times to contact', 'For example, weekday mornings while he is at work'],
  ['preferredLanguage', 'Preferred language'],
  ['accessNeeds', 'Access needs'],
  ['doNotContactVia', 'Do not contact via: their name', 'A person the victim must not be reached through. Their name only: who they are goes below'],
  ['doNotContactViaAbout', 'Who they are', 'For example, his sister'],
  ['safeContactNotes', 'Other safe-contact notes'],
];
const RULES: [keyof Profile, string][] = [
  ['noVoicemail', 'No voicemail'],
  ['noLetters', 'No letters'],
  ['noTexts', 'No texts'],
  ['interpreterNeeded', 'Needs an interpreter'],
];

function ProfileForm({
  caseId,
  version,
  initial,
  canWrite,
  onSaved,
}: {
  caseId: number;
  version: number;
  initial: Profile;
  canWrite: boolean;
  onSaved: () => void;
}) {
  // Filled once: a reload after the MARAC form saves brings a new version, and must not wipe what is being typed here.
  const [profile, setProfile] = useState<Profile>(initial);
  const [saved, setSaved] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    try {
      await call('safety.update', { caseId, version, profile });
      setSaved(true);
      onSaved();
    } catch (error) {
      fail(
        error,
        TEXTS.map(([k]) => `safety-${k}`),
        (field) => `safety-${field.replace(/^profile\./, '')}`,
      );
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="safe-contact-heading">
      <h2 className="govuk-heading-m" id="safe-contact-heading">
        Safe contact
      </h2>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">Safe-contact profile saved.</p> : null}</div>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Rules</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {RULES.map(([key, label]) => (
              <div className="govuk-checkboxes__item" key={key}>
                <input
                  className="govuk-checkboxes__input"
                  id={`safety-${key}`}
                  type="checkbox"
                  disabled={!canWrite}
                  checked={profile[key] as boolean}
                  onChange={(e) => setProfile({ ...profile, [key]: e.target.checked })}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`safety-${key}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {TEXTS.map(([key, label, hint]) => (
        <TextField
          key={key}
          id={`safety-${key}`}
          label={label}
          {...(hint ? { hint } : {})}
          value={(profile[key] as string | null) ?? ''}
          onChange={(v) => setProfile({ ...profile, [key]: v })}
          error={fieldError(`safety-${key}`)}
        />
      ))}
      {canWrite ? (
        <button type="submit" className="govuk-button">
          Save safe-contact profile
        </button>
      ) : null}
    </form>
  );
}

/** The IDVA referral. (MARAC and DASH are under Agencies: each referral and assessment is kept.) */
function IdvaForm({ caseId, version, initial, canWrite, onSaved }: { caseId: number; version: number; initial: Idva; canWrite: boolean; onSaved: () => void }) {
  const [idva, setIdva] = useState(initial);
  const [saved, setSaved] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    try {
      await call('idva.update', { caseId, version, idva: { ...idva, idvaStatus: (idva.idvaStatus || null) as IdvaStatus | null } });
      setSaved(true);
      onSaved();
    } catch (error) {
      fail(error, ['idva-idvaReferralDate'], (field) => `idva-${field.replace(/^idva\./, '')}`);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="idva-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="idva-heading">
        IDVA
      </h2>
      <p className="govuk-body">
        MARAC referrals and DASH checklists are under{' '}
        <a className="govuk-link" href={caseHref(caseId, 'agencies')}>
          Agencies
        </a>
        .
      </p>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">Saved.</p> : null}</div>
      <SelectField
        id="idva-status"
        label="IDVA"
        value={(idva.idvaStatus ?? '') as IdvaStatus | ''}
        options={IDVA_STATUSES.values}
        labels={IDVA_STATUSES.labels}
        onChange={(v) => setIdva({ ...idva, idvaStatus: v || null })}
        emptyLabel="Not referred"
      />
      {idva.idvaStatus ? (
        <DateInput
          id="idva-idvaReferralDate"
          legend="Date referred to the IDVA"
          value={idva.idvaReferralDate ?? ''}
          onChange={(v) => setIdva({ ...idva, idvaReferralDate: v })}
          error={fieldError('idva-idvaReferralDate')}
        />
      ) : null}
      {canWrite ? (
        <button type="submit" className="govuk-button">
          Save IDVA
        </button>
      ) : null}
    </form>
  );
}
