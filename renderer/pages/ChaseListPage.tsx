import { useState } from 'react';
import { mayCall } from '../../shared/permissions';
import type { Settings } from '../../shared/contract';
import type { ChaseListRow } from '../../shared/case-views';
import { chaseEmail, escalationEmail } from '../../shared/chase-email';
import { formatDateShort } from '../../shared/uk-dates';
import { LogChaseForm } from '../components/LogChaseForm';
import { ScopeSelect } from '../components/ScopeSelect';
import { useQuery } from '../hooks/useQuery';
import { Pagination } from '../components/Pagination';
import { caseHref, hrefFor, navigate, navigateAndFocus, withQuery } from '../routes';
import { scopeFromParam, scopeParam, type ScopeInput } from '../scope';
import { TableHead } from '../components/TableHead';
import { useSession } from '../session-context';

/** `#/chase-list/3?scope=team`: the page and whose cases are in the address, so back and forward move between pages. */
const chaseListHref = (page: number, scope: ScopeInput) => withQuery(hrefFor('chase-list', page > 1 ? String(page) : undefined), { scope: scopeParam(scope) });

/** Overdue referrals to chase with the RO, a page at a time: chase due, escalate after repeated chases. */
export function ChaseListPage({ settings, page, query }: { settings: Settings; page: number; query: URLSearchParams }) {
  const session = useSession();
  const [scope, setScope] = useState<ScopeInput>(() => scopeFromParam(query.get('scope'), session));
  const list = useQuery('chases.list', { ...scope, page });
  const team = scope.scope !== 'mine';
  const [open, setOpen] = useState<number | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const canWrite = mayCall(session.role, 'cases.logChase');

  const copy = async (row: ChaseListRow, kind: EmailKind) => {
    try {
      await navigator.clipboard.writeText(emailText(row, kind));
      setCopied(
        kind === 'chase'
          ? `Chase email for ${row.caseRef} copied. Paste it into your email to ${row.roName ?? 'the RO'}.`
          : `Escalation email for ${row.caseRef} copied. Paste it into your email to ${row.roName ? `${row.roName}'s` : "the RO's"} manager.`,
      );
    } catch {
      setCopied(`Could not reach the clipboard. Open "Email text" under ${row.caseRef} and copy it from there.`);
    }
  };
  const emailText = (row: ChaseListRow, kind: EmailKind) => {
    const email = (kind === 'chase' ? chaseEmail : escalationEmail)(row, session.accountName, settings.roleTitle, list.data?.asOf ?? '');
    return `Subject: ${email.subject}\n\n${email.body}`;
  };

  return (
    <>
      <h1 className="govuk-heading-l">Chase list</h1>
      <p className="govuk-body">Cases whose referral is overdue. Chase the responsible officer; after 2 chases, escalate to their manager.</p>
      <ScopeSelect
        value={scope}
        onChange={(chosen) => {
          setScope(chosen);
          navigate(chaseListHref(1, chosen)); // another worker's list starts at its most overdue
        }}
      />
      <div role="status" aria-live="polite">
        {copied ? <div className="govuk-inset-text">{copied}</div> : null}
      </div>
      {list.error ? <p className="govuk-error-message">{list.error.message}</p> : null}
      {list.data && list.data.rows.length === 0 ? <p className="govuk-inset-text">No referrals are overdue.</p> : null}
      {list.data && list.data.rows.length ? (
        <table className="govuk-table" data-testid="chase-table" id="chase-table" tabIndex={-1}>
          <caption className="govuk-table__caption govuk-table__caption--s">{chaseCaption(list.data)}</caption>
          <TableHead
            columns={[
              'Case',
              ...(team ? ['Victim', 'Worker'] : []),
              'CRN',
              'RO',
              { label: 'Days overdue', numeric: true },
              { label: 'Chases', numeric: true },
              'Last chase',
              'Action',
            ]}
          />
          <tbody className="govuk-table__body">
            {list.data.rows.map((row) => (
              <ChaseRow
                key={row.caseId}
                row={row}
                asOf={list.data!.asOf}
                canWrite={canWrite}
                open={open === row.caseId}
                onToggle={() => setOpen(open === row.caseId ? null : row.caseId)}
                team={team}
                onCopy={(kind) => void copy(row, kind)}
                onLogged={() => {
                  setOpen(null);
                  void list.reload();
                }}
                emailText={emailText(row, row.escalate ? 'escalation' : 'chase')}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {list.data ? (
        <Pagination
          current={list.data.page}
          pages={list.data.pages}
          hrefFor={(p) => chaseListHref(p, scope)}
          onFollow={(href) => navigateAndFocus(href, 'chase-table')}
          label="Chase list pages"
        />
      ) : null}
    </>
  );
}

/** Says how many are overdue and due a chase and, when there is more than one page, which of them this page shows. */
function chaseCaption({
  overdue,
  chaseDue,
  page,
  pageSize,
  rows,
}: {
  overdue: number;
  chaseDue: number;
  page: number;
  pageSize: number;
  rows: unknown[];
}): string {
  const n = (count: number) => count.toLocaleString('en-GB');
  const counts = `${n(overdue)} overdue referral${overdue === 1 ? '' : 's'}, ${n(chaseDue)} due a chase`;
  if (rows.length >= overdue) return counts;
  const first = (page - 1) * pageSize + 1;
  return `${counts}. Showing ${n(first)} to ${n(first + rows.length - 1)}, most overdue first.`;
}

type EmailKind = 'chase' | 'escalation';

function ChaseRow(props: {
  row: ChaseListRow;
  asOf: string;
  canWrite: boolean;
  team: boolean;
  open: boolean;
  onToggle: () => void;
  onCopy: (kind: EmailKind) => void;
  onLogged: () => void;
  emailText: string;
}) {
  const { row } = props;
  return (
    <>
      <tr className="govuk-table__row" data-case-ref={row.caseRef}>
        <td className="govuk-table__cell app-nowrap">
          <a className="govuk-link" href={caseHref(row.caseId)}>
            {row.caseRef}
          </a>
        </td>
        {props.team ? (
          <>
            <td className="govuk-table__cell">{row.victimName}</td>
            <td className="govuk-table__cell">{row.ownerName ?? 'Unallocated'}</td>
          </>
        ) : null}
        <td className="govuk-table__cell app-nowrap">{row.crn ?? ''}</td>
        <td className="govuk-table__cell">{row.roName ?? 'Not recorded'}</td>
        <td className="govuk-table__cell govuk-table__cell--numeric">{row.daysOverdue}</td>
        <td className="govuk-table__cell govuk-table__cell--numeric">{row.chases}</td>
        <td className="govuk-table__cell">
          {row.lastChaseDate ? formatDateShort(row.lastChaseDate) : 'Not chased yet'}{' '}
          {row.escalate ? (
            <strong className="govuk-tag govuk-tag--red">Escalate</strong>
          ) : row.chaseDue ? (
            <strong className="govuk-tag govuk-tag--yellow">Chase due</strong>
          ) : null}
        </td>
        <td className="govuk-table__cell">
          {props.canWrite ? (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" aria-expanded={props.open} onClick={props.onToggle}>
              Log chase<span className="govuk-visually-hidden"> for {row.caseRef}</span>
            </button>
          ) : null}{' '}
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
            onClick={() => props.onCopy(row.escalate ? 'escalation' : 'chase')}
          >
            {row.escalate ? 'Copy escalation email' : 'Copy chase email'}
            <span className="govuk-visually-hidden"> for {row.caseRef}</span>
          </button>
          <details className="govuk-details govuk-!-margin-bottom-0">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                Email text<span className="govuk-visually-hidden"> for {row.caseRef}</span>
              </span>
            </summary>
            <div className="govuk-details__text app-pre-wrap" data-testid={`chase-email-${row.caseRef}`}>
              {props.emailText}
            </div>
          </details>
        </td>
      </tr>
      {props.open ? (
        <tr className="govuk-table__row">
          <td className="govuk-table__cell" colSpan={props.team ? 9 : 7}>
            <LogChaseForm caseId={row.caseId} today={props.asOf} defaultTo={row.roName ?? ''} onLogged={props.onLogged} idPrefix={`chase-${row.caseId}`} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
