import { useCallback, useState } from 'react';
import type { ZodType } from 'zod';
import { asClientError } from '../api/client';
import type { FormError } from '../components/ErrorSummary';

/** Errors for one form: the summary's list, and the message beside each field. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormError[]>([]);
  const fieldError = useCallback((field: string) => errors.find((e) => e.field === field)?.message, [errors]);
  /** Shows a failed call's message; `rename` maps the core's field name to this form's input id. */
  const fail = useCallback((error: unknown, knownFields: readonly string[], rename: (field: string) => string = (field) => field) => {
    const { message, field } = asClientError(error);
    const id = field ? rename(field) : undefined;
    setErrors([{ field: id && knownFields.includes(id) ? id : undefined, message }]);
  }, []);
  /**
   * Checks the whole form with the same schema the core uses, before sending it: every problem
   * is listed at once (the core stops at the first), one per field, in the page's order.
   */
  const check = useCallback((schema: ZodType, value: unknown, rename: (field: string) => string = (field) => field): boolean => {
    const result = schema.safeParse(value);
    if (result.success) return true;
    setErrors(issuesAsErrors(result.error.issues, rename));
    return false;
  }, []);
  return { errors, setErrors, fieldError, fail, check, clear: () => setErrors([]) };
}

/** A schema's issues as a form's errors: the first for each field, each field's id from its path. */
export function issuesAsErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  rename: (field: string) => string = (field) => field,
): FormError[] {
  const seen = new Set<string>();
  return issues.flatMap((issue) => {
    const field = issue.path.length ? rename(issue.path.map(String).join('.')) : undefined;
    if (field !== undefined && seen.has(field)) return [];
    if (field !== undefined) seen.add(field);
    return [{ field, message: issue.message }];
  });
}
