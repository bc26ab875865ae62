import { useState, type FormEvent } from 'react';
import { supervisionNoteInputSchema } from '../../../shared/oversight';
import { formatDateLong } from '../../../shared/uk-dates';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../session-context';
import { ReportsNav } from './ReportsNav';

/** Supervision notes: a manager keeps them for each worker; a worker reads their own. Nobody else sees them. */
export function SupervisionPage() {
  const session = useSession();
  const manager = session.role === 'manager';
  const workers = useQuery('workers.list', {}, { enabled: manager });
  const [workerId, setWorkerId] = useState<number | null>(null);
  const notes = useQuery('supervision.list', workerId === null ? {} : { workerId });
  return (
    <>
      <h1 className="govuk-heading-l">Supervision</h1>
      <ReportsNav current="supervision" />
      {manager ? (
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="supervision-worker">
            Worker
          </label>
          <select
            className="govuk-select"
            id="supervision-worker"
            value={workerId ?? ''}
            onChange={(event) => setWorkerId(event.target.value ? Number(event.target.value) : null)}
          >
            <option value="">Choose a worker</option>
            {(workers.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="govuk-body">Your supervision notes. Only you and the team’s managers can read them.</p>
      )}
      {notes.data?.worker ? (
        <>
          <h2 className="govuk-heading-m">{manager ? `Notes for ${notes.data.worker.name}` : 'Your notes'}</h2>
          {notes.data.notes.length === 0 ? <p className="govuk-body">No supervision notes yet.</p> : null}
          <ul className="govuk-list" data-testid="supervision-notes">
            {notes.data.notes.map((n) => (
              <li key={n.id} className="app-record">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>{formatDateLong(n.date)}</strong>, {n.manager}
                </p>
                <p className="govuk-body app-pre-wrap">{n.note}</p>
              </li>
            ))}
          </ul>
          {manager ? <NoteForm key={notes.data.worker.id} workerId={notes.data.worker.id} today={notes.data.asOf} onSaved={() => void notes.reload()} /> : null}
        </>
      ) : !manager && notes.data ? (
        <p className="govuk-body">Your account is not a worker with cases, so there are no supervision notes for it.</p>
      ) : null}
    </>
  );
}

function NoteForm({ workerId, today, onSaved }: { workerId: number; today: string; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const rename = (field: string) => `supervision-${field}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const input = { workerId, date, note };
    if (!check(supervisionNoteInputSchema, input, rename)) return;
    try {
      await call('supervision.add', input);
      setNote('');
      onSaved();
    } catch (error) {
      fail(error, ['supervision-date', 'supervision-note'], rename);
    }
  };
  const noteError = fieldError('supervision-note');
  return (
    <form noValidate onSubmit={submit} aria-labelledby="supervision-add-heading">
      <h3 className="govuk-heading-s" id="supervision-add-heading">
        Add a note
      </h3>
      <ErrorSummary errors={errors} />
      <DateInput id="supervision-date" legend="Date of the supervision" value={date} onChange={setDate} error={fieldError('supervision-date')} />
      <div className={`govuk-form-group${noteError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor="supervision-note">
          Note
        </label>
        {noteError ? (
          <p className="govuk-error-message" id="supervision-note-error">
            <span className="govuk-visually-hidden">Error:</span> {noteError}
          </p>
        ) : null}
        <textarea
          className={`govuk-textarea${noteError ? ' govuk-textarea--error' : ''}`}
          id="supervision-note"
          rows={5}
          value={note}
          aria-describedby={noteError ? 'supervision-note-error' : undefined}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <button type="submit" className="govuk-button">
        Save note
      </button>
    </form>
  );
}
