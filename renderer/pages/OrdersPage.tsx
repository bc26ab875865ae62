import { useState } from 'react';
import type { OutputOf, Settings } from '../../shared/contract';
import { liaisonEscalationEmail } from '../../shared/agency-emails';
import { CopyEmail } from '../components/CopyEmail';
import { mayCall } from '../../shared/permissions';
import { LIAISON_AGENCIES, ORDER_TYPES, type LiaisonAgency, type OrderType } from '../../shared/reference-data';
import { formatDateShort } from '../../shared/uk-dates';
import { plural } from '../../shared/wording';
import { asClientError, call } from '../api/client';
import { ScopeSelect } from '../components/ScopeSelect';
import { TableHead } from '../components/TableHead';
import { useQuery } from '../hooks/useQuery';
import { caseHref, hrefFor, rememberInAddress, withQuery } from '../routes';
import { scopeFromParam, scopeParam, type ScopeInput } from '../scope';
import { useSession } from '../session-context';

type OrderList = OutputOf<'orders.expiring'>['expired'];

/**
 * The orders to act on, as Today counts them (the `order_expiry` timer): expired and never
 * reviewed, each with its Reviewed action; then those expiring in the team's window. And
 * liaison nobody has acknowledged. The scope is in the address, so Today's card opens the
 * page on the same cases it counted.
 */
export function OrdersPage({ query, settings }: { query: URLSearchParams; settings: Settings }) {
  const session = useSession();
  const [scope, setScope] = useState<ScopeInput>(() => scopeFromParam(query.get('scope'), session));
  const orders = useQuery('orders.expiring', scope);
  const followUp = useQuery('liaison.followUp', scope);
  const rules = useQuery('timers.rules', {}, { cache: true });
  const days = rules.data?.escalateLiaisonWorkingDays ?? 5;
  const [reviewed, setReviewed] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const canReview = mayCall(session.role, 'orders.resolve');
  const data = orders.data;

  const markReviewed = async (order: OrderList['rows'][number]) => {
    setProblem(null);
    try {
      await call('orders.resolve', { orderId: order.orderId, resolution: { resolution: 'reviewed', date: data!.asOf } });
      setReviewed(`Order ${order.orderRef} on ${order.caseRef} marked as reviewed.`);
      void orders.reload();
    } catch (error) {
      setProblem(asClientError(error).message);
    }
  };

  return (
    <>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Orders
      </h1>
      <ScopeSelect
        value={scope}
        onChange={(chosen) => {
          setScope(chosen);
          rememberInAddress(withQuery(hrefFor('orders'), { scope: scopeParam(chosen) }));
        }}
      />
      <div role="status" aria-live="polite">
        {reviewed ? <div className="govuk-inset-text">{reviewed}</div> : null}
      </div>
      {problem ? <p className="govuk-error-message">{problem}</p> : null}
      {orders.error ? <p className="govuk-error-message">{orders.error.message}</p> : null}
      {data ? (
        <>
          <OrderTable
            heading="Expired, not reviewed"
            testId="expired-orders"
            list={data.expired}
            empty="No order has expired without being reviewed."
            what="expired orders, oldest first"
            action={canReview ? markReviewed : null}
          />
          <OrderTable
            heading={`Expiring in the next ${plural(data.windowDays, 'day')}`}
            testId="expiring-orders"
            list={data.expiring}
            empty={`No active order expires in the next ${plural(data.windowDays, 'day')}.`}
            what="orders, soonest expiry first"
            action={null}
          />
        </>
      ) : (
        <p className="govuk-body">Loading…</p>
      )}
      <h2 className="govuk-heading-m">Liaison not acknowledged after {plural(days, 'working day')}: escalate</h2>
      {followUp.data && followUp.data.rows.length === 0 ? <p className="govuk-inset-text">Nothing to follow up.</p> : null}
      {followUp.data ? <ShowingFirst shown={followUp.data.rows.length} total={followUp.data.total} what="entries, oldest first" /> : null}
      {followUp.data && followUp.data.rows.length ? (
        <table className="govuk-table" data-testid="liaison-follow-up">
          <caption className="govuk-table__caption govuk-visually-hidden">Liaison to follow up</caption>
          <TableHead columns={['Case', 'Shared', 'With', 'Worker', 'Escalate']} />
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
                <td className="govuk-table__cell">
                  <strong className="govuk-tag govuk-tag--red">Escalate</strong>
                  {l.agency === 'ro' ? (
                    <CopyEmail
                      email={liaisonEscalationEmail(
                        { caseRef: l.caseRef, crn: l.crn, roName: l.roName, since: l.date },
                        session.accountName,
                        settings.roleTitle,
                      )}
                      label="Copy escalation email"
                      about={`for ${l.caseRef}, shared ${formatDateShort(l.date)}`}
                      copiedMessage={`Escalation email for ${l.caseRef} copied. Paste it into your email to the RO's manager.`}
                      testId={`follow-up-email-${l.id}`}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function OrderTable(props: {
  heading: string;
  testId: string;
  list: OrderList;
  empty: string;
  what: string;
  action: ((order: OrderList['rows'][number]) => Promise<void>) | null;
}) {
  const { list, action } = props;
  return (
    <>
      <h2 className="govuk-heading-m">
        {props.heading} <span className="govuk-caption-m">{plural(list.total, 'order')}</span>
      </h2>
      {list.rows.length === 0 ? <p className="govuk-inset-text">{props.empty}</p> : null}
      <ShowingFirst shown={list.rows.length} total={list.total} what={props.what} />
      {list.rows.length ? (
        <table className="govuk-table" data-testid={props.testId}>
          <caption className="govuk-table__caption govuk-visually-hidden">{props.heading}</caption>
          <TableHead
            columns={['Victim', 'Case', 'Order', props.testId === 'expired-orders' ? 'Expired' : 'Expires', 'Worker', ...(action ? ['Action'] : [])]}
          />
          <tbody className="govuk-table__body">
            {list.rows.map((o) => (
              <tr className="govuk-table__row" key={o.orderId}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={caseHref(o.caseId, 'orders')}>
                    {o.victimName}
                  </a>
                </td>
                <td className="govuk-table__cell app-nowrap">{o.caseRef}</td>
                <td className="govuk-table__cell">
                  {ORDER_TYPES.labels[o.orderType as OrderType] ?? o.orderType} ({o.orderRef})
                </td>
                <td className="govuk-table__cell app-nowrap">{formatDateShort(o.expiryDate)}</td>
                <td className="govuk-table__cell">{o.ownerName ?? ''}</td>
                {action ? (
                  <td className="govuk-table__cell">
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void action(o)}>
                      Mark reviewed
                      <span className="govuk-visually-hidden">
                        {' '}
                        order {o.orderRef} for {o.victimName}
                      </span>
                    </button>
                  </td>
                ) : null}
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
