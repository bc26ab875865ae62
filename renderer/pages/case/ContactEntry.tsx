import { useState, type FormEvent } from 'react';
import { CONTACT_METHODS, CONTACT_OUTCOMES, type ContactDirection, type ContactMethod, type ContactOutcome } from '../../../shared/reference-data';
import type { ContactView } from '../../../shared/record-views';
import { formatDateShort } from '../../../shared/uk-dates';
import { asClientError, call } from '../../api/client';
import { useSession } from '../../session-context';

/**
 * One contact in the log: what happened, the note, its amendments. Amending a final note is
 * the everyday action; deleting is rare and sits behind "More actions" with its reason.
 */
export function ContactEntry({ contact: c, canWrite, onChanged }: { contact: ContactView; canWrite: boolean; onChanged: (message?: string) => void }) {
  const session = useSession();
  const [amending, setAmending] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const who = c.withVictim ? 'victim' : c.withWhom;
  const amend = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
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
    setProblem(null);
    try {
      await call('contacts.delete', { contactId: c.id, reason });
      // Done: the form, its reason and any earlier error go; the entry shows as deleted (or is hidden).
      setDeleting(false);
      setReason('');
      onChanged(`The contact of ${formatDateShort(c.date)} was deleted. It stays visible to administrators.`);
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
            <details className="govuk-details app-row-menu" open={deleting} onToggle={(e) => setDeleting((e.target as HTMLDetailsElement).open)}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  More actions<span className="govuk-visually-hidden"> for the contact of {formatDateShort(c.date)}</span>
                </span>
              </summary>
              <div className="govuk-details__text">
                <form noValidate onSubmit={remove} aria-label={`Delete the contact of ${formatDateShort(c.date)}`}>
                  <div className="govuk-form-group">
                    <label className="govuk-label" htmlFor={`delete-${c.id}`}>
                      Why is this contact being deleted? It stays visible to administrators.
                    </label>
                    <input className="govuk-input" id={`delete-${c.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
                  </div>
                  <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                    Delete contact
                  </button>
                </form>
              </div>
            </details>
          ) : null}
        </div>
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
