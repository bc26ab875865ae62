import { useEffect, useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import { LETTER_FIELDS, LETTER_KINDS, LETTER_LABELS, TEMPLATE_KEYS, templateKey, type LetterTemplates, type TemplateKey } from '../../../shared/letters';
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
      const edited = Object.fromEntries(TEMPLATE_KEYS.map((key) => [key, templates[key]])) as LetterTemplates;
      await call('letters.updateTemplates', { ...edited, version: stored.data!.version });
      setSaved(true);
      void stored.reload();
    } catch (error) {
      // The core names the template and part that is wrong (an unknown {{field}}, say): point at it.
      fail(
        error,
        TEMPLATE_KEYS.flatMap((key) => [`letter-${key}-subject`, `letter-${key}-body`]),
        (field) => `letter-${field.replace('.', '-')}`,
      );
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
      {(['en', 'cy'] as const).map((language) => (
        <div key={language}>
          <h3 className="govuk-heading-s">{language === 'en' ? 'In English' : 'In Welsh (Cymraeg): for a victim whose preferred language is Welsh'}</h3>
          {LETTER_KINDS.map((kind) => (
            <TemplateFields
              key={kind}
              templateKey={templateKey(kind, language)}
              legend={`${LETTER_LABELS[kind]}${language === 'cy' ? ' (Welsh)' : ''}`}
              value={templates[templateKey(kind, language)]}
              disabled={!isAdmin}
              onChange={(value) => setTemplates({ ...templates, [templateKey(kind, language)]: value })}
            />
          ))}
        </div>
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

function TemplateFields(props: {
  templateKey: TemplateKey;
  legend: string;
  value: { subject: string; body: string };
  disabled: boolean;
  onChange: (value: { subject: string; body: string }) => void;
}) {
  const { templateKey: key, value } = props;
  return (
    <fieldset className="govuk-fieldset govuk-!-margin-bottom-6">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor={`letter-${key}-subject`}>
          Subject
        </label>
        <input
          className="govuk-input"
          id={`letter-${key}-subject`}
          disabled={props.disabled}
          value={value.subject}
          onChange={(e) => props.onChange({ ...value, subject: e.target.value })}
        />
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor={`letter-${key}-body`}>
          Letter
        </label>
        <textarea
          className="govuk-textarea"
          rows={8}
          id={`letter-${key}-body`}
          disabled={props.disabled}
          value={value.body}
          onChange={(e) => props.onChange({ ...value, body: e.target.value })}
        />
      </div>
    </fieldset>
  );
}
