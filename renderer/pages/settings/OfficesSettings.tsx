import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { clientCache } from '../../api/cache';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TableHead } from '../../components/TableHead';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';

/** The team's offices (Probation Delivery Units): cases and accounts belong to one, and reports can show one. */
export function OfficesSettings() {
  const offices = useQuery('offices.list', {});
  const [name, setName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setAdded(null);
    try {
      await call('offices.add', { name });
      setAdded(`${name.trim()} added.`);
      setName('');
      clientCache.invalidate('offices.list');
      void offices.reload();
    } catch (error) {
      fail(error, ['officeName'], () => 'officeName');
    }
  };
  return (
    <section aria-labelledby="offices-heading" className="govuk-!-margin-top-8">
      <h3 className="govuk-heading-m" id="offices-heading">
        Offices (PDUs)
      </h3>
      {offices.data?.length ? (
        <table className="govuk-table" data-testid="offices">
          <caption className="govuk-table__caption govuk-visually-hidden">The team’s offices</caption>
          <TableHead columns={['Office', 'Open cases', 'Accounts']} />
          <tbody className="govuk-table__body">
            {offices.data.map((o) => (
              <tr className="govuk-table__row" key={o.id}>
                <td className="govuk-table__cell">{o.name}</td>
                <td className="govuk-table__cell">{o.cases}</td>
                <td className="govuk-table__cell">{o.accounts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">No offices yet. Add them if the team works from more than one Probation Delivery Unit.</p>
      )}
      <form noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} />
        <div role="status">{added ? <p className="govuk-body">{added}</p> : null}</div>
        <TextField id="officeName" label="Add an office" hint="For example, Blackburn PDU" value={name} onChange={setName} error={fieldError('officeName')} />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Add office
        </button>
      </form>
    </section>
  );
}
