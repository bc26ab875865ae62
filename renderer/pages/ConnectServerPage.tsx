import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { WarningText } from '../components/WarningText';
import { useFormErrors } from '../hooks/useFormErrors';

/**
 * Connect to a team server, in two steps: the server's address, then its certificate's
 * fingerprint to compare with the one the administrator gave out (on paper or read aloud). Only
 * a fingerprint the person confirms is trusted from then on.
 */
export function ConnectServerPage({ onConnected, onCancel }: { onConnected: () => void; onCancel: () => void }) {
  const [address, setAddress] = useState('');
  const [seen, setSeen] = useState<{ address: string; fingerprint: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const checkHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (seen) checkHeading.current?.focus();
  }, [seen]);

  const look = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      setSeen(await call('server.look', { address }));
    } catch (error) {
      fail(error, ['address']);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!seen) return;
    clear();
    setBusy(true);
    try {
      await call('server.connect', { address: seen.address, fingerprint: seen.fingerprint });
      onConnected();
    } catch (error) {
      setSeen(null);
      fail(error, ['address']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {seen ? (
          <>
            <span className="govuk-caption-l">Connect to a team server: step 2 of 2</span>
            <h1 className="govuk-heading-l" ref={checkHeading} tabIndex={-1}>
              Check the server’s fingerprint
            </h1>
            <p className="govuk-body">
              The server at <strong>{seen.address}</strong> shows this fingerprint. Compare it, every pair, with the one your administrator gave you.
            </p>
            <p
              className="govuk-body govuk-!-font-size-24 plw-fingerprint"
              data-testid="fingerprint"
              aria-label={`Fingerprint ${seen.fingerprint.split(':').join(' ')}`}
            >
              {seen.fingerprint}
            </p>
            <WarningText>
              If it is different in any way, do not connect: another computer may be pretending to be your team’s server. Tell your administrator.
            </WarningText>
            <div className="govuk-button-group">
              <button type="button" className="govuk-button" onClick={() => void confirm()} disabled={busy}>
                {busy ? 'Connecting…' : 'It matches: connect'}
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setSeen(null)} disabled={busy}>
                It does not match
              </button>
            </div>
          </>
        ) : (
          <>
            <span className="govuk-caption-l">Connect to a team server: step 1 of 2</span>
            <h1 className="govuk-heading-l">Connect to your team’s server</h1>
            <p className="govuk-body">
              If your team keeps its database on a team server, this computer works through it: nothing about victims is kept here. Your administrator gives you
              the server’s name and its fingerprint.
            </p>
            <form noValidate onSubmit={look}>
              <TextField
                id="address"
                label="Server name or address"
                hint="For example, plw-server or 10.0.0.5:8443 (the port is 8443 unless you were told another)"
                value={address}
                onChange={setAddress}
                error={fieldError('address')}
                widthClass="govuk-!-width-two-thirds"
              />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button" disabled={busy}>
                  {busy ? 'Looking…' : 'Continue'}
                </button>
                <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel} disabled={busy}>
                  Back
                </button>
              </div>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
