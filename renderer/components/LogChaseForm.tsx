import { useState, type FormEvent } from 'react';
import { CHASE_METHODS, type ChaseMethod } from '../../shared/reference-data';
import { call } from '../api/client';
import { useFormErrors } from '../hooks/useFormErrors';
import { DateInput } from './DateInput';
import { ErrorSummary } from './ErrorSummary';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

/** Log a chase of a late referral: date, to whom, how, and a note. */
export function LogChaseForm({
  caseId,
  today,
  defaultTo,
  onLogged,
  idPrefix = 'chase',
}: {
  caseId: number;
  today: string;
  defaultTo: string;
  onLogged: () => void;
  idPrefix?: string;
}) {
  const [date, setDate] = useState(today);
  const [toWhom, setToWhom] = useState(defaultTo);
  const [method, setMethod] = useState<ChaseMethod | ''>('email');
  const [note, setNote] = useState('');
  const { errors, fieldError, fail, clear } = useFormErrors();
  const id = (name: string) => `${idPrefix}-${name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('cases.logChase', { caseId, chase: { date, toWhom, ...(method ? { method } : {}), note } });
      setNote('');
      onLogged();
    } catch (error) {
      fail(error, [id('date')], (field) => (field === 'chase.date' || field === 'date' ? id('date') : field));
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-label="Log a chase">
      <ErrorSummary errors={errors} />
      <DateInput id={id('date')} legend="Date of the chase" value={date} onChange={setDate} error={fieldError(id('date'))} />
      <TextField id={id('to')} label="Chased (usually the RO)" value={toWhom} onChange={setToWhom} />
      <SelectField
        id={id('method')}
        label="How"
        value={method}
        options={CHASE_METHODS.values}
        labels={CHASE_METHODS.labels}
        onChange={setMethod}
        emptyLabel="Not recorded"
      />
      <TextField id={id('note')} label="Note (optional)" value={note} onChange={setNote} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Log chase
      </button>
    </form>
  );
}
