import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/contract';
import { call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import type { SettingsProps } from './settings-props';
import { OfficesSettings } from './OfficesSettings';

export function TeamSettings({ settings, onSettingsChanged }: SettingsProps) {
  const [teamName, setTeamName] = useState(settings.teamName);
  const [roleTitle, setRoleTitle] = useState<Settings['roleTitle']>(settings.roleTitle);
  const [dash, setDash] = useState(String(settings.dashMaracThreshold));
  const [teamPhone, setTeamPhone] = useState(settings.teamPhone);
  const [teamAddress, setTeamAddress] = useState(settings.teamAddress);
  const [saved, setSaved] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    try {
      const threshold = Number(dash.trim());
      onSettingsChanged(
        await call('settings.update', {
          version: settings.version,
          teamName,
          roleTitle,
          teamPhone,
          teamAddress,
          dashMaracThreshold: dash.trim() === '' || Number.isNaN(threshold) ? -1 : threshold,
        }),
      );
      setSaved(true);
    } catch (error) {
      fail(error, ['teamName', 'roleTitle', 'teamPhone', 'teamAddress', 'dashMaracThreshold']);
    }
  };

  return (
    <>
      <h2 className="govuk-heading-m">Team</h2>
      <>
        <ErrorSummary errors={errors} />
        {saved ? (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="team-saved-title">
            <div className="govuk-notification-banner__header">
              <h3 className="govuk-notification-banner__title" id="team-saved-title">
                Success
              </h3>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Team settings saved</p>
            </div>
          </div>
        ) : null}
        <form noValidate onSubmit={submit}>
          <TextField id="teamName" label="Team name" value={teamName} onChange={setTeamName} error={fieldError('teamName')} />
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset" aria-describedby="roleTitle-hint">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What are your workers called?</legend>
              <div id="roleTitle-hint" className="govuk-hint">
                Since 2022 the Probation Service calls the role Domestic Abuse Safety Officer.
              </div>
              <div className="govuk-radios" data-module="govuk-radios">
                {(
                  [
                    ['PLW', 'Partner Link Worker (PLW)'],
                    ['DASO', 'Domestic Abuse Safety Officer (DASO)'],
                  ] as const
                ).map(([value, label]) => (
                  <div className="govuk-radios__item" key={value}>
                    <input
                      className="govuk-radios__input"
                      id={`roleTitle-${value}`}
                      name="roleTitle"
                      type="radio"
                      value={value}
                      checked={roleTitle === value}
                      onChange={() => setRoleTitle(value)}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={`roleTitle-${value}`}>
                      {label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextField
            id="teamPhone"
            label="Team phone"
            hint="Printed in letters as {{team_phone}}: the number a victim can ring"
            value={teamPhone}
            onChange={setTeamPhone}
            widthClass="govuk-input--width-20"
            error={fieldError('teamPhone')}
          />
          <TextField
            id="teamAddress"
            label="Team address"
            hint="Printed in letters as {{team_address}}: where a victim can write to the team"
            value={teamAddress}
            onChange={setTeamAddress}
            error={fieldError('teamAddress')}
          />
          <TextField
            id="dashMaracThreshold"
            label="DASH score that suggests a MARAC referral"
            hint="SafeLives recommends 14 or more; some areas use another number"
            value={dash}
            onChange={setDash}
            inputMode="numeric"
            widthClass="govuk-input--width-2"
            error={fieldError('dashMaracThreshold')}
          />
          <button type="submit" className="govuk-button">
            Save team settings
          </button>
        </form>
      </>
      <OfficesSettings />
    </>
  );
}
