/** The small schemas every part of the contract uses. */
import { z } from 'zod';

export const id = z.number().int().positive();
export const caseIdInput = z.object({ caseId: id });
/**
 * The version of a record as the form was loaded: a save from an out-of-date copy is
 * refused ("changed by NAME at TIME: reload and apply your change again").
 */
export const version = z.number().int().positive();
export const ok = z.object({ ok: z.literal(true) });

/** A save that both adds (no id) and edits (an id): an edit must say which version it changes. */
export function editOf<T extends z.ZodObject<{ version: z.ZodOptional<typeof version> }>>(schema: T, idField: keyof z.infer<T> & string) {
  return schema.refine((input) => (input as Record<string, unknown>)[idField] === undefined || (input as { version?: number }).version !== undefined, {
    message: 'Say which version of the record this change is to',
    path: ['version'],
  });
}
