import { useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import { asClientError, call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { TextField } from '../../components/TextField';
import { useQuery } from '../../hooks/useQuery';
import { TableHead } from '../../components/TableHead';
import { formatTimeAndDate } from '../../../shared/uk-dates';
import { useSession } from '../../session-context';

/** Admins: who did what and when, filtered and exported, with the chain's integrity shown. */
export function AuditSettings() {
  const session = useSession();
  const [draft, setDraft] = useState({ from: '', to: '', account: '', action: '' });
  const [filter, setFilter] = useState({});
  const [message, setMessage] = useState<string | null>(null);
  const log = useQuery('audit.list', filter, { enabled: mayCall(session.role, 'audit.list') });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')));
  };
  const exportCsv = async () => {
    try {
      const result = await call('audit.export', filter);
      setMessage(result.savedAs ? `Saved as ${result.savedAs}.` : null);
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  return (
    <>
      <h2 className="govuk-heading-m">Audit log</h2>
      {log.data ? (
        log.data.chain.whole ? (
          <div className="govuk-inset-text" data-testid="audit-chain">
            The log is whole: every entry is chained to the one before it.
          </div>
        ) : (
          <div className="govuk-warning-text" data-testid="audit-chain">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              The log has been tampered with at entry {log.data.chain.brokenAt}: {log.data.chain.reason}. Restore a backup and tell your information governance
              lead.
            </strong>
          </div>
        )
      ) : null}
      {log.data?.anchor ? (
        <div className="govuk-summary-card" data-testid="audit-anchor">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">Audit anchor</h3>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">
              The chain shows whether an entry was changed by someone without the database key. Anyone with the key could rewrite the whole log; this anchor
              catches that. Print it or copy it somewhere the team's accounts cannot change (a paper file, your information governance lead's email). Later,{' '}
              <code>plw verify --anchor</code> with it shows whether the log up to this entry is still as it is now. A copy is also written beside every backup.
            </p>
            <p className="govuk-body plw-anchor">{log.data.anchor}</p>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => void navigator.clipboard?.writeText(log.data!.anchor!)}
            >
              Copy the anchor
            </button>
          </div>
        </div>
      ) : null}
      <form noValidate onSubmit={apply} aria-label="Filter the audit log">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <DateInput id="audit-from" legend="From (optional)" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
            <DateInput id="audit-to" legend="To (optional)" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
          </div>
          <div className="govuk-grid-column-one-half">
            <TextField id="audit-account" label="Account (optional)" value={draft.account} onChange={(account) => setDraft({ ...draft, account })} />
            <TextField
              id="audit-action"
              label="Action starts with (optional)"
              hint="For example, case. or session."
              value={draft.action}
              onChange={(action) => setDraft({ ...draft, action })}
            />
          </div>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Filter
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void exportCsv()}>
            Export as CSV
          </button>
        </div>
      </form>
      <div role="status">{message ? <p className="govuk-body">{message}</p> : null}</div>
      {log.error ? <p className="govuk-error-message">{log.error.message}</p> : null}
      {log.data ? (
        <table className="govuk-table" data-testid="audit-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Newest first, up to 500 entries</caption>
          <TableHead columns={['When (UK time)', 'Account', 'Action', 'On', 'Detail']} />
          <tbody className="govuk-table__body">
            {log.data.rows.map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell app-nowrap">{formatTimeAndDate(r.at)}</td>
                <td className="govuk-table__cell">{r.accountName}</td>
                <td className="govuk-table__cell">{r.action}</td>
                <td className="govuk-table__cell">{auditSubject(r)}</td>
                <td className="govuk-table__cell govuk-body-s">{r.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** What an entry is about, in the words people use: the case's reference (or that it was erased), else the kind of record. */
function auditSubject(r: { caseId: number | null; caseRef: string | null; entityType: string | null }): string {
  if (r.caseId !== null) return r.caseRef ? `Case ${r.caseRef}` : 'A case since erased';
  return r.entityType ? r.entityType.replace(/[-_]/g, ' ') : '';
}
