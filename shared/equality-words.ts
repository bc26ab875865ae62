/**
 * The equality breakdowns' dimensions and words, and the rule for exports: a count below 5 is
 * shown as "fewer than 5" so that no victim can be picked out of a small group.
 */
import { DISABILITIES, ETHNICITIES, RELATIONSHIPS, SEXES } from './reference-data';

export const EQUALITY_DIMENSIONS = ['sex', 'ethnicity', 'disability', 'relationship', 'age_band'] as const;
export type EqualityDimension = (typeof EQUALITY_DIMENSIONS)[number];
export type Breakdown = Record<EqualityDimension, Record<string, number>>;

export const EQUALITY_DIMENSION_LABELS: Record<EqualityDimension, string> = {
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  disability: 'Disability',
  relationship: 'Relationship to the perpetrator',
  age_band: 'Age',
};

const AGE_BANDS = {
  under_18: 'Under 18',
  '18_24': '18 to 24',
  '25_34': '25 to 34',
  '35_44': '35 to 44',
  '45_54': '45 to 54',
  '55_64': '55 to 64',
  '65_plus': '65 or over',
};
const NOT_RECORDED = { not_recorded: 'Not recorded' };

/** The words for a category of a dimension ("not_recorded": nothing was recorded). */
export function categoryLabel(dimension: EqualityDimension, category: string): string {
  const labels: Record<string, string> = {
    ...NOT_RECORDED,
    ...(dimension === 'sex' ? SEXES.labels : {}),
    ...(dimension === 'ethnicity' ? ETHNICITIES.labels : {}),
    ...(dimension === 'disability' ? DISABILITIES.labels : {}),
    ...(dimension === 'relationship' ? RELATIONSHIPS.labels : {}),
    ...(dimension === 'age_band' ? AGE_BANDS : {}),
  };
  return labels[category] ?? category;
}

/** Her age band from her age in whole years (null: no date of birth recorded). */
export function ageBandOf(age: number | null): string {
  if (age === null) return 'not_recorded';
  if (age < 18) return 'under_18';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  if (age < 65) return '55_64';
  return '65_plus';
}

export const SUPPRESSION_THRESHOLD = 5;

/** What an export shows for a count: the number, or "fewer than 5" below the threshold. */
export function exportedCount(n: number): number | 'fewer than 5' {
  return n < SUPPRESSION_THRESHOLD ? 'fewer than 5' : n;
}
