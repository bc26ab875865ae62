import type { CaseInput } from '../../../shared/case-input';

/** The New case / Edit case form's values: every field, as typed ('' for empty). */
export type CaseForm = Required<{ [K in keyof CaseInput]: NonNullable<CaseInput[K]> }>;

export interface SectionProps {
  form: CaseForm;
  set: <K extends keyof CaseForm>(key: K) => (value: CaseForm[K]) => void;
  error: (field: string) => string | undefined;
}
