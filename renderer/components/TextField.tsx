import { FieldMessages, describedBy } from './FieldMessages';
import type { InputHTMLAttributes, ReactNode } from 'react';

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  type?: 'text' | 'password' | 'number';
  autoComplete?: string;
  widthClass?: string;
  labelIsHeading?: boolean;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  /** The id of a datalist of suggestions. */
  list?: string;
}

/** A GOV.UK text input with its label, hint and error message wired for screen readers. */
export function TextField({ id, label, value, onChange, hint, error, type = 'text', autoComplete = 'off', widthClass = '', inputMode, list }: TextFieldProps) {
  const ariaDescribedBy = describedBy(id, hint, error);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        className={`govuk-input${error ? ' govuk-input--error' : ''}${widthClass ? ` ${widthClass}` : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        inputMode={inputMode}
        list={list}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-describedby={ariaDescribedBy}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
