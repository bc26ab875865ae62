import { categoryLabel, EQUALITY_DIMENSION_LABELS, EQUALITY_DIMENSIONS } from '../../../shared/equality-words';
import type { OutputOf } from '../../../shared/contract';

type Equality = NonNullable<OutputOf<'reports.summary'>['equality']>;

/**
 * Who the team reached: victims offered support and engaged in the period, by characteristic.
 * Shown here as counted, to the managers the figures are for; exports show counts below 5 as
 * "fewer than 5" (they leave the app).
 */
export function EqualityTables({ equality }: { equality: Equality }) {
  return (
    <section aria-labelledby="equality-heading" className="govuk-!-margin-top-8" data-testid="equality">
      <h2 className="govuk-heading-m" id="equality-heading">
        Who the team reached
      </h2>
      <p className="govuk-body">Victims offered support and engaged in the period. Exports show counts below 5 as “fewer than 5”.</p>
      {EQUALITY_DIMENSIONS.map((dimension) => {
        const groups = Object.keys(equality.offered[dimension]).sort();
        return (
          <table className="govuk-table" key={dimension}>
            <caption className="govuk-table__caption govuk-table__caption--s">{EQUALITY_DIMENSION_LABELS[dimension]}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Group
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Offered support
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Engaged
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {groups.length === 0 ? (
                <tr className="govuk-table__row">
                  <td className="govuk-table__cell" colSpan={3}>
                    No victims offered support in the period.
                  </td>
                </tr>
              ) : null}
              {groups.map((group) => (
                <tr className="govuk-table__row" key={group}>
                  <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                    {categoryLabel(dimension, group)}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{equality.offered[dimension][group] ?? 0}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{equality.engaged[dimension][group] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </section>
  );
}
