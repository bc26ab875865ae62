import { useVirtualizer } from '@tanstack/react-virtual';
import { mayCall } from '../../shared/permissions';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CaseloadQueryInput } from '../../shared/case-views';
import { FLAGS, RISK_LEVELS, STAGES, type FlagCode, type RiskLevel, type Stage, ENGAGEMENT_STATUSES, type EngagementStatus } from '../../shared/reference-data';
import { TIMER_LABELS } from '../../shared/timer-rules';
import { formatDateShort } from '../../shared/uk-dates';
import { ScopeSelect } from '../components/ScopeSelect';
import { SelectField } from '../components/SelectField';
import { StatusTag } from '../components/StatusTag';
import { caseHref } from '../routes';
import { defaultScope, type ScopeInput } from '../scope';
import { useCaseloadPages } from './caseload/useCaseloadPages';
import { useSession } from '../session-context';
import { CheckboxItem } from '../components/CheckboxItem';

type Sort = NonNullable<CaseloadQueryInput['sort']>;
const TIMER_FILTERS = { overdue: 'Overdue', due_soon: 'Due soon', pending: 'Pending', none: 'No open timer' } as const;
type TimerFilter = keyof typeof TIMER_FILTERS;
/** A first guess at a row's height; each drawn row is then measured. */
const ROW_HEIGHT_ESTIMATE = 49;

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
export function CaseloadPage() {
  const session = useSession();
  const [scope, setScope] = useState<ScopeInput>(() => defaultScope(session));
  const [stage, setStage] = useState<Stage | ''>('');
  const [flag, setFlag] = useState<FlagCode | ''>('');
  const [timerStatus, setTimerStatus] = useState<TimerFilter | ''>('');
  const [risk, setRisk] = useState<RiskLevel | ''>('');
  const [engagement, setEngagement] = useState<EngagementStatus | ''>('');
  const [inCustody, setInCustody] = useState(false);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ sort: Sort; direction: 'asc' | 'desc' }>({ sort: 'nextDue', direction: 'asc' });

  const filters = {
    ...scope,
    ...(stage ? { stage } : {}),
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
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Caseload</h1>
        </div>
        <div className="govuk-grid-column-one-third govuk-!-text-align-right">
          {canWrite ? (
            <a className="govuk-button" href="#/cases/new" data-module="govuk-button">
              New case
            </a>
          ) : null}
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <h2 className="govuk-heading-m">Filter</h2>
          <ScopeSelect value={scope} onChange={setScope} id="caseload-scope" />
          <SelectField
            id="filter-stage"
            label="Stage"
            value={stage}
            options={STAGES.values}
            labels={STAGES.labels}
            onChange={setStage}
            emptyLabel="Any stage"
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
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <CheckboxItem id="filter-in-custody" label="Perpetrator in custody" checked={inCustody} onChange={setInCustody} />
            </div>
          </div>
        </div>
        <div className="govuk-grid-column-three-quarters">
          <form noValidate onSubmit={submitSearch} role="search" className="govuk-!-margin-bottom-4">
            <div className="govuk-form-group govuk-!-margin-bottom-2">
              <label className="govuk-label govuk-label--s" htmlFor="caseload-search">
                Search by name, CRN, case ref, phone or postcode
              </label>
              <input
                className="govuk-input govuk-!-width-two-thirds"
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
          {error ? <p className="govuk-error-message">{error.message}</p> : null}
          <p className="govuk-body" role="status" data-testid="caseload-count">
            {total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} case${total === 1 ? '' : 's'}`}
          </p>
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
                          <td className="govuk-table__cell">
                            <a className="govuk-link" href={caseHref(row.caseId)}>
                              {row.caseRef}
                            </a>
                          </td>
                          <td className="govuk-table__cell">{row.crn ?? ''}</td>
                          <td className="govuk-table__cell">{row.victimName}</td>
                          <td className="govuk-table__cell">{row.perpetratorName}</td>
                          <td className="govuk-table__cell">{row.ownerName ?? 'Unallocated'}</td>
                          <td className="govuk-table__cell">{STAGES.labels[row.stage]}</td>
                          <td className="govuk-table__cell">
                            {row.nextTimer && row.nextDueDate && row.nextStatus ? (
                              <>
                                {TIMER_LABELS[row.nextTimer]}, {formatDateShort(row.nextDueDate)} <StatusTag status={row.nextStatus} />
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
