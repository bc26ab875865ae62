import { useState, type FormEvent } from 'react';
import { mayCall } from '../../shared/permissions';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MergeFile } from '../../shared/contract';
import { isIsoDate, londonDate } from '../../shared/dates';
import { figureText } from '../../shared/wording';
import { ErrorSummary, type FormError } from '../components/ErrorSummary';
import { FIGURES, TREND_FIGURES, type TrendKey } from '../../shared/report-definitions';
import { formatDateLong } from '../../shared/uk-dates';
import { asClientError, call } from '../api/client';
import { DateInput } from '../components/DateInput';
import { ScopeSelect, type ReportScopeInput } from '../components/ScopeSelect';
import { useQuery } from '../hooks/useQuery';
import { defaultScope, type ScopeInput } from '../scope';
import { ReportsNav } from './reports/ReportsNav';
import { EqualityTables } from './reports/EqualityTables';
import { useSession } from '../session-context';

type PeriodChoice = 'this_month' | 'last_month' | 'quarter' | 'year' | 'custom';
const PERIODS: [PeriodChoice, string][] = [
  ['this_month', 'This month'],
  ['last_month', 'Last month'],
  ['quarter', 'Last 3 full months'],
  ['year', 'Last 12 full months'],
  ['custom', 'Choose dates'],
];

const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);

/** The period a choice stands for, as of today in London. */
function periodFor(choice: PeriodChoice, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (choice) {
    case 'this_month':
      return { from: monthStart(y, m - 1), to: today };
    case 'last_month':
      return { from: monthStart(y, m - 2), to: monthEnd(y, m - 2) };
    case 'quarter':
      return { from: monthStart(y, m - 4), to: monthEnd(y, m - 2) };
    default:
      return { from: monthStart(y, m - 13), to: monthEnd(y, m - 2) };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
const show = (value: number | null | undefined, key: string) => figureText(key, value);

/** The problem with a chosen period, or null when it can be reported. */
function periodProblem({ from, to }: { from: string; to: string }): FormError | null {
  if (!isIsoDate(from)) return { field: 'report-from', message: 'Enter a real first day, like 1 10 2026' };
  if (!isIsoDate(to)) return { field: 'report-to', message: 'Enter a real last day, like 31 10 2026' };
  if (to < from) return { field: 'report-to', message: 'The last day must be the same as or after the first day' };
  return null;
}

/** Workload and timeliness for a period: figures per worker and team, trends, and exports. No victim's details. */
export function ReportsPage() {
  const session = useSession();
  const today = londonDate(new Date());
  const [choice, setChoice] = useState<PeriodChoice>('last_month');
  // Chosen dates are typed into a draft and reported only when submitted: no figures are worked
  // out for half-typed dates, and a refused period shows no figures at all rather than old ones.
  const [draft, setDraft] = useState(() => periodFor('last_month', today));
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(() => periodFor('last_month', today));
  const [dateErrors, setDateErrors] = useState<FormError[]>([]);
  const [scope, setScope] = useState<ReportScopeInput>(() => (session.role === 'plw' ? defaultScope(session) : { scope: 'team' }));
  const [message, setMessage] = useState<string | null>(null);
  const chosen = choice === 'custom' ? custom : periodFor(choice, today);
  const valid = chosen !== null;
  const period = chosen ?? { from: today, to: today };
  const query = { ...period, ...scope };
  const summary = useQuery('reports.summary', query, { enabled: valid });
  const applyDates = (event: FormEvent) => {
    event.preventDefault();
    const problem = periodProblem(draft);
    setDateErrors(problem ? [problem] : []);
    setCustom(problem ? null : draft);
  };

  const exportAs = async (format: 'xlsx' | 'csv' | 'json' | 'pdf' | 'worker-file') => {
    setMessage(null);
    try {
      const result = await call('reports.export', { query, format });
      setMessage(result.savedAs ? `Saved ${format === 'worker-file' ? 'the summary file' : format.toUpperCase()} as ${result.savedAs}.` : null);
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  // Only figures for the period chosen now: a refused or changed period never shows the last one's.
  const data = valid && summary.data && summary.data.period.from === period.from && summary.data.period.to === period.to ? summary.data : null;

  return (
    <>
      <h1 className="govuk-heading-l">Reports</h1>
      <ReportsNav current={undefined} />
      <p className="govuk-body">
        Workload and timeliness figures. They hold worker names and numbers only: nothing about any victim, perpetrator, child or RO.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Period</legend>
              <div className="govuk-radios govuk-radios--small">
                {PERIODS.map(([value, label]) => (
                  <div className="govuk-radios__item" key={value}>
                    <input
                      className="govuk-radios__input"
                      type="radio"
                      id={`period-${value}`}
                      name="period"
                      checked={choice === value}
                      onChange={() => setChoice(value)}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={`period-${value}`}>
                      {label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          {choice === 'custom' ? (
            <form noValidate onSubmit={applyDates} aria-label="Choose the dates">
              <ErrorSummary errors={dateErrors} />
              <DateInput
                id="report-from"
                legend="First day"
                value={draft.from}
                onChange={(from) => setDraft({ ...draft, from })}
                error={dateErrors.find((e) => e.field === 'report-from')?.message}
              />
              <DateInput
                id="report-to"
                legend="Last day"
                value={draft.to}
                onChange={(to) => setDraft({ ...draft, to })}
                error={dateErrors.find((e) => e.field === 'report-to')?.message}
              />
              <button type="submit" className="govuk-button govuk-button--secondary">
                Show figures for these dates
              </button>
            </form>
          ) : null}
        </div>
        <div className="govuk-grid-column-one-half">
          <ScopeSelect value={scope} onChange={setScope} id="report-scope" withOffices />
          <h2 className="govuk-heading-s">Export</h2>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--secondary" disabled={!valid} onClick={() => void exportAs('xlsx')}>
              Excel (XLSX)
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" disabled={!valid} onClick={() => void exportAs('csv')}>
              CSV files
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" disabled={!valid} onClick={() => void exportAs('json')}>
              JSON
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" disabled={!valid} onClick={() => void exportAs('pdf')}>
              PDF
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" disabled={!valid} onClick={() => void exportAs('worker-file')}>
              Summary file for the manager
            </button>
          </div>
          <div role="status">{message ? <p className="govuk-body">{message}</p> : null}</div>
        </div>
      </div>
      {summary.error ? <p className="govuk-error-message">{summary.error.message}</p> : null}
      {data ? (
        <>
          <h2 className="govuk-heading-m">
            {data.scope}: {formatDateLong(data.period.from)} to {formatDateLong(data.period.to)}
          </h2>
          <div className="govuk-grid-row" data-testid="report-cards">
            {(['open_caseload', 'new_referrals', 'first_contacts_on_time_pct', 'victims_offered_support'] as const).map((key) => (
              <div className="govuk-grid-column-one-quarter" key={key}>
                <div className="app-card">
                  <span className="app-card__count">{show(data.team[key], key)}</span>
                  <span className="app-card__label">{FIGURES.find((f) => f.key === key)!.label}</span>
                </div>
              </div>
            ))}
          </div>
          <FiguresTable summary={data} testId="report-figures" />
          <TrendCharts trend={data.trend} />
          <CaseloadChart workers={data.workers.map((w) => ({ worker: w.worker, open: w.open_caseload ?? 0 }))} />
          {data.equality ? <EqualityTables equality={data.equality} /> : null}
          {session.role !== 'plw' ? <MergedTeamView /> : null}
          {mayCall(session.role, 'reports.exportCaseList') && scope.scope !== 'office' ? <PersonalCaseList scope={scope} /> : null}
        </>
      ) : valid ? (
        <p className="govuk-body">Loading…</p>
      ) : null}
    </>
  );
}

function TrendCharts({ trend }: { trend: ({ month: string } & Record<TrendKey, number | null>)[] }) {
  const rows = trend.map((t) => ({ ...t, label: monthLabel(t.month) }));
  return (
    <>
      <h2 className="govuk-heading-m">The last 12 months</h2>
      <figure className="govuk-!-margin-0" aria-labelledby="trend-referrals-title">
        <h3 className="govuk-heading-s" id="trend-referrals-title">
          Referrals received and received late
        </h3>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={rows} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="new_referrals" name="Referrals received" fill="#1d70b8" isAnimationActive={false} />
            <Bar dataKey="referrals_late" name="Received late" fill="#d4351c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="govuk-!-margin-0" aria-labelledby="trend-contact-title">
        <h3 className="govuk-heading-s" id="trend-contact-title">
          First contacts on time (%) and victims offered support
        </h3>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={rows} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis yAxisId="pct" domain={[0, 100]} unit="%" />
            <YAxis yAxisId="count" orientation="right" allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Line
              yAxisId="pct"
              type="monotone"
              dataKey="first_contacts_on_time_pct"
              name="First contacts on time (%)"
              stroke="#00703c"
              strokeWidth={3}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              yAxisId="count"
              type="monotone"
              dataKey="victims_offered_support"
              name="Victims offered support"
              stroke="#4c2c92"
              strokeWidth={3}
              strokeDasharray="6 3"
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">The trend as a table</span>
        </summary>
        <div className="govuk-details__text">
          <table className="govuk-table" data-testid="trend-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Month by month</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Month
                </th>
                {TREND_FIGURES.map((t) => (
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={t.key}>
                    {t.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rows.map((r) => (
                <tr className="govuk-table__row" key={r.month}>
                  <th scope="row" className="govuk-table__header">
                    {r.label}
                  </th>
                  {TREND_FIGURES.map((t) => (
                    <td className="govuk-table__cell govuk-table__cell--numeric" key={t.key}>
                      {show(r[t.key], t.key)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function CaseloadChart({ workers }: { workers: { worker: string; open: number }[] }) {
  if (workers.length < 2) return null;
  const shown = workers.slice(0, 40);
  return (
    <figure className="govuk-!-margin-0" aria-labelledby="caseload-chart-title">
      <h2 className="govuk-heading-m" id="caseload-chart-title">
        Open caseload per worker{workers.length > shown.length ? ` (first ${shown.length} of ${workers.length})` : ''}
      </h2>
      <ResponsiveContainer width="100%" height={Math.max(200, shown.length * 28)}>
        <BarChart data={shown} layout="vertical" accessibilityLayer margin={{ left: 40 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="worker" width={160} />
          <Tooltip />
          <Bar dataKey="open" name="Open cases" fill="#1d70b8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <p className="govuk-body-s">The same numbers are in the figures table above, one column per worker.</p>
    </figure>
  );
}

type SummaryView = NonNullable<ReturnType<typeof useQuery<'reports.summary'>>['data']>;

/** Every figure, team and each worker, each with its definition a click away. */
function FiguresTable({ summary, testId }: { summary: SummaryView; testId: string }) {
  const columns = [{ name: 'Team', figures: summary.team }, ...summary.workers.map((w) => ({ name: w.worker, figures: w }))];
  return (
    <div className="app-caseload-table">
      <table className="govuk-table" data-testid={testId}>
        <caption className="govuk-table__caption govuk-table__caption--m">Figures</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Figure
            </th>
            {columns.map((c) => (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={c.name}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {FIGURES.map((f) => (
            <tr className="govuk-table__row" key={f.key}>
              <th scope="row" className="govuk-table__header">
                <details className="govuk-details govuk-!-margin-bottom-0">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">{f.label}</span>
                  </summary>
                  <div className="govuk-details__text govuk-body-s">{f.definition}</div>
                </details>
              </th>
              {columns.map((c) => (
                <td className="govuk-table__cell govuk-table__cell--numeric" key={c.name}>
                  {show(c.figures[f.key], f.key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The manager's team view, merged from each worker's summary file. */
function MergedTeamView() {
  const [files, setFiles] = useState<MergeFile[]>([]);
  const [summary, setSummary] = useState<SummaryView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (action: () => Promise<{ files: MergeFile[]; summary: SummaryView | null }>) => {
    setProblem(null);
    try {
      const result = await action();
      setFiles(result.files);
      setSummary(result.summary);
    } catch (error) {
      setProblem(asClientError(error).message);
    }
  };
  return (
    <section aria-labelledby="merge-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="merge-heading">
        Team view from workers’ summary files
      </h2>
      <p className="govuk-body">
        Each worker exports a summary file (Export, then Summary file for the manager). Add them here to see the team together. A file sent twice replaces the
        earlier one.
      </p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void run(() => call('reports.addMergeFile', {}))}>
          Add a summary file
        </button>
        {files.length ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void run(() => call('reports.clearMerge', {}))}>
            Clear
          </button>
        ) : null}
      </div>
      {problem ? (
        <p className="govuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {files.length ? (
        <table className="govuk-table" data-testid="merge-files">
          <caption className="govuk-table__caption govuk-table__caption--s">Files added, and who signed each</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                File
              </th>
              <th scope="col" className="govuk-table__header">
                Signed by
              </th>
              <th scope="col" className="govuk-table__header">
                Key fingerprint
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {files.map((file) => (
              <tr className="govuk-table__row" key={file.name}>
                <td className="govuk-table__cell">{file.name}</td>
                <td className="govuk-table__cell">
                  {file.signedBy}
                  {file.keyRetiredAt ? ` (with the key they used before ${formatDateLong(file.keyRetiredAt.slice(0, 10))})` : ''}
                </td>
                <td className="govuk-table__cell">
                  <code>{file.fingerprint}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {summary ? (
        <>
          <h3 className="govuk-heading-s">
            {summary.scope}: {formatDateLong(summary.period.from)} to {formatDateLong(summary.period.to)}
          </h3>
          <FiguresTable summary={summary} testId="merged-figures" />
        </>
      ) : null}
    </section>
  );
}

/** The one export with personal details, behind a warning; every use is audited. */
function PersonalCaseList({ scope }: { scope: ScopeInput }) {
  const [understood, setUnderstood] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const exportList = async () => {
    try {
      const result = await call('reports.exportCaseList', { ...scope, confirmed: true });
      setMessage(result.savedAs ? `Saved as ${result.savedAs}. This export has been recorded in the audit log.` : null);
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  return (
    <details className="govuk-details govuk-!-margin-top-8">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Case list with personal details</span>
      </summary>
      <div className="govuk-details__text">
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This file holds victims’ names, phone numbers and postcodes. Save it only somewhere encrypted, never email it, and delete it when you are done.
            Every export is recorded in the audit log.
          </strong>
        </div>
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="case-list-understood"
              type="checkbox"
              checked={understood}
              onChange={(e) => setUnderstood(e.target.checked)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="case-list-understood">
              I understand this file holds personal details
            </label>
          </div>
        </div>
        <button type="button" className="govuk-button govuk-button--warning" disabled={!understood} onClick={() => void exportList()}>
          Export the case list
        </button>
        <div role="status">{message ? <p className="govuk-body">{message}</p> : null}</div>
      </div>
    </details>
  );
}
