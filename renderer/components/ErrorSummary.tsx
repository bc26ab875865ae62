import { useEffect, useRef } from 'react';

export interface FormError {
  field?: string | undefined;
  message: string;
}

/** GOV.UK error summary: takes focus when it appears, each item moves focus to its field. */
export function ErrorSummary({ errors }: { errors: FormError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 className="govuk-error-summary__title" id="error-summary-title">
          There is a problem
        </h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {inPageOrder(errors).map((error) => (
              <li key={`${error.field ?? ''}:${error.message}`}>
                {error.field ? (
                  <a
                    href={`#${error.field}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusField(error.field!);
                    }}
                  >
                    {error.message}
                  </a>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** Moves focus to a field by id; for a group (like a date input) to its first box. */
export function focusField(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const target = element.matches('input, select, textarea, button') ? element : element.querySelector<HTMLElement>('input, select, textarea');
  target?.focus();
}

/**
 * The errors in the order their fields come on the page (GOV.UK: the summary follows the form),
 * whatever order they were found in; an error about the whole form comes first.
 */
export function inPageOrder(errors: FormError[]): FormError[] {
  const position = (error: FormError) => (error.field ? document.getElementById(error.field) : null);
  return [...errors].sort((a, b) => {
    const [x, y] = [position(a), position(b)];
    if (!x || !y) return x ? 1 : y ? -1 : 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}
