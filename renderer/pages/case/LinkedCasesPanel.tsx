import { useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../shared/case-views';
import { RELATIONSHIPS, RISK_LEVELS } from '../../../shared/reference-data';
import { call } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { caseHref } from '../../routes';
import { TableHead } from '../../components/TableHead';

/**
 * Other cases naming the same perpetrator (docs/model.md): risk raised on one reaches the
 * others' timelines. People without a CRN are linked here by hand (audited).
 */
export function LinkedCasesPanel({ detail, canWrite, onChanged }: { detail: CaseDetail; canWrite: boolean; onChanged: () => void }) {
  return (
    <section aria-labelledby="linked-heading" data-testid="linked-cases">
      <h2 className="govuk-heading-m" id="linked-heading">
        Linked cases
      </h2>
      {detail.linkedCases.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Other cases naming {detail.fields.perpetratorName}</caption>
          <TableHead columns={['Case', 'Worker', 'Relationship', 'Risk', 'Open or closed']} />
          <tbody className="govuk-table__body">
            {detail.linkedCases.map((c) => (
              <tr className="govuk-table__row" key={c.caseId}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={caseHref(c.caseId)}>
                    {c.caseRef}
                  </a>
                </td>
                <td className="govuk-table__cell">{c.ownerName ?? 'Unallocated'}</td>
                <td className="govuk-table__cell">{c.relationship ? RELATIONSHIPS.labels[c.relationship] : 'Not recorded'}</td>
                <td className="govuk-table__cell">{c.riskToVictim ? RISK_LEVELS.labels[c.riskToVictim] : 'Not recorded'}</td>
                <td className="govuk-table__cell">{c.closedDate ? 'Closed' : 'Open'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">No other case names him{detail.fields.crn ? '' : ' (without a CRN, cases are linked by hand)'}.</p>
      )}
      {detail.aliases.length ? (
        <p className="govuk-body-s">
          Also recorded as: {detail.aliases.map((a) => `${a.name}${a.dateOfBirth ? ` (born ${a.dateOfBirth.split('-').reverse().join('/')})` : ''}`).join('; ')}
        </p>
      ) : null}
      {canWrite ? <LinkForm detail={detail} onDone={onChanged} /> : null}
    </section>
  );
}

function LinkForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const [otherCaseRef, setOtherCaseRef] = useState('');
  const { errors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('people.link', { caseId: detail.caseId, perpetratorVersion: detail.perpetratorVersion, link: { otherCaseRef } });
      setOtherCaseRef('');
      onDone();
    } catch (error) {
      fail(error, ['link-other-case'], () => 'link-other-case');
    }
  };
  return (
    <details className="govuk-details" open={detail.linkCandidates.length > 0}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Link to another case naming the same man</span>
      </summary>
      <div className="govuk-details__text">
        {detail.linkCandidates.length ? (
          <p className="govuk-body" data-testid="link-candidates">
            Cases with a perpetrator of the same name and date of birth: {detail.linkCandidates.map((c) => c.caseRef).join(', ')}. Link only if you know it is
            the same man.
          </p>
        ) : null}
        <form noValidate onSubmit={submit} aria-label="Link to another case">
          <ErrorSummary errors={errors} />
          <TextField
            id="link-other-case"
            label="Reference of the other case"
            hint="His records are joined: his details are shared by both cases from then on"
            value={otherCaseRef}
            onChange={setOtherCaseRef}
            error={fieldError('link-other-case')}
            widthClass="govuk-input--width-20"
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Link the cases
          </button>
        </form>
      </div>
    </details>
  );
}
