import type { ScopeInput } from '../scope';
import { useQuery } from '../hooks/useQuery';

export type ReportScopeInput = ScopeInput | { scope: 'office'; officeId: number };

/** "Whose work": my cases, the whole team, or one worker; for reports (`withOffices`), one office too. */
export function ScopeSelect<S extends ScopeInput | ReportScopeInput = ScopeInput>({
  value,
  onChange,
  id = 'scope',
  withOffices = false,
}: {
  value: S;
  onChange: (scope: S) => void;
  id?: string;
  withOffices?: boolean;
}) {
  const workers = useQuery('workers.list', {}, { cache: true });
  const offices = useQuery('offices.list', {}, { cache: true, enabled: withOffices });
  const current = value.scope === 'worker' ? `worker:${value.workerId}` : value.scope === 'office' ? `office:${value.officeId}` : value.scope;
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        Show
      </label>
      <select
        className="govuk-select"
        id={id}
        value={current}
        onChange={(event) => {
          const chosen = event.target.value;
          if (chosen === 'mine' || chosen === 'team') onChange({ scope: chosen } as S);
          else if (chosen.startsWith('office:')) onChange({ scope: 'office', officeId: Number(chosen.slice('office:'.length)) } as S);
          else onChange({ scope: 'worker', workerId: Number(chosen.slice('worker:'.length)) } as S);
        }}
      >
        <option value="mine">My cases</option>
        <option value="team">Whole team</option>
        {(workers.data ?? []).map((worker) => (
          <option key={worker.id} value={`worker:${worker.id}`}>
            {worker.name}
          </option>
        ))}
        {withOffices && offices.data?.length ? (
          <optgroup label="Offices (PDUs)">
            {offices.data.map((office) => (
              <option key={office.id} value={`office:${office.id}`}>
                {office.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}
