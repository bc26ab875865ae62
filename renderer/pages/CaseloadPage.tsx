import { useEffect, useState, type FormEvent } from 'react';
import type { Session } from '../../shared/contract';
import type { CaseloadQueryInput } from '../../shared/case-views';
import { FLAGS, RISK_LEVELS, STAGES, type FlagCode, type RiskLevel, type Stage } from '../../shared/reference-data';
import { TIMER_LABELS } from '../../shared/timer-rules';
import { formatDateShort } from '../../shared/uk-dates';
import { ScopeSelect } from '../components/ScopeSelect';
import { SelectField } from '../components/SelectField';
import { StatusTag } from '../components/StatusTag';
import { useQuery } from '../hooks/useQuery';
import { caseHref } from '../routes';
import { defaultScope, type ScopeInput } from '../scope';

type Sort = NonNullable<CaseloadQueryInput['sort']>;
const TIMER_FILTERS = { overdue: 'Overdue', due_soon: 'Due soon', pending: 'Pending', none: 'No open timer' } as const;
type TimerFilter = keyof typeof TIMER_FILTERS;
const PAGE_SIZE = 50;

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

/** Every case, filtered, searched and sorted in SQL one page at a time. */
export function CaseloadPage({ session }: { session: Session }) {
  const [scope, setScope] = useState<ScopeInput>(() => defaultScope(session));
  const [stage, setStage] = useState<Stage | ''>('');
  const [flag, setFlag] = useState<FlagCode | ''>('');
  const [timerStatus, setTimerStatus] = useState<TimerFilter | ''>('');
  const [risk, setRisk] = useState<RiskLevel | ''>('');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ sort: Sort; direction: 'asc' | 'desc' }>({ sort: 'nextDue', direction: 'asc' });
  const [page, setPage] = useState(1);

  const query: CaseloadQueryInput = {
    ...scope,
    ...(stage ? { stage } : {}),
    ...(flag ? { flag } : {}),
    ...(timerStatus ? { timerStatus } : {}),
    ...(risk ? { risk } : {}),
    ...(search ? { search } : {}),
    ...sort,
    page,
    pageSize: PAGE_SIZE,
  };
  const result = useQuery('cases.list', query);
  // Any change of filter starts again from the first page.
  useEffect(() => setPage(1), [JSON.stringify(scope), stage, flag, timerStatus, risk, search, sort.sort, sort.direction]);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearch(searchText.trim());
  };
  const pages = result.data ? Math.max(1, Math.ceil(result.data.total / PAGE_SIZE)) : 1;
  const canWrite = session.role !== 'manager';

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
          <SelectField id="filter-stage" label="Stage" value={stage} options={STAGES.values} labels={STAGES.labels} onChange={setStage} emptyLabel="Any stage" />
          <SelectField id="filter-timer" label="Next timer" value={timerStatus} options={Object.keys(TIMER_FILTERS) as TimerFilter[]} labels={TIMER_FILTERS} onChange={setTimerStatus} emptyLabel="Any" />
          <SelectField id="filter-flag" label="Flag" value={flag} options={FLAGS.values} labels={Object.fromEntries(FLAGS.values.map((code) => [code, `${code}: ${FLAGS.labels[code]}`])) as Record<FlagCode, string>} onChange={setFlag} emptyLabel="Any flag" />
          <SelectField id="filter-risk" label="Risk to victim" value={risk} options={RISK_LEVELS.values} labels={RISK_LEVELS.labels} onChange={setRisk} emptyLabel="Any risk" />
        </div>
        <div className="govuk-grid-column-three-quarters">
          <form noValidate onSubmit={submitSearch} role="search" className="govuk-!-margin-bottom-4">
            <div className="govuk-form-group govuk-!-margin-bottom-2">
              <label className="govuk-label govuk-label--s" htmlFor="caseload-search">
                Search by name, CRN, case ref, phone or postcode
              </label>
              <input className="govuk-input govuk-!-width-two-thirds" id="caseload-search" type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} spellCheck={false} autoComplete="off" />{' '}
              <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                Search
              </button>
            </div>
          </form>
          {result.error ? <p className="govuk-error-message">{result.error.message}</p> : null}
          <p className="govuk-body" role="status" data-testid="caseload-count">
            {result.data ? `${result.data.total.toLocaleString('en-GB')} case${result.data.total === 1 ? '' : 's'}` : 'Loading…'}
          </p>
          <div className="app-caseload-table">
            <table className="govuk-table" data-testid="caseload-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Cases, page {page} of {pages}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  {COLUMNS.map((column) => {
                    const active = sort.sort === column.sort;
                    return (
                      <th scope="col" className="govuk-table__header" key={column.sort} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
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
                {(result.data?.rows ?? []).map((row) => (
                  <tr className="govuk-table__row" key={row.caseId}>
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav className="govuk-pagination" aria-label="Pages of cases">
              {page > 1 ? (
                <div className="govuk-pagination__prev">
                  <button type="button" className="govuk-link govuk-pagination__link app-sort-button" onClick={() => setPage(page - 1)}>
                    <span className="govuk-pagination__link-title">Previous<span className="govuk-visually-hidden"> page</span></span>
                  </button>
                </div>
              ) : null}
              <p className="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-left-2 govuk-!-margin-right-2">
                Page {page} of {pages.toLocaleString('en-GB')}
              </p>
              {page < pages ? (
                <div className="govuk-pagination__next">
                  <button type="button" className="govuk-link govuk-pagination__link app-sort-button" onClick={() => setPage(page + 1)}>
                    <span className="govuk-pagination__link-title">Next<span className="govuk-visually-hidden"> page</span></span>
                  </button>
                </div>
              ) : null}
            </nav>
          ) : null}
        </div>
      </div>
    </>
  );
}
