import { useState, type FormEvent } from 'react';
import { dashInputSchema } from '../../../../shared/agency-inputs';
import { DASH_ANSWERS, DASH_QUESTIONS, dashScore, type DashAnswer } from '../../../../shared/agency-reference';
import type { AgenciesView } from '../../../../shared/agency-views';
import { formatDateShort } from '../../../../shared/uk-dates';
import { call } from '../../../api/client';
import { DateInput } from '../../../components/DateInput';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/TextField';
import { useFormErrors } from '../../../hooks/useFormErrors';
import { InlineRadios } from '../../../components/InlineRadios';

/** DASH risk checklists, one per assessment with its 24 answers; a score at the team's threshold suggests MARAC. */
export function DashPanel({ caseId, view, canWrite, onChanged }: { caseId: number; view: AgenciesView; canWrite: boolean; onChanged: () => void }) {
  const [recording, setRecording] = useState(false);
  return (
    <section aria-labelledby="dash-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="dash-heading">
        DASH risk checklists
      </h2>
      {view.dash.length === 0 ? <p className="govuk-body">No DASH checklist recorded.</p> : null}
      <ul className="govuk-list" data-testid="dash-assessments">
        {view.dash.map((d) => (
          <li key={d.id}>
            {d.date ? formatDateShort(d.date) : 'Date not recorded'}: score <strong>{d.score}</strong> of 24
            {d.assessor ? ` (${d.assessor})` : ''}
            {d.answers === null ? ' (score only, from before answers were kept)' : ''}
            {d.atThreshold ? <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-1">High risk: consider MARAC</strong> : null}
          </li>
        ))}
      </ul>
      {canWrite && !recording ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRecording(true)}>
          Record a DASH checklist
        </button>
      ) : null}
      {canWrite && recording ? (
        <DashForm
          caseId={caseId}
          today={view.asOf}
          threshold={view.dashThreshold}
          onSaved={() => {
            setRecording(false);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function DashForm({ caseId, today, threshold, onSaved }: { caseId: number; today: string; threshold: number; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [assessor, setAssessor] = useState('');
  const [answers, setAnswers] = useState<(DashAnswer | '')[]>(() => DASH_QUESTIONS.map(() => ''));
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const rename = (field: string) => {
    const question = /^answers\.(\d+)$/.exec(field);
    return question ? `dash-q${Number(question[1]) + 1}` : `dash-${field.replace(/^assessment\./, '')}`;
  };
  const score = dashScore(answers.filter((a): a is DashAnswer => a !== ''));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const assessment = { date, assessor, answers };
    if (!check(dashInputSchema, assessment, rename)) return;
    try {
      await call('dash.record', { caseId, assessment: assessment as { date: string; assessor: string; answers: DashAnswer[] } });
      onSaved();
    } catch (error) {
      fail(error, ['dash-date', 'dash-assessor'], rename);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="dash-form-heading">
      <h3 className="govuk-heading-s" id="dash-form-heading">
        Record a DASH checklist
      </h3>
      <ErrorSummary errors={errors} />
      <DateInput id="dash-date" legend="Date of the assessment" value={date} onChange={setDate} error={fieldError('dash-date')} />
      <TextField id="dash-assessor" label="Completed by" value={assessor} onChange={setAssessor} error={fieldError('dash-assessor')} />
      {DASH_QUESTIONS.map((question, i) => (
        <InlineRadios
          key={i}
          id={`dash-q${i + 1}`}
          legend={`${i + 1}. ${question}`}
          error={fieldError(`dash-q${i + 1}`)}
          values={DASH_ANSWERS.values}
          labels={DASH_ANSWERS.labels}
          value={answers[i]!}
          onChange={(answer) => setAnswers(answers.map((a, k) => (k === i ? answer : a)))}
        />
      ))}
      <p className="govuk-body" role="status" data-testid="dash-score">
        Score so far: <strong>{score}</strong> of 24
      </p>
      {score >= threshold ? (
        <div className="govuk-inset-text" data-testid="marac-suggestion">
          A DASH score of {threshold} or more is high risk in your team: consider a MARAC referral (below).
        </div>
      ) : null}
      <button type="submit" className="govuk-button">
        Save checklist
      </button>
    </form>
  );
}
