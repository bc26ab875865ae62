import { useState } from 'react';
import { LETTER_KINDS, LETTER_LABELS, type LetterKind } from '../../../shared/letters';
import { asClientError, call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { TextField } from '../../components/TextField';
import { useQuery } from '../../hooks/useQuery';
import { WarningText } from '../../components/WarningText';

/** Generate a letter from the team's templates; confirm it was sent to log it. Safe-contact rules apply. */
export function LettersSection({ caseId, canWrite, today, onChanged }: { caseId: number; canWrite: boolean; today: string; onChanged: () => void }) {
  const [kind, setKind] = useState<LetterKind>('initial_contact');
  const preview = useQuery('letters.preview', { caseId, kind });
  const [reason, setReason] = useState('');
  const [emptyReason, setEmptyReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [generated, setGenerated] = useState(false);
  const [sentDate, setSentDate] = useState(today);
  const unsafe = preview.data?.unsafe ?? [];

  const generate = async (format: 'pdf' | 'docx') => {
    setProblem(null);
    setMessage(null);
    try {
      const result = await call('letters.generate', {
        caseId,
        kind,
        format,
        ...(reason.trim() ? { overrideReason: reason.trim() } : {}),
        ...(emptyReason.trim() ? { emptyFieldReason: emptyReason.trim() } : {}),
      });
      if (result.savedAs) {
        setGenerated(true);
        setMessage(`Saved as ${result.savedAs}. Once it has been sent, confirm below so it is logged.`);
      }
    } catch (error) {
      setProblem(asClientError(error).message);
    }
  };
  const confirm = async () => {
    setProblem(null);
    try {
      await call('letters.confirmSent', { caseId, kind, date: sentDate, ...(reason.trim() ? { overrideReason: reason.trim() } : {}) });
      setGenerated(false);
      setMessage(`${LETTER_LABELS[kind]} logged as sent.`);
      onChanged();
    } catch (error) {
      setProblem(asClientError(error).message);
    }
  };

  return (
    <>
      <h2 className="govuk-heading-m">Letters</h2>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="letter-kind">
          Letter
        </label>
        <select
          className="govuk-select"
          id="letter-kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as LetterKind);
            setGenerated(false);
            setMessage(null);
          }}
        >
          {LETTER_KINDS.map((k) => (
            <option key={k} value={k}>
              {LETTER_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      {unsafe.length ? (
        <>
          <WarningText testId="letter-unsafe">{unsafe.join(' ')} A letter can only be made with a reason, which is recorded in the audit log.</WarningText>
          {canWrite ? <TextField id="letter-override" label="Why it is right to send a letter" value={reason} onChange={setReason} /> : null}
        </>
      ) : null}
      {preview.data?.emptyFields.length ? (
        <>
          <WarningText testId="letter-empty-fields">
            This letter has nothing to put in: {preview.data.emptyFields.join(', ')}. Add {preview.data.emptyFields.length === 1 ? 'it' : 'them'} in Settings
            (your phone under Your details, the team’s under Team), or give a reason to make the letter without, which is recorded in the audit log.
          </WarningText>
          {canWrite ? (
            <TextField id="letter-empty-reason" label="Why the letter should be made with these left empty" value={emptyReason} onChange={setEmptyReason} />
          ) : null}
        </>
      ) : null}
      {preview.data?.language === 'cy' ? (
        <p className="govuk-body" data-testid="letter-language">
          In Welsh: her preferred language is Welsh.
        </p>
      ) : null}
      {preview.data ? (
        <div className="govuk-inset-text" data-testid="letter-preview" lang={preview.data.language}>
          {preview.data.letter.recipient.map((line, i) => (
            <span key={i}>
              {line}
              <br />
            </span>
          ))}
          <p className="govuk-body govuk-!-margin-top-4">{preview.data.letter.date}</p>
          <p className="govuk-body govuk-!-font-weight-bold">{preview.data.letter.subject}</p>
          <p className="govuk-body">{preview.data.letter.greeting}</p>
          {preview.data.letter.paragraphs.map((p, i) => (
            <p className="govuk-body" key={i}>
              {p}
            </p>
          ))}
          <p className="govuk-body govuk-!-margin-bottom-0 app-pre-wrap">{preview.data.letter.signOff.join('\n')}</p>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {message ? <p className="govuk-body">{message}</p> : null}
      </div>
      {problem ? <p className="govuk-error-message">{problem}</p> : null}
      {canWrite ? (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" onClick={() => void generate('pdf')}>
            Make PDF
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void generate('docx')}>
            Make Word document
          </button>
        </div>
      ) : null}
      {canWrite && generated ? (
        <>
          <DateInput id="letter-sent-date" legend="Date the letter was sent" value={sentDate} onChange={setSentDate} />
          <button type="button" className="govuk-button" onClick={() => void confirm()}>
            Confirm the letter was sent
          </button>
        </>
      ) : null}
    </>
  );
}
