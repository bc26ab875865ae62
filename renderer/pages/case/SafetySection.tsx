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

type Profile = SafetyView['profile'];
type Marac = SafetyView['marac'];

/** The safe-contact profile, and MARAC, IDVA and DASH. */
export function SafetySection({
  caseId,
  canWrite,
  onChanged,
  dashMaracThreshold,
}: {
  caseId: number;
  canWrite: boolean;
  onChanged: () => void;
  dashMaracThreshold: number;
}) {
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
      <MaracForm caseId={caseId} version={safety.data.version} initial={safety.data.marac} canWrite={canWrite} onSaved={saved} threshold={dashMaracThreshold} />
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

function MaracForm({
  caseId,
  version,
  initial,
  canWrite,
  onSaved,
  threshold,
}: {
  caseId: number;
  version: number;
  initial: Marac;
  canWrite: boolean;
  onSaved: () => void;
  threshold: number;
}) {
  const [m, setM] = useState({ ...initial, dashScore: initial.dashScore === null ? '' : String(initial.dashScore) });
  const [saved, setSaved] = useState(false);
  const { errors, fieldError, fail, clear, setErrors } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    if (m.dashScore.trim() && !/^\d+$/.test(m.dashScore.trim())) {
      setErrors([{ field: 'marac-dashScore', message: 'DASH score must be a whole number from 0 to 24' }]);
      return;
    }
    try {
      await call('marac.update', {
        caseId,
        version,
        marac: { ...m, idvaStatus: (m.idvaStatus || null) as IdvaStatus | null, dashScore: m.dashScore.trim() ? Number(m.dashScore) : null },
      });
      setSaved(true);
      onSaved();
    } catch (error) {
      fail(
        error,
        ['marac-maracReferralDate', 'marac-maracMeetingDate', 'marac-idvaReferralDate', 'marac-dashDate', 'marac-dashScore'],
        (field) => `marac-${field.replace(/^marac\./, '')}`,
      );
    }
  };
  const score = Number(m.dashScore);
  return (
    <form noValidate onSubmit={submit} aria-labelledby="marac-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="marac-heading">
        MARAC, IDVA and DASH
      </h2>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">Saved.</p> : null}</div>
      <DateInput
        id="marac-dashDate"
        legend="DASH checklist completed (optional)"
        value={m.dashDate ?? ''}
        onChange={(v) => setM({ ...m, dashDate: v })}
        error={fieldError('marac-dashDate')}
      />
      <TextField
        id="marac-dashScore"
        label="DASH score (0 to 24)"
        value={m.dashScore}
        onChange={(v) => setM({ ...m, dashScore: v })}
        inputMode="numeric"
        widthClass="govuk-input--width-2"
        error={fieldError('marac-dashScore')}
      />
      {m.dashScore.trim() && score >= threshold && !m.maracReferralDate ? (
        <div className="govuk-inset-text" data-testid="marac-suggestion">
          A DASH score of {threshold} or more is high risk in your team: consider a MARAC referral.
        </div>
      ) : null}
      <DateInput
        id="marac-maracReferralDate"
        legend="MARAC referral date (optional)"
        value={m.maracReferralDate ?? ''}
        onChange={(v) => setM({ ...m, maracReferralDate: v })}
        error={fieldError('marac-maracReferralDate')}
      />
      <DateInput
        id="marac-maracMeetingDate"
        legend="MARAC meeting date (optional)"
        value={m.maracMeetingDate ?? ''}
        onChange={(v) => setM({ ...m, maracMeetingDate: v })}
        error={fieldError('marac-maracMeetingDate')}
      />
      <TextField
        id="marac-maracOutcome"
        label="MARAC outcome and actions (optional)"
        value={m.maracOutcome ?? ''}
        onChange={(v) => setM({ ...m, maracOutcome: v })}
      />
      <SelectField
        id="marac-idva"
        label="IDVA"
        value={(m.idvaStatus ?? '') as IdvaStatus | ''}
        options={IDVA_STATUSES.values}
        labels={IDVA_STATUSES.labels}
        onChange={(v) => setM({ ...m, idvaStatus: v || null })}
        emptyLabel="Not referred"
      />
      {m.idvaStatus ? (
        <DateInput
          id="marac-idvaReferralDate"
          legend="Date referred to the IDVA"
          value={m.idvaReferralDate ?? ''}
          onChange={(v) => setM({ ...m, idvaReferralDate: v })}
          error={fieldError('marac-idvaReferralDate')}
        />
      ) : null}
      {canWrite ? (
        <button type="submit" className="govuk-button">
          Save MARAC, IDVA and DASH
        </button>
      ) : null}
    </form>
  );
}
