import type { ScopeInput } from '../scope';
import { useQuery } from '../hooks/useQuery';

/** "Whose work": my cases, the whole team, or one worker. */
export function ScopeSelect({ value, onChange, id = 'scope' }: { value: ScopeInput; onChange: (scope: ScopeInput) => void; id?: string }) {
  const workers = useQuery('workers.list', {}, { cache: true });
  const current = value.scope === 'worker' ? `worker:${value.workerId}` : value.scope;
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
          if (chosen === 'mine' || chosen === 'team') onChange({ scope: chosen });
          else onChange({ scope: 'worker', workerId: Number(chosen.slice('worker:'.length)) });
        }}
      >
        <option value="mine">My cases</option>
        <option value="team">Whole team</option>
        {(workers.data ?? []).map((worker) => (
          <option key={worker.id} value={`worker:${worker.id}`}>
            {worker.name}
          </option>
        ))}
      </select>
    </div>
  );
}
