import type { z } from 'zod';
import { PlwError } from './errors';

/** Parses input with a shared schema; the first problem becomes a person-readable error naming its field. */
export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new PlwError('VALIDATION', issue.message, issue.path.map(String).join('.') || undefined);
}
