import { FieldMessages, describedBy } from './FieldMessages';
interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  value: V | '';
  options: readonly V[];
  labels: Record<V, string>;
  onChange: (value: V | '') => void;
  /** The empty choice's words; null for a list that always has a value (no empty choice). */
  emptyLabel?: string | null;
  error?: string | undefined;
  hint?: string;
}

/** A GOV.UK select, with an explicit empty choice unless the list always has a value. */
export function SelectField<V extends string>({ id, label, value, options, labels, onChange, emptyLabel = 'Not known', error, hint }: SelectFieldProps<V>) {
  const ariaDescribedBy = describedBy(id, hint, error);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={ariaDescribedBy}
        onChange={(event) => onChange(event.target.value as V | '')}
      >
        {emptyLabel === null ? null : <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
