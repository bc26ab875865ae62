import { useEffect, useState } from 'react';
import { FieldMessages, describedBy } from './FieldMessages';

interface DateInputProps {
  id: string;
  legend: string;
  hint?: string;
  /** `YYYY-MM-DD`, or '' when empty. */
  value: string;
  onChange: (iso: string) => void;
  error?: string | undefined;
}

function split(value: string): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? { year: match[1]!, month: String(Number(match[2])), day: String(Number(match[3])) } : { day: '', month: '', year: '' };
}

/**
 * The GOV.UK date input: day, month and year boxes. What the person types is kept as they
 * typed it; the form receives `YYYY-MM-DD` (or a partial `?-` value the core rejects with
 * a clear message) so nothing they entered is silently dropped.
 */
export function DateInput({ id, legend, hint, value, onChange, error }: DateInputProps) {
  const [parts, setParts] = useState(() => split(value));
  useEffect(() => {
    if (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value)) setParts((current) => (toIso(current) === value ? current : split(value)));
  }, [value]);

  const update = (part: 'day' | 'month' | 'year', text: string) => {
    const next = { ...parts, [part]: text.trim() };
    setParts(next);
    onChange(toIso(next));
  };
  const ariaDescribedBy = describedBy(id, hint, error);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={ariaDescribedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className="govuk-date-input" id={id}>
          {(
            [
              ['day', 'Day', 'govuk-input--width-2'],
              ['month', 'Month', 'govuk-input--width-2'],
              ['year', 'Year', 'govuk-input--width-4'],
            ] as const
          ).map(([part, label, width]) => (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part}`}>
                  {label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input ${width}${error ? ' govuk-input--error' : ''}`}
                  id={`${id}-${part}`}
                  name={`${id}-${part}`}
                  type="text"
                  inputMode="numeric"
                  value={parts[part]}
                  onChange={(event) => update(part, event.target.value)}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** Day/month/year boxes → `YYYY-MM-DD`; empty when all are empty; otherwise a value the schema will explain. */
export function toIso({ day, month, year }: { day: string; month: string; year: string }): string {
  if (!day && !month && !year) return '';
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return `${year || '????'}-${month || '??'}-${day || '??'}`;
}
