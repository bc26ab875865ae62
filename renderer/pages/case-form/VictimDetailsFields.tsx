import { DISABILITIES, ETHNICITIES, RELATIONSHIPS, SEXES, SEXUAL_ORIENTATIONS } from '../../../shared/reference-data';
import { SelectField } from '../../components/SelectField';
import type { SectionProps } from './form-types';
import { CheckboxItem } from '../../components/CheckboxItem';

/** Her relationship to him, Welsh, and the optional equality fields (docs/model.md): each may be left, or "prefer not to say". */
export function VictimDetailsFields({ form, set, error }: SectionProps) {
  return (
    <>
      <SelectField
        id="relationship"
        label="Her relationship to him"
        value={form.relationship as never}
        options={RELATIONSHIPS.values}
        labels={RELATIONSHIPS.labels}
        onChange={set('relationship') as never}
        error={error('relationship')}
      />
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <CheckboxItem id="welshLanguage" label="Welsh is her preferred language" checked={form.welshLanguage} onChange={set('welshLanguage')} />
        </div>
      </div>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Equality information (optional)</span>
        </summary>
        <div className="govuk-details__text">
          <SelectField
            id="sex"
            label="Sex"
            value={form.sex as never}
            options={SEXES.values}
            labels={SEXES.labels}
            onChange={set('sex') as never}
            error={error('sex')}
            emptyLabel="Not asked"
          />
          <SelectField
            id="ethnicity"
            label="Ethnic group"
            value={form.ethnicity as never}
            options={ETHNICITIES.values}
            labels={ETHNICITIES.labels}
            onChange={set('ethnicity') as never}
            error={error('ethnicity')}
            emptyLabel="Not asked"
          />
          <SelectField
            id="disability"
            label="Disability"
            value={form.disability as never}
            options={DISABILITIES.values}
            labels={DISABILITIES.labels}
            onChange={set('disability') as never}
            error={error('disability')}
            emptyLabel="Not asked"
          />
          <SelectField
            id="sexualOrientation"
            label="Sexual orientation"
            value={form.sexualOrientation as never}
            options={SEXUAL_ORIENTATIONS.values}
            labels={SEXUAL_ORIENTATIONS.labels}
            onChange={set('sexualOrientation') as never}
            error={error('sexualOrientation')}
            emptyLabel="Not asked"
          />
        </div>
      </details>
    </>
  );
}
