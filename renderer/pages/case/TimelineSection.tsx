import { useState } from 'react';
import type { TimelineEntryView } from '../../../shared/record-views';
import { formatDateLong } from '../../../shared/uk-dates';
import { useQuery } from '../../hooks/useQuery';

const KINDS = [
  ['case', 'Sentence and referral'],
  ['contact', 'Contacts'],
  ['chase', 'Chases'],
  ['programme', 'Programme'],
  ['order', 'Orders'],
  ['risk', 'Risk events'],
  ['liaison', 'Liaison'],
  ['engagement', 'Engagement'],
  ['agency', 'Agencies and MARAC'],
  ['plan', 'Safety plan'],
] as const;
type Kind = (typeof KINDS)[number][0];

/** Everything on the case in date order [MOJ timeline], filtered by kind. */
export function TimelineSection({ caseId }: { caseId: number }) {
  const [kinds, setKinds] = useState<Kind[]>([]);
  const timeline = useQuery('cases.timeline', kinds.length ? { caseId, kinds } : { caseId });
  const toggle = (kind: Kind, on: boolean) => setKinds((current) => (on ? [...current, kind] : current.filter((k) => k !== kind)));
  return (
    <>
      <h2 className="govuk-heading-m">Timeline</h2>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show only</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small govuk-checkboxes--inline">
            {KINDS.map(([kind, label]) => (
              <div className="govuk-checkboxes__item" key={kind}>
                <input
                  className="govuk-checkboxes__input"
                  id={`timeline-${kind}`}
                  type="checkbox"
                  checked={kinds.includes(kind)}
                  onChange={(e) => toggle(kind, e.target.checked)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`timeline-${kind}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {timeline.data && timeline.data.length === 0 ? <p className="govuk-body">Nothing to show.</p> : null}
      <div className="moj-timeline" data-testid="timeline">
        {(timeline.data ?? []).map((entry: TimelineEntryView, i: number) => (
          <div className="moj-timeline__item" key={i}>
            <div className="moj-timeline__header">
              <h3 className="moj-timeline__title">{entry.title}</h3>
              {entry.by ? <p className="moj-timeline__byline"> by {entry.by}</p> : null}
            </div>
            <p className="moj-timeline__date">
              <time dateTime={entry.date}>
                {formatDateLong(entry.date)}
                {entry.time ? ` at ${entry.time}` : ''}
              </time>
            </p>
            {entry.detail ? <div className="moj-timeline__description app-pre-wrap">{entry.detail}</div> : null}
          </div>
        ))}
      </div>
    </>
  );
}
