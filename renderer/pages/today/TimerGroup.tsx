import type { TodayRow } from '../../../shared/case-views';
import type { Role } from '../../../shared/roles';
import { mayCall } from '../../../shared/permissions';
import { TIMER_LABELS, type TimerId } from '../../../shared/timer-rules';
import { formatDateShort } from '../../../shared/uk-dates';
import { plural } from '../../../shared/wording';
import { StatusTag } from '../../components/StatusTag';
import { TableHead } from '../../components/TableHead';
import { caseHref, withQuery } from '../../routes';

/**
 * What meets each timer, and where on the case that is done: a late referral is chased, a risk
 * event is shared with the RO, an expiring order is reviewed, a "review: unable to contact?"
 * is an engagement decision, an agency check is answered (or chased), a MARAC action is done,
 * the safety plan is reviewed, and the rest are met by a contact. `act` opens that form on the
 * case and puts the cursor in it. Null when the person may not do it (managers read only).
 */
export function actionFor(timer: TimerId, role: Role, caseId: number): { label: string; href: string } | null {
  const action = (channel: Parameters<typeof mayCall>[1], label: string, href: string) => (mayCall(role, channel) ? { label, href } : null);
  switch (timer) {
    case 'referral':
      return action('cases.logChase', 'Log a chase', withQuery(caseHref(caseId), { act: 'chase' }));
    case 'risk_share':
      return action('liaison.log', 'Record liaison', withQuery(caseHref(caseId, 'risk'), { act: 'liaison' }));
    case 'order_expiry':
      return action('orders.resolve', 'Review order', caseHref(caseId, 'orders'));
    case 'unable_to_contact_review':
      return action('engagement.set', 'Review engagement', withQuery(caseHref(caseId), { act: 'engagement' }));
    case 'agency_check':
      return action('agencyChecks.reply', 'Record reply or chase', withQuery(caseHref(caseId, 'agencies'), { act: 'checks' }));
    case 'marac_action':
      return action('marac.completeAction', 'See MARAC actions', withQuery(caseHref(caseId, 'agencies'), { act: 'marac' }));
    case 'safety_plan_review':
      return action('safetyPlan.review', 'Review plan', withQuery(caseHref(caseId, 'plan'), { act: 'review' }));
    default:
      return action('contacts.log', 'Log contact', withQuery(caseHref(caseId, 'contacts'), { act: 'log' }));
  }
}

/** One timer's rows on this page of Today, in a group that folds away; its count is over every page. */
export function TimerGroup(props: { timer: TimerId; rows: TodayRow[]; counted: number; showOwner: boolean; role: Role }) {
  const { timer, rows, role } = props;
  const withActions = rows.some((row) => actionFor(timer, role, row.caseId) !== null);
  const shown =
    rows.length === props.counted ? plural(props.counted, 'case') : `${rows.length.toLocaleString('en-GB')} of ${plural(props.counted, 'case')} on this page`;
  return (
    <details className="govuk-details app-timer-group" open data-testid={`today-group-${timer}`}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          {TIMER_LABELS[timer]}: {shown}
        </span>
      </summary>
      <table className="govuk-table" id={`today-${timer}`} data-testid={`today-${timer}`}>
        <caption className="govuk-table__caption govuk-visually-hidden">{TIMER_LABELS[timer]}</caption>
        <TableHead
          columns={[
            'Victim',
            'Case',
            ...(props.showOwner ? ['Worker'] : []),
            'Due',
            { label: 'Days overdue', numeric: true },
            'Status',
            ...(withActions ? [{ label: 'Action' }] : []),
          ]}
        />
        <tbody className="govuk-table__body">
          {rows.map((row) => {
            const action = actionFor(timer, role, row.caseId);
            return (
              <tr className="govuk-table__row" key={`${row.caseId}-${row.timer}-${row.orderRef ?? ''}`}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={caseHref(row.caseId)}>
                    {row.victimName}
                  </a>
                </td>
                <td className="govuk-table__cell app-nowrap">
                  {row.caseRef}
                  {row.orderRef ? ` (order ${row.orderRef})` : ''}
                </td>
                {props.showOwner ? <td className="govuk-table__cell">{row.ownerName ?? 'Unallocated'}</td> : null}
                <td className="govuk-table__cell app-nowrap">{formatDateShort(row.dueDate)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{row.daysOverdue || ''}</td>
                <td className="govuk-table__cell">
                  <StatusTag status={row.status} />
                  {row.escalate ? <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-1">Escalate</strong> : null}
                </td>
                {withActions ? (
                  <td className="govuk-table__cell">
                    {action ? (
                      <a className="govuk-link" href={action.href}>
                        {action.label}
                        <span className="govuk-visually-hidden"> for {row.victimName}</span>
                      </a>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
