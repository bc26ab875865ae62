import { useState } from 'react';
import type { ImportPreview } from '../../../shared/contract';
import { asClientError, call } from '../../api/client';
import { clientCache } from '../../api/cache';
import { ProgressBar } from '../../components/ProgressBar';
import type { SettingsProps } from './settings-props';
import { TableHead } from '../../components/TableHead';
import { ImportLimitsForm } from './ImportLimitsForm';
import { CheckboxItem } from '../../components/CheckboxItem';
import { needFixing, plural } from '../../../shared/wording';

type Imported = NonNullable<Awaited<ReturnType<typeof runImport>>['imported']>;
const runImport = (update: boolean, confirmedNewWorkers: string[]) => call('import.run', { update, confirmedNewWorkers });

/** Choose a workbook, see what it holds and every wrong row, then import it all (or nothing). */
export function ImportSettings({ settings, onSettingsChanged }: SettingsProps) {
  const [label, setLabel] = useState<string | null>(null);
  const [update, setUpdate] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [template, setTemplate] = useState<string | null>(null);
  // New names close to a known worker's: each is confirmed as somebody new before the import runs.
  const [confirmed, setConfirmed] = useState<string[]>([]);

  // Shown to administrators only: the section is hidden from roles that may not import (shared/permissions.ts).

  const check = async (chosenUpdate = update) => {
    setBusy(true);
    setMessage(null);
    setImported(null);
    setConfirmed([]);
    try {
      setPreview(await call('import.preview', { update: chosenUpdate }));
    } catch (error) {
      setPreview(null);
      setMessage(asClientError(error).message);
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    setMessage(null);
    // Through a team server the workbook is sent before it is read: `sending` shows that progress.
    setSending(true);
    let chosen: { label: string | null };
    try {
      chosen = await call('import.chooseSource', {});
    } catch (error) {
      setMessage(asClientError(error).message);
      return;
    } finally {
      setSending(false);
    }
    if (chosen.label) {
      setLabel(chosen.label);
      await check();
    }
  };
  const run = async () => {
    setBusy(true);
    try {
      const result = await runImport(update, confirmed);
      setPreview(result.preview);
      setImported(result.imported);
      clientCache.invalidate('workers.list');
    } catch (error) {
      setMessage(asClientError(error).message);
    } finally {
      setBusy(false);
    }
  };
  const saveTemplate = async () => {
    const saved = await call('import.saveTemplate', {});
    setTemplate(saved.savedAs ? `Template saved as ${saved.savedAs}.` : null);
  };
  const errors = preview?.errors ?? [];
  const toConfirm = preview?.workersToConfirm ?? [];

  return (
    <>
      <h2 className="govuk-heading-m">Import and templates</h2>
      <p className="govuk-body">
        Bring in your team’s tracker spreadsheet: one Excel workbook with the sheets cases, contacts, orders and chases, or a folder of CSV files named after
        them. Everything is checked first; if any row is wrong, nothing is imported.
      </p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => void choose()} disabled={busy || sending}>
          Choose workbook
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void saveTemplate()}>
          Download template
        </button>
      </div>
      <div role="status">{template ? <p className="govuk-body">{template}</p> : null}</div>
      {message ? <p className="govuk-error-message">{message}</p> : null}
      <ProgressBar operation="upload" active={sending} onlyWhenReported />
      {label ? (
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="import-update"
              type="checkbox"
              checked={update}
              onChange={(e) => {
                setUpdate(e.target.checked);
                void check(e.target.checked);
              }}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="import-update">
              Update existing cases (cases whose reference is already in the app)
            </label>
          </div>
        </div>
      ) : null}
      {preview && label ? (
        <>
          <h3 className="govuk-heading-s">{label}</h3>
          <dl className="govuk-summary-list" data-testid="import-preview">
            {Object.entries(preview.rowsPerSheet).map(([sheet, rows]) => (
              <div className="govuk-summary-list__row" key={sheet}>
                <dt className="govuk-summary-list__key">{sheet}</dt>
                <dd className="govuk-summary-list__value">{plural(rows, 'row')}</dd>
              </div>
            ))}
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Cases</dt>
              <dd className="govuk-summary-list__value">
                {preview.casesNew.toLocaleString('en-GB')} new, {preview.casesUpdated.toLocaleString('en-GB')} to update
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">New workers</dt>
              <dd className="govuk-summary-list__value">{preview.newWorkers.length ? preview.newWorkers.join(', ') : 'No new workers'}</dd>
            </div>
          </dl>
          {toConfirm.length && !errors.length ? (
            <div className="govuk-form-group" data-testid="workers-to-confirm">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Are these new workers?</legend>
                <p className="govuk-body">
                  These names are close to a worker the app already knows. If one is a slip, correct it in the workbook and choose it again; if it is a new
                  person, tick it.
                </p>
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  {toConfirm.map((w, i) => (
                    <CheckboxItem
                      key={w.name}
                      id={`confirm-worker-${i}`}
                      label={`${w.name} is a new worker, not ${w.closeTo}`}
                      checked={confirmed.includes(w.name)}
                      onChange={(on) => setConfirmed((now) => (on ? [...now, w.name] : now.filter((n) => n !== w.name)))}
                    />
                  ))}
                </div>
              </fieldset>
            </div>
          ) : null}
        </>
      ) : null}
      {errors.length ? (
        <div className="govuk-error-summary" tabIndex={-1} aria-labelledby="import-errors-title">
          <div role="alert">
            <h3 className="govuk-error-summary__title" id="import-errors-title">
              {needFixing(errors.length)}. Nothing has been imported.
            </h3>
          </div>
          <table className="govuk-table govuk-!-margin-bottom-0" data-testid="import-errors">
            <caption className="govuk-table__caption govuk-visually-hidden">Rows to fix</caption>
            <TableHead columns={['Sheet', { label: 'Row', numeric: true }, 'Column', 'What is wrong']} />
            <tbody className="govuk-table__body">
              {errors.map((e, i) => (
                <tr className="govuk-table__row" key={i}>
                  <td className="govuk-table__cell">{e.sheet}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{e.row}</td>
                  <td className="govuk-table__cell">{e.column}</td>
                  <td className="govuk-table__cell">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ProgressBar operation="import" active={busy} />
      {preview && !errors.length && !imported ? (
        <button type="button" className="govuk-button" onClick={() => void run()} disabled={busy}>
          Import everything
        </button>
      ) : null}
      {imported ? (
        <div className="govuk-panel govuk-panel--confirmation" data-testid="import-done">
          <h3 className="govuk-panel__title">Import complete</h3>
          <div className="govuk-panel__body">
            {plural(imported.casesCreated, 'new case', 'new cases')}, {imported.casesUpdated.toLocaleString('en-GB')} updated;{' '}
            {plural(imported.contacts, 'contact')}, {plural(imported.orders, 'order')}, {plural(imported.chases, 'chase')}
          </div>
        </div>
      ) : null}
      <ImportLimitsForm settings={settings} onSettingsChanged={onSettingsChanged} />
    </>
  );
}
