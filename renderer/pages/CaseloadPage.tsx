import { useVirtualizer } from '@tanstack/react-virtual';
import { mayCall } from '../../shared/permissions';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CaseloadQueryInput } from '../../shared/case-views';
import { FLAGS, RISK_LEVELS, STAGES, type FlagCode, type RiskLevel, ENGAGEMENT_STATUSES, type EngagementStatus } from '../../shared/reference-data';
import { TIMER_LABELS } from '../../shared/timer-rules';
import { formatDateShort } from '../../shared/uk-dates';
import { ScopeSelect } from '../components/ScopeSelect';
import { SelectField } from '../components/SelectField';
import { StatusTag } from '../components/StatusTag';
import { caseHref, hrefFor, rememberInAddress, withQuery } from '../routes';
import { scopeFromParam, scopeParam, type ScopeInput } from '../scope';
import { plural } from '../../shared/wording';
import { useCaseloadPages } from './caseload/useCaseloadPages';
import { useSession } from '../session-context';
import { CheckboxItem } from '../components/CheckboxItem';

type Sort = NonNullable<CaseloadQueryInput['sort']>;
const TIMER_FILTERS = { overdue: 'Overdue', due_soon: 'Due soon', pending: 'Pending', none: 'No open timer' } as const;
type TimerFilter = keyof typeof TIMER_FILTERS;
/** A first guess at a row's height; each drawn row is then measured. */
const ROW_HEIGHT_ESTIMATE = 41;

/** Open cases by default; closed ones, or every case, a choice away. */
const STAGE_CHOICES = ['open', ...STAGES.values, 'all'] as const;
type StageChoice = (typeof STAGE_CHOICES)[number];
const STAGE_CHOICE_LABELS: Record<StageChoice, string> = { open: 'Open cases (any stage)', ...STAGES.labels, all: 'Open and closed' };

const COLUMNS: { sort: Sort; label: string }[] = [
  { sort: 'caseRef', label: 'Case ref' },
  { sort: 'crn', label: 'CRN' },
  { sort: 'victim', label: 'Victim' },
  { sort: 'perpetrator', label: 'Perpetrator' },
  { sort: 'owner', label: 'Worker' },
  { sort: 'stage', label: 'Stage' },
  { sort: 'nextDue', label: 'Next timer' },
  { sort: 'risk', label: 'Risk' },
];

/**
 * Every case, filtered, searched and sorted in SQL, in one scrolling table that
 * draws only the rows in view (TanStack Virtual) and fetches them a page at a
 * time as they come into view: the same at 100 cases or 250,000.
 */
export function CaseloadPage({ query }: { query: URLSearchParams }) {
  const session = useSession();
  // Every filter starts from the address, so Back from a case returns to the same list.
  const from = <V extends string>(key: string, values: readonly V[]): V | '' => (values.includes(query.get(key) as V) ? (query.get(key) as V) : '');
  const [scope, setScope] = useState<ScopeInput>(() => scopeFromParam(query.get('scope'), session));
  const [stage, setStage] = useState<StageChoice>(() => from('stage', STAGE_CHOICES) || 'open');
  const [flag, setFlag] = useState<FlagCode | ''>(() => from('flag', FLAGS.values));
  const [timerStatus, setTimerStatus] = useState<TimerFilter | ''>(() => from('timer', Object.keys(TIMER_FILTERS) as TimerFilter[]));
  const [risk, setRisk] = useState<RiskLevel | ''>(() => from('risk', RISK_LEVELS.values));
  const [engagement, setEngagement] = useState<EngagementStatus | ''>(() => from('engagement', ENGAGEMENT_STATUSES.values));
  const [inCustody, setInCustody] = useState(() => query.get('custody') === 'yes');
  const [searchText, setSearchText] = useState(() => (query.get('q') ?? '').slice(0, 100));
  const [search, setSearch] = useState(() => (query.get('q') ?? '').trim().slice(0, 100));
  const [sort, setSort] = useState<{ sort: Sort; direction: 'asc' | 'desc' }>(() => ({
    sort:
      from(
        'sort',
        COLUMNS.map((c) => c.sort),
      ) || 'nextDue',
    direction: query.get('dir') === 'desc' ? 'desc' : 'asc',
  }));
  useEffect(() => {
    rememberInAddress(
      withQuery(hrefFor('caseload'), {
        scope: scopeParam(scope),
        stage: stage === 'open' ? null : stage,
        flag,
        timer: timerStatus,
        risk,
        engagement,
        custody: inCustody ? 'yes' : null,
        q: search,
        sort: sort.sort === 'nextDue' ? null : sort.sort,
        dir: sort.direction === 'desc' ? 'desc' : null,
      }),
    );
  }, [scope, stage, flag, timerStatus, risk, engagement, inCustody, search, sort]);
  const clearFilters = () => {
    setStage('open');
    setFlag('');
    setTimerStatus('');
    setRisk('');
    setEngagement('');
    setInCustody(false);
    setSearch('');
    setSearchText('');
  };

  const filters = {
    ...scope,
    ...(stage === 'open' ? { open: true } : stage === 'all' ? {} : { stage }),
    ...(flag ? { flag } : {}),
    ...(timerStatus ? { timerStatus } : {}),
    ...(risk ? { risk } : {}),
    ...(engagement ? { engagement } : {}),
    ...(inCustody ? { inCustody } : {}),
    ...(search ? { search } : {}),
    ...sort,
  } satisfies Omit<CaseloadQueryInput, 'page' | 'pageSize'>;
  const { total, error, rowAt, ensureRows } = useCaseloadPages(filters);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT_ESTIMATE, overscan: 10 });
  const drawn = virtualizer.getVirtualItems();
  const firstDrawn = drawn[0]?.index ?? 0;
  const lastDrawn = drawn.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total) ensureRows(firstDrawn, lastDrawn);
  }, [firstDrawn, lastDrawn, total, ensureRows]);
  // New filters or sort: back to the top.
  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [filterKey]);
  // Rows are measured as they are drawn, so the bottom moves while it is approached:
  // Home and End go to the first and last case through the virtualiser, which follows it.
  const jumpToEnds = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget || !total) return;
    if (event.key === 'End' || event.key === 'Home') {
      event.preventDefault();
      virtualizer.scrollToIndex(event.key === 'End' ? total - 1 : 0, { align: event.key === 'End' ? 'end' : 'start' });
    }
  };
  const spaceAbove = drawn[0]?.start ?? 0;
  const spaceBelow = drawn.length ? virtualizer.getTotalSize() - drawn.at(-1)!.end : 0;

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearch(searchText.trim());
  };
  const canWrite = mayCall(session.role, 'cases.create');

  return (
    <>
      <div className="app-page-head">
        <h1 className="govuk-heading-l">Caseload</h1>
        <p className="govuk-body app-page-head__count" role="status" data-testid="caseload-count">
          {total === null
            ? 'Loading…'
            : total === 0
              ? 'No cases match.'
              : plural(total, stage === 'open' ? 'open case' : 'case', stage === 'open' ? 'open cases' : 'cases')}
        </p>
        {canWrite ? (
          <a className="govuk-button" href="#/cases/new" data-module="govuk-button">
            New case
          </a>
        ) : null}
      </div>
      {/* Filters above a full-width table: at 1366x768 the list gets the width, so refs and names stay on one line. */}
      <div className="app-filter-bar">
        <form noValidate onSubmit={submitSearch} role="search" className="app-filter-bar__search">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="caseload-search">
              Search by name, CRN, case ref, phone or postcode
            </label>
            <input
              className="govuk-input app-filter-bar__search-input"
              id="caseload-search"
              type="search"
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              spellCheck={false}
              autoComplete="off"
            />{' '}
            <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
              Search
            </button>
          </div>
        </form>
        <ScopeSelect value={scope} onChange={setScope} id="caseload-scope" />
        <SelectField
          id="filter-stage"
          label="Stage"
          value={stage}
          options={STAGE_CHOICES}
          labels={STAGE_CHOICE_LABELS}
          onChange={(v) => setStage(v || 'open')}
          emptyLabel={null}
        />
        <SelectField
          id="filter-timer"
          label="Next timer"
          value={timerStatus}
          options={Object.keys(TIMER_FILTERS) as TimerFilter[]}
          labels={TIMER_FILTERS}
          onChange={setTimerStatus}
          emptyLabel="Any"
        />
        <SelectField
          id="filter-flag"
          label="Flag"
          value={flag}
          options={FLAGS.values}
          labels={Object.fromEntries(FLAGS.values.map((code) => [code, `${code}: ${FLAGS.labels[code]}`])) as Record<FlagCode, string>}
          onChange={setFlag}
          emptyLabel="Any flag"
        />
        <SelectField
          id="filter-risk"
          label="Risk to victim"
          value={risk}
          options={RISK_LEVELS.values}
          labels={RISK_LEVELS.labels}
          onChange={setRisk}
          emptyLabel="Any risk"
        />
        <SelectField
          id="filter-engagement"
          label="Engagement"
          value={engagement}
          options={ENGAGEMENT_STATUSES.values}
          labels={ENGAGEMENT_STATUSES.labels}
          onChange={setEngagement}
          emptyLabel="Any"
        />
        <div className="govuk-form-group app-filter-bar__check">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <CheckboxItem id="filter-in-custody" label="Perpetrator in custody" checked={inCustody} onChange={setInCustody} />
          </div>
        </div>
      </div>
      <div>
        <div>
          {error ? <p className="govuk-error-message">{error.message}</p> : null}
          {total === 0 ? (
            <div className="govuk-inset-text" data-testid="caseload-empty">
              No cases match {search ? `“${search}” with ` : ''}these filters.{' '}
              <button type="button" className="govuk-link app-link-button" onClick={clearFilters}>
                Clear the filters and search
              </button>
            </div>
          ) : null}
          {/* Focusable, so the keyboard can scroll it (arrows, Page Down, Home, End). */}
          <div
            ref={scroller}
            className="app-caseload-scroll"
            tabIndex={0}
            role="region"
            aria-label="Cases (scroll for more)"
            data-testid="caseload-scroll"
            onKeyDown={jumpToEnds}
          >
            <table className="govuk-table app-caseload-grid" data-testid="caseload-table" aria-rowcount={(total ?? 0) + 1}>
              <caption className="govuk-table__caption govuk-visually-hidden">
                Cases, {total === null ? 'loading' : `${total.toLocaleString('en-GB')} in all`}; rows load as you scroll
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row" aria-rowindex={1}>
                  {COLUMNS.map((column) => {
                    const active = sort.sort === column.sort;
                    return (
                      <th
                        scope="col"
                        className="govuk-table__header"
                        key={column.sort}
                        aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                      >
                        <button
                          type="button"
                          className="app-sort-button"
                          onClick={() => setSort({ sort: column.sort, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })}
                        >
                          {column.label}
                        </button>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {spaceAbove > 0 ? <tr aria-hidden="true" className="app-caseload-spacer" style={{ height: spaceAbove }} /> : null}
                {drawn.map((item) => {
                  const row = rowAt(item.index);
                  return (
                    <tr className="govuk-table__row" key={item.key} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                      {row ? (
                        <>
                          <td className="govuk-table__cell app-nowrap">
                            <a className="govuk-link" href={caseHref(row.caseId)}>
                              {row.caseRef}
                            </a>
                          </td>
                          <td className="govuk-table__cell app-nowrap">{row.crn ?? ''}</td>
                          <td className="govuk-table__cell app-nowrap">{row.victimName}</td>
                          <td className="govuk-table__cell app-nowrap">{row.perpetratorName}</td>
                          <td className="govuk-table__cell app-nowrap">{row.ownerName ?? 'Unallocated'}</td>
                          <td className="govuk-table__cell app-nowrap">{STAGES.labels[row.stage]}</td>
                          <td className="govuk-table__cell">
                            {row.nextTimer && row.nextDueDate && row.nextStatus ? (
                              <>
                                {TIMER_LABELS[row.nextTimer]},{' '}
                                <span className="app-nowrap">
                                  {formatDateShort(row.nextDueDate)} <StatusTag status={row.nextStatus} />
                                </span>
                              </>
                            ) : (
                              ''
                            )}
                          </td>
                          <td className="govuk-table__cell">{row.riskToVictim ? RISK_LEVELS.labels[row.riskToVictim] : ''}</td>
                        </>
                      ) : (
                        <td className="govuk-table__cell app-caseload-loading" colSpan={COLUMNS.length}>
                          Loading…
                        </td>
                      )}
                    </tr>
                  );
                })}
                {spaceBelow > 0 ? <tr aria-hidden="true" className="app-caseload-spacer" style={{ height: spaceBelow }} /> : null}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </>
  );
}
