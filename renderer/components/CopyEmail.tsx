import { useState } from 'react';
import type { Email } from '../../shared/chase-email';

/**
 * A ready email: a button that copies it (subject first) and, for when the clipboard cannot be
 * reached, the text itself under "Email text". `about` names the row for screen readers.
 */
export function CopyEmail({
  email,
  label,
  about,
  copiedMessage,
  testId,
}: {
  email: Email;
  label: string;
  about: string;
  copiedMessage: string;
  testId: string;
}) {
  const [status, setStatus] = useState<string | null>(null);
  const text = `Subject: ${email.subject}\n\n${email.body}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(copiedMessage);
    } catch {
      setStatus('Could not reach the clipboard. Open "Email text" and copy it from there.');
    }
  };
  return (
    <div className="govuk-!-margin-bottom-2">
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" onClick={() => void copy()}>
        {label}
        <span className="govuk-visually-hidden"> {about}</span>
      </button>
      <p className="govuk-body-s govuk-!-margin-bottom-1" role="status">
        {status ?? ''}
      </p>
      <details className="govuk-details govuk-!-margin-bottom-0">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Email text<span className="govuk-visually-hidden"> {about}</span>
          </span>
        </summary>
        <div className="govuk-details__text app-pre-wrap" data-testid={testId}>
          {text}
        </div>
      </details>
    </div>
  );
}
