import { mayCall } from '../../../shared/permissions';
import { hrefFor } from '../../routes';
import { useSession } from '../../session-context';

const SECTIONS = [
  { id: undefined, label: 'Figures', channel: 'reports.summary' },
  { id: 'audits', label: 'Case audits', channel: 'audits.sample' },
  { id: 'supervision', label: 'Supervision', channel: 'supervision.list' },
] as const;

/** Reports' sections: the figures, and the managers' oversight (case audits, supervision notes), each shown to those who may use it. */
export function ReportsNav({ current }: { current: string | undefined }) {
  const { role } = useSession();
  const shown = SECTIONS.filter((s) => mayCall(role, s.channel));
  if (shown.length < 2) return null;
  return (
    <nav className="moj-sub-navigation" aria-label="Reports sections">
      <ul className="moj-sub-navigation__list">
        {shown.map((s) => (
          <li className="moj-sub-navigation__item" key={s.label}>
            <a className="moj-sub-navigation__link" href={hrefFor('reports', s.id)} aria-current={s.id === current ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
