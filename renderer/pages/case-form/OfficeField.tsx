import { useQuery } from '../../hooks/useQuery';

/**
 * The case's office (PDU), when the team has offices. A new case left "From your office" starts
 * in the office of the account that makes it.
 */
export function OfficeField({
  value,
  onChange,
  isNew,
  error,
}: {
  value: number | '';
  onChange: (value: number) => void;
  isNew: boolean;
  error: string | undefined;
}) {
  const offices = useQuery('offices.list', {}, { cache: true });
  if (!offices.data?.length) return null;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor="officeId">
        Office (PDU)
      </label>
      {error ? (
        <p className="govuk-error-message" id="officeId-error">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select
        className="govuk-select"
        id="officeId"
        value={value === 0 ? 'own' : String(value)}
        aria-describedby={error ? 'officeId-error' : undefined}
        onChange={(event) => onChange(event.target.value === 'own' ? 0 : event.target.value === '' ? ('' as unknown as number) : Number(event.target.value))}
      >
        {isNew ? <option value="own">From your office</option> : null}
        <option value="">No office</option>
        {offices.data.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
