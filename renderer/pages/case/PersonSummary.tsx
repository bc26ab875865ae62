import type { CaseDetail } from '../../../shared/case-views';
import { CUSTODY_STATUSES, ETHNICITIES, RELATIONSHIPS } from '../../../shared/reference-data';
import { formatDateLong } from '../../../shared/uk-dates';
import { SummaryRow } from '../../components/SummaryRow';

const date = (value: string | null) => (value ? formatDateLong(value) : 'Not recorded');

/** The perpetrator as a person (shared with his linked cases) and her relationship to him. */
export function PersonSummary({ fields: f }: { fields: CaseDetail['fields'] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Perpetrator</h2>
      <dl className="govuk-summary-list" data-testid="person-summary">
        <SummaryRow
          label="Custody"
          value={
            f.custodyStatus
              ? `${CUSTODY_STATUSES.labels[f.custodyStatus]}${f.custodyStatusDate ? ` since ${formatDateLong(f.custodyStatusDate)}` : ''}`
              : 'Not recorded'
          }
        />
        <SummaryRow label="Release date" value={date(f.releaseDate)} />
        <SummaryRow label="Supervision ends" value={date(f.supervisionEndDate)} />
        <SummaryRow
          label="Consent to partner contact"
          value={
            f.consentWithdrawnDate
              ? `Withdrawn ${formatDateLong(f.consentWithdrawnDate)}`
              : f.consentGivenDate
                ? `Given ${formatDateLong(f.consentGivenDate)}`
                : 'Not recorded'
          }
        />
        <SummaryRow
          label="MAPPA"
          value={
            [f.mappaCategory ? `Category ${f.mappaCategory}` : '', f.mappaLevel ? `level ${f.mappaLevel}` : ''].filter(Boolean).join(', ') || 'Not recorded'
          }
        />
        <SummaryRow label="Her relationship to him" value={f.relationship ? RELATIONSHIPS.labels[f.relationship] : 'Not recorded'} />
        <SummaryRow label="Language" value={f.welshLanguage ? 'Welsh' : 'Not Welsh (or not recorded)'} />
        {f.ethnicity ? <SummaryRow label="Ethnic group" value={ETHNICITIES.labels[f.ethnicity]} /> : null}
      </dl>
    </>
  );
}
