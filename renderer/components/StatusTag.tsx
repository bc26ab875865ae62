import { TIMER_STATUS_LABELS, type TimerStatus } from '../../shared/timer-rules';

const COLOURS: Record<TimerStatus, string> = {
  pending: 'govuk-tag--grey',
  due_soon: 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  met_on_time: 'govuk-tag--green',
  met_late: 'govuk-tag--orange',
  closed_unmet: 'govuk-tag--grey',
};

/** A timer's status as a GOV.UK tag: pending grey, due soon amber, overdue red, met green, met late orange. */
export function StatusTag({ status }: { status: TimerStatus }) {
  return <strong className={`govuk-tag ${COLOURS[status]}`}>{TIMER_STATUS_LABELS[status]}</strong>;
}
