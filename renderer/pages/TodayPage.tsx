import { useState } from 'react';
import type { TodayRow } from '../../shared/case-views';
import { TIMER_IDS, type TimerId } from '../../shared/timer-rules';
import { formatDateLong } from '../../shared/uk-dates';
import { plural } from '../../shared/wording';
import { Pagination } from '../components/Pagination';
import { ScopeSelect } from '../components/ScopeSelect';
import { useQuery } from '../hooks/useQuery';
import { hrefFor, navigateAndFocus, rememberInAddress, withQuery } from '../routes';
import { scopeFromParam, scopeParam, type ScopeInput } from '../scope';
import { useSession } from '../session-context';
import { ReleasesTable } from './today/ReleasesTable';
import { TimerGroup } from './today/TimerGroup';

type StatusFilter = 'overdue' | 'due_soon' | null;

/**
 * What needs doing today: overdue first, then due soon, a group per timer, a page at a time.
 * Whose cases, which card's filter and which page are in the address (`#/today?scope=team&status=overdue&page=2`),
 * so Back from a case returns to the same list.
 */
export function TodayPage({ query }: { query: URLSearchParams }) {
  const session = useSession();
  const [scope, setScope] = useState<ScopeInput>(() => scopeFromParam(query.get('scope'), session));
  const [status, setStatus] = useState<StatusFilter>(() =>
    query.get('status') === 'overdue' || query.get('status') === 'due_soon' ? (query.get('status') as StatusFilter) : null,
  );
  const [page, setPage] = useState(() => Math.max(1, Number(query.get('page')) || 1));
  const today = useQuery('today.list', { ...scope, ...(status ? { status } : {}), page });
  const rules = useQuery('timers.rules', {}, { cache: true });
  // Only the counts: the chase list itself is its own page.
  const chases = useQuery('chases.list', { ...scope, rows: 0 });
  const data = today.data;

  const addressFor = (next: { scope?: ScopeInput; status?: StatusFilter; page?: number }) =>
    withQuery(hrefFor('today'), {
      scope: scopeParam(next.scope ?? scope),
      status: next.status === undefined ? status : next.status,
      page: (next.page ?? page) > 1 ? (next.page ?? page) : null,
    });
  const show = (next: { scope?: ScopeInput; status?: StatusFilter }) => {
    if (next.scope) setScope(next.scope);
    if (next.status !== undefined) setStatus(next.status);
    setPage(1);
    rememberInAddress(addressFor({ ...next, page: 1 }));
  };

  const groups = new Map<TimerId, TodayRow[]>();
  for (const row of data?.rows ?? []) groups.set(row.timer, [...(groups.get(row.timer) ?? []), row]);
  const counted = (timer: TimerId) => {
    const c = data?.byTimer.find((t) => t.timer === timer);
    return !c ? 0 : status === 'overdue' ? c.overdue : status === 'due_soon' ? c.dueSoon : c.overdue + c.dueSoon;
  };
  const orders = data?.byTimer.find((t) => t.timer === 'order_expiry');
  const ordersToAct = (orders?.overdue ?? 0) + (orders?.dueSoon ?? 0);
  const scopeQuery = { scope: scopeParam(scope) };

  return (
    <>
      <span className="govuk-caption-l">{data ? formatDateLong(data.asOf) : ''}</span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Today
      </h1>
      <ScopeSelect value={scope} onChange={(chosen) => show({ scope: chosen })} />
      {today.error ? <p className="govuk-error-message">{today.error.message}</p> : null}
      {data ? (
        <>
          <div className="govuk-grid-row app-cards" data-testid="today-counts">
            <FilterCard
              label="Overdue"
              count={data.overdue}
              tone="red"
              pressed={status === 'overdue'}
              onPress={() => show({ status: status === 'overdue' ? null : 'overdue' })}
            />
            <FilterCard
              label="Due soon"
              count={data.dueSoon}
              tone="yellow"
              pressed={status === 'due_soon'}
              onPress={() => show({ status: status === 'due_soon' ? null : 'due_soon' })}
            />
            {/* The chase list's own rows (every overdue referral), so the count is the list's length. */}
            <LinkCard
              label="Referrals to chase"
              count={chases.data?.overdue ?? 0}
              detail={chases.data ? `${chases.data.chaseDue.toLocaleString('en-GB')} due a chase today` : ''}
              href={withQuery(hrefFor('chase-list'), scopeQuery)}
            />
            <LinkCard label="Orders expired or expiring" count={ordersToAct} href={withQuery(hrefFor('orders'), scopeQuery)} />
          </div>
          <div id="today-list" tabIndex={-1} aria-labelledby="today-list-heading">
            <h2 className="govuk-heading-m" id="today-list-heading">
              {status === 'overdue' ? 'Overdue' : status === 'due_soon' ? 'Due soon' : 'Overdue and due soon'}{' '}
              <span className="govuk-caption-m">{plural(data.listed, 'timer')}</span>
            </h2>
            <p className="govuk-body-s" data-testid="today-window">
              {windowText(rules.data?.warnDays, rules.data?.orderExpiryWarnDays, rules.data?.releaseContactWarnDays)}
              {status ? (
                <>
                  {' '}
                  <button type="button" className="govuk-link app-link-button" onClick={() => show({ status: null })}>
                    Show all
                  </button>
                </>
              ) : null}
            </p>
            {data.listed === 0 ? (
              <p className="govuk-inset-text">
                {status === null ? 'Nothing is overdue or due soon.' : `Nothing is ${status === 'overdue' ? 'overdue' : 'due soon'}.`}
              </p>
            ) : null}
            {TIMER_IDS.filter((id) => groups.has(id)).map((timer) => (
              <TimerGroup key={timer} timer={timer} rows={groups.get(timer)!} counted={counted(timer)} showOwner={scope.scope !== 'mine'} role={session.role} />
            ))}
            {data.pages > 1 ? (
              <p className="govuk-body" data-testid="today-page-caption">
                Showing {((data.page - 1) * data.pageSize + 1).toLocaleString('en-GB')} to{' '}
                {((data.page - 1) * data.pageSize + data.rows.length).toLocaleString('en-GB')} of {data.listed.toLocaleString('en-GB')}, most overdue first.
              </p>
            ) : null}
            <Pagination
              current={data.page}
              pages={data.pages}
              hrefFor={(p) => addressFor({ page: p })}
              onFollow={(href) => navigateAndFocus(href, 'today-list')}
              label="Today pages"
            />
          </div>
          <ReleasesTable releases={data.releases} showOwner={scope.scope !== 'mine'} />
        </>
      ) : (
        <p className="govuk-body">Loading…</p>
      )}
    </>
  );
}

/** The warning windows the list uses, named from the team's own timer settings. */
function windowText(warnDays: number | undefined, orderDays: number | undefined, releaseDays: number | undefined): string {
  if (warnDays === undefined || orderDays === undefined || releaseDays === undefined) return '';
  return `Due soon means due in the next ${plural(warnDays, 'day')}; for an order's expiry, the next ${plural(orderDays, 'day')}; for contact before a release or the end of supervision, the next ${plural(releaseDays, 'day')}.`;
}

function FilterCard(props: { label: string; count: number; tone: 'red' | 'yellow'; pressed: boolean; onPress: () => void }) {
  return (
    <div className="govuk-grid-column-one-quarter">
      <button type="button" className={`app-card app-card--${props.tone}`} aria-pressed={props.pressed} onClick={props.onPress} aria-controls="today-list">
        <span className="app-card__count">{props.count.toLocaleString('en-GB')}</span>
        <span className="app-card__label">
          {props.label}
          <span className="govuk-visually-hidden">{props.pressed ? ': shown alone, press to show all' : ': press to show these alone'}</span>
        </span>
      </button>
    </div>
  );
}

function LinkCard({ label, count, href, detail }: { label: string; count: number; href: string; detail?: string }) {
  return (
    <div className="govuk-grid-column-one-quarter">
      <a className="app-card app-card--blue govuk-link govuk-link--no-visited-state" href={href}>
        <span className="app-card__count">{count.toLocaleString('en-GB')}</span>
        <span className="app-card__label">{label}</span>
        {detail ? <span className="app-card__detail">{detail}</span> : null}
      </a>
    </div>
  );
}
