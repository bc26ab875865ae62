import { useState, type FormEvent } from 'react';
import { futureDates } from '../../../shared/future-dates';
import {
  CONTACT_DIRECTIONS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  OUTCOMES_FOR_METHOD,
  type ContactDirection,
  type ContactMethod,
  type ContactOutcome,
} from '../../../shared/reference-data';
import { asClientError, call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { WarningText } from '../../components/WarningText';

interface ContactForm {
  date: string;
  time: string;
  method: ContactMethod | '';
  direction: ContactDirection;
  outcome: ContactOutcome | '';
  withVictim: boolean;
  withWhom: string;
  duration: string;
  notes: string;
  sensitive: boolean;
  overrideReason: string;
}

const blank = (today: string): ContactForm => ({
  date: today,
  time: '',
  method: '',
  direction: 'to_victim',
  outcome: '',
  withVictim: true,
  withWhom: '',
  duration: '',
  notes: '',
  sensitive: false,
  overrideReason: '',
});

/**
 * Logging a contact, CASA-style: what happened, with whom, and the note. The outcomes offered are
 * the ones that fit the method (nobody is "spoken to" by letter), and a letter with no safe
 * address on record is warned about as it is chosen, not on every page of the case.
 */
export function LogContactForm({
  caseId,
  today,
  noSafeAddress,
  onLogged,
}: {
  caseId: number;
  today: string;
  noSafeAddress: boolean;
  onLogged: (message: string) => void;
}) {
  const [form, setForm] = useState<ContactForm>(() => blank(today));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [unsafe, setUnsafe] = useState<string | null>(null);
  const set =
    <K extends keyof ContactForm>(key: K) =>
    (value: ContactForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  const submit = (final: boolean) => async (event?: FormEvent) => {
    event?.preventDefault();
    setErrors([]);
    const problems: FormError[] = [];
    // A contact dated after today would meet timers now (docs/timers.md); the core refuses it too.
    for (const p of futureDates([{ field: 'contact-date', label: 'the date of the contact', value: form.date }], today)) problems.push(p);
    if (!form.method) problems.push({ field: 'contact-method', message: 'Choose how the contact was made' });
    if (!form.outcome) problems.push({ field: 'contact-outcome', message: 'Choose the outcome' });
    if (form.duration && !/^\d+$/.test(form.duration.trim()))
      problems.push({ field: 'contact-duration', message: 'Duration must be a whole number of minutes' });
    if (problems.length) {
      setErrors(problems);
      return;
    }
    try {
      await call('contacts.log', {
        caseId,
        contact: {
          date: form.date,
          time: form.time,
          method: form.method as ContactMethod,
          direction: form.direction,
          outcome: form.outcome as ContactOutcome,
          withVictim: form.withVictim,
          withWhom: form.withVictim ? null : form.withWhom,
          durationMinutes: form.duration ? Number(form.duration) : null,
          notes: form.notes,
          sensitive: form.sensitive,
          final,
          overrideReason: form.overrideReason || null,
        },
      });
      setForm(blank(today));
      setUnsafe(null);
      onLogged(final ? 'Contact logged.' : 'Contact saved as a draft.');
    } catch (error) {
      const e = asClientError(error);
      if (e.code === 'UNSAFE_CONTACT') {
        setUnsafe(e.message);
        setErrors([{ field: 'contact-override', message: e.message }]);
        return;
      }
      const field = e.field?.replace(/^contact\./, '');
      const ids: Record<string, string> = {
        date: 'contact-date',
        time: 'contact-time',
        withWhom: 'contact-with-whom',
        durationMinutes: 'contact-duration',
        overrideReason: 'contact-override',
        method: 'contact-method',
        outcome: 'contact-outcome',
      };
      setErrors([{ field: field ? ids[field] : undefined, message: e.message }]);
    }
  };
  const error = (id: string) => errors.find((e) => e.field === id)?.message;

  return (
    <form noValidate onSubmit={submit(true)} aria-labelledby="log-contact-heading" id="log-contact-form" tabIndex={-1} className="app-log-contact">
      <h3 className="govuk-heading-m" id="log-contact-heading">
        Log a contact
      </h3>
      <ErrorSummary errors={errors} />
      <DateInput id="contact-date" legend="Date" value={form.date} onChange={set('date')} error={error('contact-date')} />
      <TextField
        id="contact-time"
        label="Time (optional)"
        hint="24-hour, like 14:30"
        value={form.time}
        onChange={set('time')}
        error={error('contact-time')}
        widthClass="govuk-input--width-5"
      />
      <SelectField
        id="contact-method"
        label="How"
        value={form.method}
        options={CONTACT_METHODS.values}
        labels={CONTACT_METHODS.labels}
        onChange={(method) =>
          // An outcome that does not fit the new method is cleared rather than sent.
          setForm((f) => ({ ...f, method, outcome: method && f.outcome && !OUTCOMES_FOR_METHOD[method].includes(f.outcome) ? '' : f.outcome }))
        }
        emptyLabel="Choose"
        error={error('contact-method')}
      />
      {form.method === 'letter' && noSafeAddress ? <WarningText testId="no-safe-address">No safe address for letters is on record for her.</WarningText> : null}
      <SelectField
        id="contact-direction"
        label="Direction"
        value={form.direction}
        options={CONTACT_DIRECTIONS.values}
        labels={CONTACT_DIRECTIONS.labels}
        onChange={(v) => set('direction')((v || 'to_victim') as ContactDirection)}
        emptyLabel={null}
      />
      <SelectField
        id="contact-outcome"
        label="Outcome"
        value={form.outcome}
        options={form.method ? OUTCOMES_FOR_METHOD[form.method] : CONTACT_OUTCOMES.values}
        labels={CONTACT_OUTCOMES.labels}
        onChange={set('outcome')}
        emptyLabel="Choose"
        error={error('contact-outcome')}
      />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">With whom</legend>
          <div className="govuk-radios govuk-radios--small govuk-radios--inline">
            <div className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id="contact-with-victim"
                type="radio"
                name="contact-with"
                checked={form.withVictim}
                onChange={() => set('withVictim')(true)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor="contact-with-victim">
                The victim
              </label>
            </div>
            <div className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id="contact-with-other"
                type="radio"
                name="contact-with"
                checked={!form.withVictim}
                onChange={() => set('withVictim')(false)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor="contact-with-other">
                Someone else (IDVA, police, social worker, RO)
              </label>
            </div>
          </div>
        </fieldset>
      </div>
      {!form.withVictim ? (
        <TextField id="contact-with-whom" label="Who" value={form.withWhom} onChange={set('withWhom')} error={error('contact-with-whom')} />
      ) : null}
      <TextField
        id="contact-duration"
        label="Duration in minutes (optional)"
        value={form.duration}
        onChange={set('duration')}
        inputMode="numeric"
        widthClass="govuk-input--width-3"
        error={error('contact-duration')}
      />
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="contact-notes">
          Notes
        </label>
        <textarea className="govuk-textarea" id="contact-notes" rows={5} value={form.notes} onChange={(e) => set('notes')(e.target.value)} />
      </div>
      <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id="contact-sensitive"
            type="checkbox"
            checked={form.sensitive}
            onChange={(e) => set('sensitive')(e.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor="contact-sensitive">
            Sensitive (managers see that it exists, not what it says)
          </label>
        </div>
      </div>
      {unsafe ? (
        <>
          <WarningText testId="unsafe-warning">{unsafe}</WarningText>
          <TextField
            id="contact-override"
            label="Why it is right to go ahead"
            hint="This is recorded in the audit log."
            value={form.overrideReason}
            onChange={set('overrideReason')}
            error={error('contact-override')}
          />
        </>
      ) : null}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Save as final
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void submit(false)()}>
          Save as draft
        </button>
      </div>
    </form>
  );
}
