import { useCallback, useState } from 'react';
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
  return { errors, setErrors, fieldError, fail, clear: () => setErrors([]) };
}
