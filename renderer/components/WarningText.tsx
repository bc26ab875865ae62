import type { ReactNode } from 'react';

/** GOV.UK warning text: the "!" icon, and words a screen reader hears as a warning. */
export function WarningText({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="govuk-warning-text" data-testid={testId}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}
