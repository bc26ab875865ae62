import { useState } from 'react';
import { LIAISON_AGENCIES, ORDER_TYPES, type LiaisonAgency, type OrderType } from '../../shared/reference-data';
import { formatDateShort } from '../../shared/uk-dates';
import { ScopeSelect } from '../components/ScopeSelect';
import { useQuery } from '../hooks/useQuery';
import { caseHref } from '../routes';
import { defaultScope, type ScopeInput } from '../scope';
import { TableHead } from '../components/TableHead';
import { useSession } from '../session-context';

/** Orders expiring in the next 28 days (expired and never reviewed on top), and liaison nobody has acknowledged. */
export function OrdersPage() {
  const session = useSession();
  const [scope, setScope] = useState<ScopeInput>(() => defaultScope(session));
  const orders = useQuery('orders.expiring', { ...scope, days: 28 });
  const followUp = useQuery('liaison.followUp', scope);
  const asOf = orders.data?.asOf ?? '';
  return (
    <>
      <h1 className="govuk-heading-l">Orders</h1>
      <ScopeSelect value={scope} onChange={setScope} />
      <h2 className="govuk-heading-m">Protective orders expiring in the next 28 days</h2>
      {orders.data && orders.data.rows.length === 0 ? <p className="govuk-inset-text">No active order expires in the next 28 days.</p> : null}
      {orders.data ? <ShowingFirst shown={orders.data.rows.length} total={orders.data.total} what="orders, soonest expiry first" /> : null}
      {orders.data && orders.data.rows.length ? (
        <table className="govuk-table" data-testid="expiring-orders">
          <caption className="govuk-table__caption govuk-visually-hidden">Orders expiring soon</caption>
          <TableHead columns={['Victim', 'Case', 'Order', 'Expires', 'Worker']} />
          <tbody className="govuk-table__body">
            {orders.data.rows.map((o) => (
              <tr className="govuk-table__row" key={o.orderId}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={caseHref(o.caseId, 'orders')}>
                    {o.victimName}
                  </a>
                </td>
                <td className="govuk-table__cell">{o.caseRef}</td>
                <td className="govuk-table__cell">
                  {ORDER_TYPES.labels[o.orderType as OrderType] ?? o.orderType} ({o.orderRef})
                </td>
                <td className="govuk-table__cell">
                  {formatDateShort(o.expiryDate)} {o.expiryDate < asOf ? <strong className="govuk-tag govuk-tag--red">Expired, not reviewed</strong> : null}
                </td>
                <td className="govuk-table__cell">{o.ownerName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2 className="govuk-heading-m">Liaison not acknowledged after 5 working days</h2>
      {followUp.data && followUp.data.rows.length === 0 ? <p className="govuk-inset-text">Nothing to follow up.</p> : null}
      {followUp.data ? <ShowingFirst shown={followUp.data.rows.length} total={followUp.data.total} what="entries, oldest first" /> : null}
      {followUp.data && followUp.data.rows.length ? (
        <table className="govuk-table" data-testid="liaison-follow-up">
          <caption className="govuk-table__caption govuk-visually-hidden">Liaison to follow up</caption>
          <TableHead columns={['Case', 'Shared', 'With', 'Worker']} />
          <tbody className="govuk-table__body">
            {followUp.data.rows.map((l) => (
              <tr className="govuk-table__row" key={l.id}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={caseHref(l.caseId, 'risk')}>
                    {l.caseRef}
                  </a>
                </td>
                <td className="govuk-table__cell">{formatDateShort(l.date)}</td>
                <td className="govuk-table__cell">
                  {LIAISON_AGENCIES.labels[l.agency as LiaisonAgency] ?? l.agency}
                  {l.sharedWith ? ` (${l.sharedWith})` : ''}
                </td>
                <td className="govuk-table__cell">{l.ownerName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/**
 * A national team's lists can run to thousands; the page shows the first of them and says so,
 * rather than letting the rest vanish without a word.
 */
function ShowingFirst({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null;
  return (
    <div className="govuk-inset-text" data-testid="showing-first">
      Showing the first {shown.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')} {what}. Choose one worker under Show to see all of theirs.
    </div>
  );
}
