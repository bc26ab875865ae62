import { CUSTODY_STATUSES, MAPPA_CATEGORIES, MAPPA_LEVELS } from '../../../shared/reference-data';
import { DateInput } from '../../components/DateInput';
import { SelectField } from '../../components/SelectField';
import type { SectionProps } from './form-types';

/**
 * What is held on the perpetrator as a person (docs/model.md): shared by every case that names
 * him, so a change here changes his other cases too (the hint says so when there are any).
 */
export function PersonFields({ form, set, error, linkedCount }: SectionProps & { linkedCount: number }) {
  return (
    <>
      {linkedCount > 0 ? (
        <div className="govuk-inset-text" data-testid="shared-person">
          He is named on {linkedCount === 1 ? '1 other case' : `${linkedCount} other cases`}: what you change about him here changes there too.
        </div>
      ) : null}
      <SelectField
        id="custodyStatus"
        label="Custody status"
        value={form.custodyStatus as never}
        options={CUSTODY_STATUSES.values}
        labels={CUSTODY_STATUSES.labels}
        onChange={set('custodyStatus') as never}
        error={error('custodyStatus')}
      />
      <DateInput
        id="custodyStatusDate"
        legend="Custody status since (optional)"
        value={form.custodyStatusDate}
        onChange={set('custodyStatusDate')}
        error={error('custodyStatusDate')}
      />
      <DateInput
        id="releaseDate"
        legend="Release date (optional)"
        hint="Licence start. For licence and post-sentence supervision the referral is due 5 working days after this date. May be in the future."
        value={form.releaseDate}
        onChange={set('releaseDate')}
        error={error('releaseDate')}
      />
      <DateInput
        id="supervisionEndDate"
        legend="Supervision end date (optional)"
        hint="May be in the future"
        value={form.supervisionEndDate}
        onChange={set('supervisionEndDate')}
        error={error('supervisionEndDate')}
      />
      <DateInput
        id="consentGivenDate"
        legend="He consented to partner contact on (optional)"
        value={form.consentGivenDate}
        onChange={set('consentGivenDate')}
        error={error('consentGivenDate')}
      />
      <DateInput
        id="consentWithdrawnDate"
        legend="He withdrew consent on (optional)"
        value={form.consentWithdrawnDate}
        onChange={set('consentWithdrawnDate')}
        error={error('consentWithdrawnDate')}
      />
      <SelectField
        id="mappaCategory"
        label="MAPPA category"
        value={form.mappaCategory as never}
        options={MAPPA_CATEGORIES.values}
        labels={MAPPA_CATEGORIES.labels}
        onChange={set('mappaCategory') as never}
        error={error('mappaCategory')}
        emptyLabel="Not MAPPA eligible or not known"
      />
      <SelectField
        id="mappaLevel"
        label="MAPPA level"
        value={form.mappaLevel as never}
        options={MAPPA_LEVELS.values}
        labels={MAPPA_LEVELS.labels}
        onChange={set('mappaLevel') as never}
        error={error('mappaLevel')}
      />
    </>
  );
}
