import { useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import { formatDateShort } from '../../../shared/uk-dates';
import { asClientError, call } from '../../api/client';
import { TextField } from '../../components/TextField';
import { useQuery } from '../../hooks/useQuery';
import type { SettingsProps } from './settings-props';
import { useSession } from '../../session-context';

/** Closed cases due for review under the team's retention period, and erasing them for good. */
export function RetentionSettings({ settings, onSettingsChanged }: SettingsProps) {
  const session = useSession();
  const due = useQuery('retention.due', {});
  const [years, setYears] = useState(String(settings.retentionYears));
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [sure, setSure] = useState(false);
  const isAdmin = mayCall(session.role, 'retention.erase');
  const saveYears = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSettingsChanged(await call('settings.update', { version: settings.version, retentionYears: Number(years.trim()) || -1 }));
      setMessage('Retention period saved.');
      void due.reload();
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  const erase = async (caseId: number) => {
    try {
      const result = await call('retention.erase', { caseId, confirmed: true });
      setMessage(`Case ${result.erased} erased. Only its counts are kept, for statistics.`);
      setConfirming(null);
      setSure(false);
      void due.reload();
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  return (
    <>
      <h2 className="govuk-heading-m">Retention</h2>
      <p className="govuk-body">
        Closed cases come up for review {settings.retentionYears} years after closure. Erasing removes all of a case’s personal data for good; only counts are
        kept.
      </p>
      {isAdmin ? (
        <form noValidate onSubmit={saveYears} aria-label="Retention period">
          <TextField
            id="retentionYears"
            label="Review closed cases after this many years"
            value={years}
            onChange={setYears}
            inputMode="numeric"
            widthClass="govuk-input--width-3"
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Save retention period
          </button>
        </form>
      ) : null}
      <div role="status">{message ? <p className="govuk-body">{message}</p> : null}</div>
      {due.data && due.data.cases.length === 0 ? <p className="govuk-inset-text">No closed case is due for review.</p> : null}
      {due.data && due.data.cases.length ? (
        <table className="govuk-table" data-testid="retention-due">
          <caption className="govuk-table__caption govuk-table__caption--s">Due for review</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Case
              </th>
              <th scope="col" className="govuk-table__header">
                Closed
              </th>
              <th scope="col" className="govuk-table__header">
                Worker
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {due.data.cases.map((c) => (
              <tr className="govuk-table__row" key={c.caseId}>
                <td className="govuk-table__cell">{c.caseRef}</td>
                <td className="govuk-table__cell">{formatDateShort(c.closedDate)}</td>
                <td className="govuk-table__cell">{c.ownerName ?? ''}</td>
                <td className="govuk-table__cell">
                  {isAdmin && confirming !== c.caseId ? (
                    <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => setConfirming(c.caseId)}>
                      Erase<span className="govuk-visually-hidden"> {c.caseRef}</span>
                    </button>
                  ) : null}
                  {confirming === c.caseId ? (
                    <>
                      <div className="govuk-checkboxes govuk-checkboxes--small">
                        <div className="govuk-checkboxes__item">
                          <input
                            className="govuk-checkboxes__input"
                            id={`erase-${c.caseId}`}
                            type="checkbox"
                            checked={sure}
                            onChange={(e) => setSure(e.target.checked)}
                          />
                          <label className="govuk-label govuk-checkboxes__label" htmlFor={`erase-${c.caseId}`}>
                            Erase {c.caseRef} for good
                          </label>
                        </div>
                      </div>
                      <button
                        type="button"
                        className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                        disabled={!sure}
                        onClick={() => void erase(c.caseId)}
                      >
                        Erase now
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
