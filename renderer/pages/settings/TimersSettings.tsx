import { useEffect, useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import { DEFAULT_TIMER_RULES, type Period, type TimerRules } from '../../../shared/timer-rules';
import { call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ProgressBar } from '../../components/ProgressBar';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../session-context';
import { plural } from '../../../shared/wording';

const PERIODS: { key: keyof TimerRules; label: string; starts: string }[] = [
  { key: 'referral', label: 'Referral', starts: 'after the sentence date (the release date for licence and post-sentence supervision)' },
  { key: 'firstContact', label: 'First contact', starts: 'after the referral is received' },
  { key: 'programmeStartContact', label: 'Programme start contact', starts: 'after the programme starts' },
  { key: 'programmeExitCompleted', label: 'Programme exit contact (completed)', starts: 'after the programme ends' },
  { key: 'programmeExitEarly', label: 'Early-exit contact (removed, dropped out, breach, recall, withdrawn, deselected)', starts: 'after the programme ends' },
  { key: 'keepInTouch', label: 'Keep in touch', starts: 'after the last successful contact' },
  { key: 'riskShare', label: 'Risk information shared with the RO', starts: 'after a risk event' },
  { key: 'unableToContactReview', label: 'Review: unable to contact?', starts: 'after the attempts that make it (below)' },
  { key: 'agencyCheck', label: 'Police or children’s social care check answered', starts: 'after it is asked for' },
  { key: 'safetyPlanTriggerReview', label: 'Safety plan reviewed after a risk event, release, programme end or order expiry', starts: 'after it' },
];

type NumberKey =
  | 'warnDays'
  | 'orderExpiryWarnDays'
  | 'chaseEveryWorkingDays'
  | 'escalateAfterChases'
  | 'releaseContactWarnDays'
  | 'releaseContactWindowDays'
  | 'unableToContactAttempts'
  | 'unableToContactMethods'
  | 'releasesAheadDays'
  | 'safetyPlanReviewMonths'
  | 'escalateRiskShareWorkingDays'
  | 'escalateLiaisonWorkingDays';

/** Each whole-number setting, with its allowed range (the same as the core's schema). */
const NUMBERS: { key: NumberKey; label: string; hint: string; min: number; max: number }[] = [
  { key: 'warnDays', label: 'Days before due that a timer shows as due soon', hint: 'Calendar days', min: 1, max: 60 },
  { key: 'orderExpiryWarnDays', label: 'Days before expiry that an order shows as due soon', hint: 'Calendar days', min: 1, max: 365 },
  { key: 'chaseEveryWorkingDays', label: 'Chase a late referral again after this many working days', hint: 'Working days', min: 1, max: 60 },
  { key: 'escalateAfterChases', label: 'Escalate after this many chases', hint: 'Chases logged', min: 1, max: 20 },
  { key: 'releaseContactWarnDays', label: 'Days before a release or supervision end that contact shows as due soon', hint: 'Calendar days', min: 1, max: 90 },
  {
    key: 'releaseContactWindowDays',
    label: 'A contact this many days before a release or supervision end counts for it',
    hint: 'Calendar days',
    min: 1,
    max: 180,
  },
  { key: 'unableToContactAttempts', label: 'Unanswered attempts before the "unable to contact" review', hint: 'Attempts', min: 1, max: 20 },
  { key: 'unableToContactMethods', label: '… made in at least this many ways', hint: 'Methods (phone, letter, text…)', min: 1, max: 8 },
  { key: 'releasesAheadDays', label: 'Today lists releases this many days ahead', hint: 'Calendar days', min: 1, max: 180 },
  { key: 'safetyPlanReviewMonths', label: 'Review a safety plan at least every', hint: 'Months', min: 1, max: 24 },
  {
    key: 'escalateRiskShareWorkingDays',
    label: 'Escalate a risk share not made this many working days after it was due',
    hint: 'Working days',
    min: 1,
    max: 30,
  },
  { key: 'escalateLiaisonWorkingDays', label: 'Escalate liaison not acknowledged after this many working days', hint: 'Working days', min: 1, max: 30 },
];

/** Every number in the team's timer rules; saving recalculates every case's timers. */
export function TimersSettings() {
  const session = useSession();
  const stored = useQuery('timers.rules', {});
  const [rules, setRules] = useState<Record<string, string | Period>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ rules: TimerRules; casesChanged: number; cases: number } | null>(null);
  // The check's answer takes focus once, when it appears (not again on each render while it shows).
  const showing = confirming !== null;
  useEffect(() => {
    if (showing) document.getElementById('timers-confirm')?.focus();
  }, [showing]);
  const { errors, setErrors, fieldError, fail, clear } = useFormErrors();
  const isAdmin = mayCall(session.role, 'timers.updateRules');

  useEffect(() => {
    if (stored.data) setRules(Object.fromEntries(Object.entries(stored.data).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])));
  }, [stored.data]);
  if (!stored.data || !Object.keys(rules).length) return <p className="govuk-body">Loading…</p>;

  const period = (key: keyof TimerRules) => rules[key] as Period;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(null);
    const problems: { field: string; message: string }[] = [];
    const whole = (text: string, field: string, label: string, min: number, max: number) => {
      const value = Number(String(text).trim());
      if (String(text).trim() === '' || !Number.isInteger(value) || value < min || value > max)
        problems.push({ field, message: `${label} must be a whole number from ${min} to ${max}` });
      return value;
    };
    const next = { ...DEFAULT_TIMER_RULES } as TimerRules;
    for (const p of PERIODS) {
      const current = period(p.key);
      (next as unknown as Record<string, Period>)[p.key] = { unit: current.unit, amount: whole(String(current.amount), `${p.key}-amount`, p.label, 1, 365) };
    }
    for (const n of NUMBERS) next[n.key] = whole(rules[n.key] as string, n.key, n.label, n.min, n.max);
    if (problems.length) {
      setErrors(problems);
      return;
    }
    setBusy(true);
    try {
      // First say what the new rules would do, and save only when the administrator confirms.
      const preview = await call('timers.previewRules', next);
      setConfirming({ rules: next, ...preview });
    } catch (error) {
      fail(error, []);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!confirming) return;
    setBusy(true);
    try {
      // The version the form was filled from: another administrator's change since is never silently undone.
      const result = await call('timers.updateRules', { ...confirming.rules, version: stored.data!.version });
      setSaved(`Timer rules saved. Timers recalculated for ${plural(result.recomputed, 'case')}.`);
      setConfirming(null);
      void stored.reload();
    } catch (error) {
      setConfirming(null);
      fail(error, []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2 className="govuk-heading-m">Timers</h2>
      {!isAdmin ? <p className="govuk-body">Only an administrator can change the team’s timer rules.</p> : null}
      <ErrorSummary errors={errors} />
      {saved ? (
        <div className="govuk-inset-text" role="status">
          {saved}
        </div>
      ) : null}
      <form noValidate onSubmit={submit}>
        {PERIODS.map((p) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={p.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{p.label}</legend>
            <div className={`govuk-form-group${fieldError(`${p.key}-amount`) ? ' govuk-form-group--error' : ''}`}>
              <label className="govuk-label" htmlFor={`${p.key}-amount`}>
                Due this many days {p.starts}
              </label>
              {fieldError(`${p.key}-amount`) ? <p className="govuk-error-message">{fieldError(`${p.key}-amount`)}</p> : null}
              <input
                className="govuk-input govuk-input--width-3"
                id={`${p.key}-amount`}
                inputMode="numeric"
                disabled={!isAdmin}
                value={String(period(p.key).amount)}
                onChange={(e) => setRules({ ...rules, [p.key]: { ...period(p.key), amount: e.target.value as unknown as number } })}
              />
            </div>
            <div className="govuk-radios govuk-radios--small govuk-radios--inline">
              {(
                [
                  ['days', 'Calendar days'],
                  ['working_days', 'Working days'],
                ] as const
              ).map(([unit, label]) => (
                <div className="govuk-radios__item" key={unit}>
                  <input
                    className="govuk-radios__input"
                    type="radio"
                    id={`${p.key}-${unit}`}
                    name={`${p.key}-unit`}
                    disabled={!isAdmin}
                    checked={period(p.key).unit === unit}
                    onChange={() => setRules({ ...rules, [p.key]: { ...period(p.key), unit } })}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`${p.key}-${unit}`}>
                    {label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        {NUMBERS.map((n) => (
          <div className={`govuk-form-group${fieldError(n.key) ? ' govuk-form-group--error' : ''}`} key={n.key}>
            <label className="govuk-label govuk-label--s" htmlFor={n.key}>
              {n.label}
            </label>
            <div className="govuk-hint">{n.hint}</div>
            {fieldError(n.key) ? <p className="govuk-error-message">{fieldError(n.key)}</p> : null}
            <input
              className="govuk-input govuk-input--width-3"
              id={n.key}
              inputMode="numeric"
              disabled={!isAdmin}
              value={rules[n.key] as string}
              onChange={(e) => setRules({ ...rules, [n.key]: e.target.value })}
            />
          </div>
        ))}
        <ProgressBar operation="recompute-timers" active={busy} />
        {confirming ? (
          <div
            className="govuk-notification-banner"
            role="region"
            aria-labelledby="timers-confirm-title"
            data-testid="timers-confirm"
            id="timers-confirm"
            tabIndex={-1}
          >
            <div className="govuk-notification-banner__header">
              <h3 className="govuk-notification-banner__title" id="timers-confirm-title">
                Check before saving
              </h3>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">
                {confirming.casesChanged === 0
                  ? `These rules change no case's timers (of ${plural(confirming.cases, 'case')}).`
                  : `These rules change the timers of ${plural(confirming.casesChanged, 'case')} of ${confirming.cases.toLocaleString('en-GB')}.`}
              </p>
              <p className="govuk-body">Due dates, Today and the chase list will follow the new rules for everyone.</p>
              <div className="govuk-button-group">
                <button type="button" className="govuk-button" disabled={busy} onClick={() => void confirm()}>
                  Save the new rules
                </button>
                <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </div>
          </div>
        ) : isAdmin ? (
          <button type="submit" className="govuk-button" disabled={busy}>
            Check and save
          </button>
        ) : null}
      </form>
    </>
  );
}
