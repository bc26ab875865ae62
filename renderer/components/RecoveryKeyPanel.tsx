import { useState, type FormEvent } from 'react';
import { ErrorSummary } from './ErrorSummary';

/**
 * The recovery key, shown once, with a confirmation step. Whoever holds it can
 * open the database without any passphrase, so the words say so plainly.
 */
export function RecoveryKeyPanel({ recoveryKey, onConfirmed, heading }: { recoveryKey: string; onConfirmed: () => void; heading: string }) {
  const [stored, setStored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!stored) {
      setError('Confirm you have stored the recovery key somewhere safe');
      return;
    }
    onConfirmed();
  };
  return (
    <>
      {error ? <ErrorSummary errors={[{ field: 'stored', message: error }]} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Store this offline now: write it down or print it, and keep it locked away from this computer. It is shown only once.
        </strong>
      </div>
      <p className="govuk-body">
        If every passphrase is forgotten, this key still opens the team database. Anyone who has it and a copy of the database can read it, so keep it as safe
        as the data itself.
      </p>
      <p className="govuk-body app-recovery-key" data-testid="recovery-key" aria-label="Recovery key">
        {recoveryKey}
      </p>
      <form noValidate onSubmit={submit}>
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          {error ? (
            <p id="stored-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <div className="govuk-checkboxes" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="stored"
                name="stored"
                type="checkbox"
                checked={stored}
                aria-describedby={error ? 'stored-error' : undefined}
                onChange={(event) => setStored(event.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="stored">
                I have stored the recovery key somewhere safe, away from this computer
              </label>
            </div>
          </div>
        </div>
        <button type="submit" className="govuk-button">
          Continue
        </button>
      </form>
    </>
  );
}
