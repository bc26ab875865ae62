import { mayCall } from '../../../shared/permissions';
import { useState } from 'react';
import { formatDateShort } from '../../../shared/uk-dates';
import { asClientError, call } from '../../api/client';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../session-context';

/** Where backups go, back up now, and the backups kept (7 daily, 4 weekly, 12 monthly). */
export function BackupsSettings() {
  const session = useSession();
  const status = useQuery('backups.status', {});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await action());
      void status.reload();
    } catch (error) {
      setMessage(asClientError(error).message);
    } finally {
      setBusy(false);
    }
  };
  const data = status.data;
  const [restoring, setRestoring] = useState<{ name: string; readable: boolean; counts: Record<string, number> | null } | null>(null);
  const [sure, setSure] = useState(false);
  const preview = async (name: string) => {
    setSure(false);
    try {
      setRestoring(await call('backups.preview', { name }));
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  const restore = async () => {
    if (!restoring) return;
    try {
      // The app locks when this returns: the unlock screen follows.
      await call('backups.restore', { name: restoring.name, confirmed: true });
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  return (
    <>
      <h2 className="govuk-heading-m">Backups</h2>
      <p className="govuk-body">
        Backups are encrypted like the database, checked after writing, made automatically at the first unlock of each day, and kept for 7 days, 4 weeks and 12
        months. Keep them somewhere other than this computer, such as a network drive. To restore one, choose Restore beside it (or use <code>plw restore</code>
        ).
      </p>
      <p className="govuk-body" data-testid="backup-folder">
        {data?.folder ? `Backup folder: ${data.folder}` : 'No backup folder chosen yet.'}
      </p>
      <div className="govuk-button-group">
        {mayCall(session.role, 'backups.chooseFolder') ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={busy}
            onClick={() => void run(async () => ((await call('backups.chooseFolder', {})).folder ? 'Backup folder saved.' : null))}
          >
            Choose backup folder
          </button>
        ) : null}
        {mayCall(session.role, 'backups.now') ? (
          <button
            type="button"
            className="govuk-button"
            disabled={busy || !data?.folder}
            onClick={() =>
              void run(async () => {
                const made = await call('backups.now', {});
                return `Backed up and checked: ${made.name} (${made.cases} cases).`;
              })
            }
          >
            Back up now
          </button>
        ) : null}
      </div>
      <div role="status">{message ? <p className="govuk-body">{message}</p> : null}</div>
      {restoring ? (
        <div className="govuk-inset-text" data-testid="restore-preview">
          <h3 className="govuk-heading-s">Restore {restoring.name}</h3>
          {restoring.readable && restoring.counts ? (
            <>
              <p className="govuk-body">
                It holds {restoring.counts.cases} cases, {restoring.counts.contacts} contacts and {restoring.counts.audit_log} audit entries. The current
                database is kept aside, not deleted, and the app locks; unlock to carry on from the backup.
              </p>
              <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
                <div className="govuk-checkboxes__item">
                  <input className="govuk-checkboxes__input" id="restore-sure" type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="restore-sure">
                    Replace the database with this backup
                  </label>
                </div>
              </div>
              <button type="button" className="govuk-button govuk-button--warning" disabled={!sure} onClick={() => void restore()}>
                Restore this backup
              </button>
            </>
          ) : (
            <p className="govuk-body">
              This backup cannot be read with the current key (it may be from before the key was changed). Restore it with plw restore and the passphrase of
              that time.
            </p>
          )}
        </div>
      ) : null}
      {data && data.backups.length ? (
        <table className="govuk-table" data-testid="backups-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Backups kept</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Taken
              </th>
              <th scope="col" className="govuk-table__header">
                File
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Size
              </th>
              {mayCall(session.role, 'backups.restore') ? (
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Restore</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.backups.map((b) => (
              <tr className="govuk-table__row" key={b.name}>
                <td className="govuk-table__cell">
                  {formatDateShort(b.takenAt)} {b.takenAt.slice(11, 16)} UTC
                </td>
                <td className="govuk-table__cell">{b.name}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{Math.round(b.bytes / 1024).toLocaleString('en-GB')} KB</td>
                {mayCall(session.role, 'backups.restore') ? (
                  <td className="govuk-table__cell">
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void preview(b.name)}>
                      Restore<span className="govuk-visually-hidden"> {b.name}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
