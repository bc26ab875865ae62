import { useState, type FormEvent } from 'react';
import type { ImportLimitSettings } from '../../../shared/contract';
import { call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import type { SettingsProps } from './settings-props';

const FIELDS: { key: keyof ImportLimitSettings; label: string; hint: string }[] = [
  { key: 'fileMB', label: 'Largest workbook or CSV file (MB)', hint: 'From 1 to 1,024. A year of a big team’s tracker is a few MB.' },
  { key: 'folderMB', label: 'Largest folder of CSV files, all together (MB)', hint: 'From 1 to 2,048.' },
  { key: 'sharedStringsMB', label: 'Largest table of text inside a workbook (MB)', hint: 'From 1 to 1,024. Excel keeps every distinct piece of text here.' },
  {
    key: 'unzippedMB',
    label: 'Most a workbook may unzip to (MB)',
    hint: 'From 1 to 4,096. A workbook is a zip: this stops one built to swell to fill the memory.',
  },
  { key: 'rowsPerSheet', label: 'Most rows in one sheet', hint: 'From 1,000 to 5,000,000.' },
];

/**
 * The team's limits on imported files. Anything larger is refused before it is read, with a
 * message saying which limit, so a file built to exhaust memory never stops the app.
 */
export function ImportLimitsForm({ settings, onSettingsChanged }: Pick<SettingsProps, 'settings' | 'onSettingsChanged'>) {
  const version = (settings as SettingsProps['settings'] & { version: number }).version;
  const [values, setValues] = useState<Record<keyof ImportLimitSettings, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f.key, String(settings.importLimits[f.key])])) as Record<keyof ImportLimitSettings, string>,
  );
  const [saved, setSaved] = useState(false);
  const { errors, setErrors, fieldError, fail, clear } = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    const notNumbers = FIELDS.filter((f) => !/^\s*\d+\s*$/.test(values[f.key].replace(/,/g, '')));
    if (notNumbers.length) {
      setErrors(
        notNumbers.map((f) => ({
          field: `limit-${f.key}`,
          message: `${f.label.replace(/ \(MB\)$/, '')}: enter a whole number, for example ${settings.importLimits[f.key]}`,
        })),
      );
      return;
    }
    const importLimits = Object.fromEntries(FIELDS.map((f) => [f.key, Number(values[f.key].replace(/,/g, ''))])) as ImportLimitSettings;
    try {
      onSettingsChanged(await call('settings.update', { version, importLimits }));
      setSaved(true);
    } catch (error) {
      // The core names the nested field importLimits.<key>: point at that input.
      fail(
        error,
        FIELDS.map((f) => `limit-${f.key}`),
        (field) => `limit-${field.replace(/^importLimits\./, '')}`,
      );
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="import-limits-heading" className="govuk-!-margin-top-8">
      <h3 className="govuk-heading-s" id="import-limits-heading">
        Limits on imported files
      </h3>
      <ErrorSummary errors={errors} />
      {saved ? (
        <p className="govuk-body" role="status">
          Saved: imports larger than these are refused before they are read.
        </p>
      ) : null}
      {FIELDS.map((f) => (
        <TextField
          key={f.key}
          id={`limit-${f.key}`}
          label={f.label}
          hint={f.hint}
          value={values[f.key]}
          onChange={(value) => setValues((current) => ({ ...current, [f.key]: value }))}
          inputMode="numeric"
          widthClass="govuk-input--width-10"
          error={fieldError(`limit-${f.key}`)}
        />
      ))}
      <button type="submit" className="govuk-button">
        Save limits
      </button>
    </form>
  );
}
