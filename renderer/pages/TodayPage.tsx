import { useState } from 'react';
import type { TodayRow } from '../../shared/case-views';
import { TIMER_IDS, TIMER_LABELS, type TimerId } from '../../shared/timer-rules';
import { formatDateLong, formatDateShort } from '../../shared/uk-dates';
import { ScopeSelect } from '../components/ScopeSelect';
import { StatusTag } from '../components/StatusTag';
import { useQuery } from '../hooks/useQuery';
import { caseHref, hrefFor } from '../routes';
import { defaultScope, type ScopeInput } from '../scope';
import { useSession } from '../session-context';
import { ReleasesTable } from './today/ReleasesTable';

/** What needs doing today: overdue first, then due soon, one table per timer. */
export function TodayPage() {
  const session = useSession();
  const [scope, setScope] = useState<ScopeInput>(() => defaultScope(session));
  const today = useQuery('today.list', scope);
  // Only the counts: the chase list itself is its own page.
  const chases = useQuery('chases.list', { ...scope, rows: 0 });
  const data = today.data;
  const chasesDue = chases.data?.chaseDue ?? 0;

  const groups = new Map<TimerId, TodayRow[]>();
  for (const row of data?.rows ?? []) groups.set(row.timer, [...(groups.get(row.timer) ?? []), row]);

  return (
    <>
      <span className="govuk-caption-l">{data ? formatDateLong(data.asOf) : ''}</span>
      <h1 className="govuk-heading-l">Today</h1>
      <ScopeSelect value={scope} onChange={setScope} />
      {today.error ? <p className="govuk-error-message">{today.error.message}</p> : null}
      {data ? (
        <>
          <div className="govuk-grid-row app-cards" data-testid="today-counts">
            <Card label="Overdue" count={data.overdue} href="#today-list" tone="red" />
            <Card label="Due soon" count={data.dueSoon} href="#today-list" tone="yellow" />
            <Card label="Chases due" count={chasesDue} href={hrefFor('chase-list')} tone="blue" />
            <Card label="Orders expiring" count={data.byTimer.find((t) => t.timer === 'order_expiry')?.dueSoon ?? 0} href={hrefFor('orders')} tone="blue" />
          </div>
          <div id="today-list">
            {data.total === 0 ? <p className="govuk-inset-text">Nothing is overdue or due in the next 2 days.</p> : null}
            {TIMER_IDS.filter((id) => groups.has(id)).map((timer) => (
              <TimerTable key={timer} timer={timer} rows={groups.get(timer)!} showOwner={scope.scope !== 'mine'} />
            ))}
            {data.truncated ? (
              <p className="govuk-body">
                Showing the first {data.rows.length.toLocaleString('en-GB')} of {data.total.toLocaleString('en-GB')}. Choose one worker to see all of theirs.
              </p>
            ) : null}
          </div>
          <ReleasesTable releases={data.releases} showOwner={scope.scope !== 'mine'} />
        </>
      ) : (
        <p className="govuk-body">Loading…</p>
      )}
    </>
  );
}

function Card({ label, count, href, tone }: { label: string; count: number; href: string; tone: 'red' | 'yellow' | 'blue' }) {
  return (
    <div className="govuk-grid-column-one-quarter">
      <a className={`app-card app-card--${tone} govuk-link govuk-link--no-visited-state`} href={href}>
        <span className="app-card__count">{count.toLocaleString('en-GB')}</span>
        <span className="app-card__label">{label}</span>
      </a>
    </div>
  );
}

function TimerTable({ timer, rows, showOwner }: { timer: TimerId; rows: TodayRow[]; showOwner: boolean }) {
  return (
    <table className="govuk-table" id={`today-${timer}`} data-testid={`today-${timer}`}>
      <caption className="govuk-table__caption govuk-table__caption--m">
        {TIMER_LABELS[timer]} <span className="govuk-caption-m">{rows.length.toLocaleString('en-GB')}</span>
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Victim
          </th>
          <th scope="col" className="govuk-table__header">
            Case
          </th>
          {showOwner ? (
            <th scope="col" className="govuk-table__header">
              Worker
            </th>
          ) : null}
          <th scope="col" className="govuk-table__header">
            Due
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Days overdue
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
          <th scope="col" className="govuk-table__header">
            <span className="govuk-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={`${row.caseId}-${row.timer}-${row.orderRef ?? ''}`}>
            <td className="govuk-table__cell">
              <a className="govuk-link" href={caseHref(row.caseId)}>
                {row.victimName}
              </a>
            </td>
            <td className="govuk-table__cell">
              {row.caseRef}
              {row.orderRef ? ` (order ${row.orderRef})` : ''}
            </td>
            {showOwner ? <td className="govuk-table__cell">{row.ownerName ?? 'Unallocated'}</td> : null}
            <td className="govuk-table__cell">{formatDateShort(row.dueDate)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{row.daysOverdue || ''}</td>
            <td className="govuk-table__cell">
              <StatusTag status={row.status} />
            </td>
            <td className="govuk-table__cell">
              <a className="govuk-link" href={caseHref(row.caseId, 'contacts')}>
                Log contact<span className="govuk-visually-hidden"> for {row.victimName}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
