/**
 * A question answered by one of a few short choices (yes, no, not known), as GOV.UK small
 * inline radios in a fieldset. The first radio carries the question's id, so an error summary's
 * link lands on it.
 */
export function InlineRadios<V extends string>(props: {
  id: string;
  legend: string;
  hint?: string | null;
  error?: string | undefined;
  values: readonly V[];
  labels: Record<V, string>;
  value: V | '';
  onChange: (value: V) => void;
}) {
  const { id, hint, error } = props;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={described}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        {hint ? (
          <div className="govuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-radios govuk-radios--small govuk-radios--inline">
          {props.values.map((v, n) => (
            <div className="govuk-radios__item" key={v}>
              <input
                className="govuk-radios__input"
                id={n === 0 ? id : `${id}-${v}`}
                name={id}
                type="radio"
                checked={props.value === v}
                onChange={() => props.onChange(v)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={n === 0 ? id : `${id}-${v}`}>
                {props.labels[v]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
