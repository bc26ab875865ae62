import { useEffect, useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import { LETTER_FIELDS, LETTER_KINDS, LETTER_LABELS, type LetterTemplates } from '../../../shared/letters';
import { call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../session-context';

/** The team's letter templates, with {{fields}} filled from each case. */
export function LettersSettings() {
  const session = useSession();
  const stored = useQuery('letters.templates', {});
  const [templates, setTemplates] = useState<LetterTemplates | null>(null);
  const [saved, setSaved] = useState(false);
  const { errors, fail, clear } = useFormErrors();
  useEffect(() => {
    if (stored.data) setTemplates(stored.data);
  }, [stored.data]);
  if (!templates) return <p className="govuk-body">Loading…</p>;
  const isAdmin = mayCall(session.role, 'letters.updateTemplates');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    try {
      // With the version they were loaded at: another administrator's save since is never silently undone.
      const edited = Object.fromEntries(LETTER_KINDS.map((kind) => [kind, templates[kind]])) as LetterTemplates;
      await call('letters.updateTemplates', { ...edited, version: stored.data!.version });
      setSaved(true);
      void stored.reload();
    } catch (error) {
      fail(error, []);
    }
  };
  return (
    <form noValidate onSubmit={submit}>
      <h2 className="govuk-heading-m">Letters</h2>
      <p className="govuk-body">
        Fields in double braces are filled from the case: {LETTER_FIELDS.map((f) => `{{${f}}}`).join(', ')}. Leave a blank line between paragraphs.
      </p>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">Letter templates saved.</p> : null}</div>
      {LETTER_KINDS.map((kind) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={kind}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{LETTER_LABELS[kind]}</legend>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={`letter-${kind}-subject`}>
              Subject
            </label>
            <input
              className="govuk-input"
              id={`letter-${kind}-subject`}
              disabled={!isAdmin}
              value={templates[kind].subject}
              onChange={(e) => setTemplates({ ...templates, [kind]: { ...templates[kind], subject: e.target.value } })}
            />
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={`letter-${kind}-body`}>
              Letter
            </label>
            <textarea
              className="govuk-textarea"
              rows={8}
              id={`letter-${kind}-body`}
              disabled={!isAdmin}
              value={templates[kind].body}
              onChange={(e) => setTemplates({ ...templates, [kind]: { ...templates[kind], body: e.target.value } })}
            />
          </div>
        </fieldset>
      ))}
      {isAdmin ? (
        <button type="submit" className="govuk-button">
          Save letter templates
        </button>
      ) : (
        <p className="govuk-body">Only an administrator can change the templates.</p>
      )}
    </form>
  );
}
