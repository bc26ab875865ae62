import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';

/** Your own work phone, printed in the letters you make, so a letter never asks her to ring her own number. */
export function YourDetailsSettings() {
  const own = useQuery('workers.ownPhone', {});
  const [phone, setPhone] = useState('');
  const [saved, setSaved] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  useEffect(() => {
    if (own.data) setPhone(own.data.phone ?? '');
  }, [own.data]);
  if (!own.data) return <p className="govuk-body">{own.error?.message ?? 'Loading…'}</p>;
  if (!own.data.isWorker) return <p className="govuk-body">Your account has no cases, so it has no details to print in letters.</p>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    try {
      await call('workers.setOwnPhone', { phone });
      setSaved(true);
    } catch (error) {
      fail(error, ['ownPhone'], () => 'ownPhone');
    }
  };
  return (
    <form noValidate onSubmit={submit}>
      <h2 className="govuk-heading-m">Your details</h2>
      <ErrorSummary errors={errors} />
      <div role="status">{saved ? <p className="govuk-body">Your phone is saved.</p> : null}</div>
      <TextField
        id="ownPhone"
        label="Your work phone"
        hint="Printed in the letters you make as {{worker_phone}}"
        value={phone}
        onChange={setPhone}
        widthClass="govuk-input--width-20"
        error={fieldError('ownPhone')}
      />
      <button type="submit" className="govuk-button">
        Save your phone
      </button>
    </form>
  );
}
