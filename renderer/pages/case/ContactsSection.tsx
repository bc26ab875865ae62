import { useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import {
  CONTACT_DIRECTIONS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  type ContactDirection,
  type ContactMethod,
  type ContactOutcome,
} from '../../../shared/reference-data';
import type { ContactView } from '../../../shared/record-views';
import { formatDateShort } from '../../../shared/uk-dates';
import { asClientError, call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../session-context';
import { futureDates } from '../../../shared/future-dates';

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

/** The contact log: newest first, amendments beneath final notes, and the "Log contact" form. */
export function ContactsSection({ caseId, today, onChanged }: { caseId: number; today: string; onChanged: () => void }) {
  const session = useSession();
  const contacts = useQuery('contacts.list', { caseId });
  const canWrite = mayCall(session.role, 'contacts.log');
  const refresh = () => {
    void contacts.reload();
    onChanged();
  };
  return (
    <>
      <h2 className="govuk-heading-m">Contacts</h2>
      {canWrite ? <LogContactForm caseId={caseId} today={today} onLogged={refresh} /> : null}
      {contacts.data && contacts.data.length === 0 ? <p className="govuk-body">No contacts logged yet.</p> : null}
      <ol className="govuk-list" data-testid="contact-log">
        {(contacts.data ?? []).map((c) => (
          <ContactEntry key={c.id} contact={c} canWrite={canWrite} onChanged={refresh} />
        ))}
      </ol>
    </>
  );
}

function LogContactForm({ caseId, today, onLogged }: { caseId: number; today: string; onLogged: () => void }) {
  const [form, setForm] = useState<ContactForm>(() => blank(today));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [unsafe, setUnsafe] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const set =
    <K extends keyof ContactForm>(key: K) =>
    (value: ContactForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  const submit = (final: boolean) => async (event?: FormEvent) => {
    event?.preventDefault();
    setErrors([]);
    setSaved(null);
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
      setSaved(final ? 'Contact logged.' : 'Contact saved as a draft.');
      onLogged();
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
      };
      setErrors([{ field: field ? ids[field] : undefined, message: e.message }]);
    }
  };
  const error = (id: string) => errors.find((e) => e.field === id)?.message;

  return (
    <details className="govuk-details" open>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Log contact</span>
      </summary>
      <div className="govuk-details__text">
        <form noValidate onSubmit={submit(true)} aria-label="Log contact">
          <ErrorSummary errors={errors} />
          <div role="status">{saved ? <p className="govuk-body">{saved}</p> : null}</div>
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
            onChange={set('method')}
            emptyLabel="Choose"
            error={error('contact-method')}
          />
          <SelectField
            id="contact-direction"
            label="Direction"
            value={form.direction}
            options={CONTACT_DIRECTIONS.values}
            labels={CONTACT_DIRECTIONS.labels}
            onChange={(v) => set('direction')((v || 'to_victim') as ContactDirection)}
            emptyLabel="To the victim"
          />
          <SelectField
            id="contact-outcome"
            label="Outcome"
            value={form.outcome}
            options={CONTACT_OUTCOMES.values}
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
              <div className="govuk-warning-text" data-testid="unsafe-warning">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  {unsafe}
                </strong>
              </div>
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
      </div>
    </details>
  );
}

function ContactEntry({ contact: c, canWrite, onChanged }: { contact: ContactView; canWrite: boolean; onChanged: () => void }) {
  const session = useSession();
  const [amending, setAmending] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const who = c.withVictim ? 'victim' : c.withWhom;
  const amend = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await call('contacts.amend', { contactId: c.id, text });
      setAmending(false);
      setText('');
      onChanged();
    } catch (error) {
      setProblem(asClientError(error).message);
    }
  };
  const finalise = async () => {
    try {
      await call('contacts.updateDraft', {
        contactId: c.id,
        version: c.version,
        contact: {
          date: c.date,
          time: c.time,
          method: c.method as ContactMethod,
          direction: c.direction as ContactDirection,
          outcome: c.outcome as ContactOutcome,
          withVictim: c.withVictim,
          withWhom: c.withWhom,
          durationMinutes: c.durationMinutes,
          notes: c.notes,
          sensitive: c.sensitive,
          final: true,
          overrideReason: c.overrideReason,
        },
      });
      onChanged();
    } catch (error) {
      setProblem(asClientError(error).message);
    }
  };
  const [deleting, setDeleting] = useState(false);
  const [reason, setReason] = useState('');
  const remove = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await call('contacts.delete', { contactId: c.id, reason });
      onChanged();
    } catch (error) {
      setProblem(asClientError(error).message);
    }
  };
  return (
    <li className="app-contact" data-contact-id={c.id}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        {formatDateShort(c.date)}
        {c.time ? ` ${c.time}` : ''}: {CONTACT_METHODS.labels[c.method as ContactMethod] ?? c.method},{' '}
        {CONTACT_OUTCOMES.labels[c.outcome as ContactOutcome]?.toLowerCase() ?? c.outcome}{' '}
        {!c.isFinal ? <strong className="govuk-tag govuk-tag--yellow">Draft</strong> : null}
        {c.sensitive ? <strong className="govuk-tag govuk-tag--purple">Sensitive</strong> : null}
        {c.deletedAt ? <strong className="govuk-tag govuk-tag--red">Deleted</strong> : null}
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {c.direction === 'from_victim' ? 'From' : 'To'} {who}
        {c.durationMinutes !== null ? `, ${c.durationMinutes} minutes` : ''}. Logged by {c.recordedBy}.
        {c.overrideReason ? ` Safe-contact rule overridden: ${c.overrideReason}` : ''}
        {c.deletedAt ? ` Deleted by ${c.deletedBy}: ${c.deletedReason}` : ''}
      </p>
      {c.notes ? <p className="govuk-body app-pre-wrap">{c.notes}</p> : c.sensitive ? <p className="govuk-body">Sensitive note.</p> : null}
      {c.amendments.map((a, i) => (
        <div className="govuk-inset-text govuk-!-margin-top-1 govuk-!-margin-bottom-2" key={i}>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            Amendment by {a.author}, {formatDateShort(a.createdAt)}
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0 app-pre-wrap">{a.text}</p>
        </div>
      ))}
      {problem ? <p className="govuk-error-message">{problem}</p> : null}
      {canWrite && !c.deletedAt ? (
        <div className="govuk-button-group govuk-!-margin-bottom-2">
          {c.isFinal ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => setAmending(!amending)}
              aria-expanded={amending}
            >
              Add amendment
            </button>
          ) : c.recordedBy === session.accountName ? (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void finalise()}>
              Save as final
            </button>
          ) : null}
          {c.recordedBy === session.accountName || session.role === 'admin' ? (
            <button
              type="button"
              className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
              onClick={() => setDeleting(!deleting)}
              aria-expanded={deleting}
            >
              Delete
            </button>
          ) : null}
        </div>
      ) : null}
      {deleting ? (
        <form noValidate onSubmit={remove} aria-label={`Delete the contact of ${formatDateShort(c.date)}`}>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={`delete-${c.id}`}>
              Why is this contact being deleted? It stays visible to administrators.
            </label>
            <input className="govuk-input" id={`delete-${c.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="govuk-button govuk-button--warning">
            Delete contact
          </button>
        </form>
      ) : null}
      {amending ? (
        <form noValidate onSubmit={amend} aria-label={`Amend the contact of ${formatDateShort(c.date)}`}>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={`amend-${c.id}`}>
              Amendment (the original note is kept)
            </label>
            <textarea className="govuk-textarea" id={`amend-${c.id}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <button type="submit" className="govuk-button">
            Save amendment
          </button>
        </form>
      ) : null}
      <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
    </li>
  );
}
