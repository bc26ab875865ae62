import type { TodayResult } from '../../../shared/case-views';
import { CUSTODY_STATUSES } from '../../../shared/reference-data';
import { formatDateShort } from '../../../shared/uk-dates';
import { caseHref } from '../../routes';
import { TableHead } from '../../components/TableHead';

/** Releases coming up (docs/model.md): she must be told before he is out. */
export function ReleasesTable({ releases, showOwner }: { releases: TodayResult['releases']; showOwner: boolean }) {
  return (
    <section aria-labelledby="releases-heading" data-testid="releases">
      <h2 className="govuk-heading-m" id="releases-heading">
        Releases in the next {releases.days} days <span className="govuk-caption-m">{releases.total.toLocaleString('en-GB')}</span>
      </h2>
      {releases.total === 0 ? (
        <p className="govuk-body">No perpetrator on an open case is due for release in the next {releases.days} days.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Releases in the next {releases.days} days, soonest first</caption>
          <TableHead columns={['Release', 'Case', 'Victim', ...(showOwner ? ['Worker'] : []), 'Custody now']} />
          <tbody className="govuk-table__body">
            {releases.rows.map((r) => (
              <tr className="govuk-table__row" key={r.caseId}>
                <td className="govuk-table__cell">{formatDateShort(r.releaseDate)}</td>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={caseHref(r.caseId)}>
                    {r.caseRef}
                  </a>
                </td>
                <td className="govuk-table__cell">{r.victimName}</td>
                {showOwner ? <td className="govuk-table__cell">{r.ownerName ?? 'Unallocated'}</td> : null}
                <td className="govuk-table__cell">{r.custodyStatus ? CUSTODY_STATUSES.labels[r.custodyStatus] : 'Not recorded'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {releases.rows.length < releases.total ? (
        <p className="govuk-body">
          Showing the first {releases.rows.length.toLocaleString('en-GB')} of {releases.total.toLocaleString('en-GB')}.
        </p>
      ) : null}
    </section>
  );
}
