import { useState, type FormEvent } from 'react';
import { SAFEGUARDING_STATUSES, type SafeguardingStatus } from '../../../shared/reference-data';
import { formatDateShort } from '../../../shared/uk-dates';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useQuery } from '../../hooks/useQuery';
import { TableHead } from '../../components/TableHead';

/** Children in the household, victims in their own right. */
export function ChildrenSection({ caseId, canWrite, onChanged }: { caseId: number; canWrite: boolean; onChanged: () => void }) {
  const children = useQuery('children.list', { caseId });
  const refresh = () => {
    void children.reload();
    onChanged();
  };
  return (
    <>
      <h2 className="govuk-heading-m">Children</h2>
      {children.data && children.data.length === 0 ? <p className="govuk-body">No children recorded.</p> : null}
      {children.data && children.data.length ? (
        <table className="govuk-table" data-testid="children-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Children</caption>
          <TableHead columns={['Name', 'Born or age', 'Lives with', 'Safeguarding', 'Social worker']} />
          <tbody className="govuk-table__body">
            {children.data.map((child) => (
              <tr className="govuk-table__row" key={child.id}>
                <td className="govuk-table__cell">{child.name}</td>
                <td className="govuk-table__cell">{child.dateOfBirth ? formatDateShort(child.dateOfBirth) : `${child.ageYears} years`}</td>
                <td className="govuk-table__cell">{child.livingWith ?? ''}</td>
                <td className="govuk-table__cell">{SAFEGUARDING_STATUSES.labels[child.safeguardingStatus]}</td>
                <td className="govuk-table__cell">{[child.socialWorker, child.socialWorkerContact].filter(Boolean).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite ? <AddChildForm caseId={caseId} onSaved={refresh} /> : null}
    </>
  );
}

function AddChildForm({ caseId, onSaved }: { caseId: number; onSaved: () => void }) {
  const empty = {
    name: '',
    dateOfBirth: '',
    age: '',
    relationshipToVictim: '',
    relationshipToPerpetrator: '',
    livingWith: '',
    safeguardingStatus: 'none' as SafeguardingStatus,
    socialWorker: '',
    socialWorkerContact: '',
    notes: '',
  };
  const [c, setC] = useState(empty);
  const { errors, fieldError, fail, clear, setErrors } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (c.age.trim() && !/^\d+$/.test(c.age.trim())) {
      setErrors([{ field: 'child-age', message: 'Age must be a whole number of years' }]);
      return;
    }
    try {
      const { age, ...rest } = c;
      await call('children.save', { caseId, child: { ...rest, dateOfBirth: rest.dateOfBirth || null, ageYears: age.trim() ? Number(age) : null } });
      setC(empty);
      onSaved();
    } catch (error) {
      const ids: Record<string, string> = { 'child.name': 'child-name', 'child.dateOfBirth': 'child-dob', 'child.ageYears': 'child-age' };
      fail(error, Object.values(ids), (field) => ids[field] ?? field);
    }
  };
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add a child</span>
      </summary>
      <div className="govuk-details__text">
        <form noValidate onSubmit={submit} aria-label="Add a child">
          <ErrorSummary errors={errors} />
          <TextField id="child-name" label="Name" value={c.name} onChange={(v) => setC({ ...c, name: v })} error={fieldError('child-name')} />
          <DateInput
            id="child-dob"
            legend="Date of birth (or give an age below)"
            value={c.dateOfBirth}
            onChange={(v) => setC({ ...c, dateOfBirth: v })}
            error={fieldError('child-dob')}
          />
          <TextField
            id="child-age"
            label="Age in years (if the date of birth is not known)"
            value={c.age}
            onChange={(v) => setC({ ...c, age: v })}
            inputMode="numeric"
            widthClass="govuk-input--width-2"
            error={fieldError('child-age')}
          />
          <TextField
            id="child-rel-victim"
            label="Relationship to the victim (optional)"
            value={c.relationshipToVictim}
            onChange={(v) => setC({ ...c, relationshipToVictim: v })}
          />
          <TextField
            id="child-rel-perpetrator"
            label="Relationship to the perpetrator (optional)"
            value={c.relationshipToPerpetrator}
            onChange={(v) => setC({ ...c, relationshipToPerpetrator: v })}
          />
          <TextField id="child-living" label="Lives with (optional)" value={c.livingWith} onChange={(v) => setC({ ...c, livingWith: v })} />
          <SelectField
            id="child-status"
            label="Safeguarding status"
            value={c.safeguardingStatus}
            options={SAFEGUARDING_STATUSES.values}
            labels={SAFEGUARDING_STATUSES.labels}
            onChange={(v) => setC({ ...c, safeguardingStatus: (v || 'none') as SafeguardingStatus })}
            emptyLabel="None"
          />
          <TextField id="child-sw" label="Social worker (optional)" value={c.socialWorker} onChange={(v) => setC({ ...c, socialWorker: v })} />
          <TextField
            id="child-sw-contact"
            label="Social worker’s contact (optional)"
            value={c.socialWorkerContact}
            onChange={(v) => setC({ ...c, socialWorkerContact: v })}
          />
          <TextField id="child-notes" label="Notes (optional)" value={c.notes} onChange={(v) => setC({ ...c, notes: v })} />
          <button type="submit" className="govuk-button">
            Add child
          </button>
        </form>
      </div>
    </details>
  );
}
