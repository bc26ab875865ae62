interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  value: V | '';
  options: readonly V[];
  labels: Record<V, string>;
  onChange: (value: V | '') => void;
  emptyLabel?: string;
  error?: string | undefined;
  hint?: string;
}

/** A GOV.UK select with an explicit empty choice. */
export function SelectField<V extends string>({ id, label, value, options, labels, onChange, emptyLabel = 'Not known', error, hint }: SelectFieldProps<V>) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select className={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name={id} value={value} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value as V | '')}>
        <option value="">{emptyLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
