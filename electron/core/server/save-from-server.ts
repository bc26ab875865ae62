/**
 * The app's side of files made through the team server (outbox.ts): asks the person where to save
 * each, as the app always does, and writes it there (readable by this account only). What the
 * server sends is checked first: a file name with a folder in it, or a kind the app does not
 * save, is refused, so a server could never write outside the place the person chose.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { PlwError } from '../errors';
import type { ChoiceKind } from '../session';
import { SAVE_KINDS } from './outbox';

const plainName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..');

const madeFilesSchema = z
  .array(
    z.object({
      kind: z.enum(Object.keys(SAVE_KINDS) as [keyof typeof SAVE_KINDS, ...(keyof typeof SAVE_KINDS)[]]),
      suggestedName: plainName,
      entries: z.array(z.object({ name: z.union([z.literal(''), plainName]), base64: z.string() })).max(100),
    }),
  )
  .max(10);

/** Saves what came back; the label of the last place chosen, or null when the person cancelled. */
export async function saveFilesFromServer(
  files: unknown,
  choose: (kind: ChoiceKind, suggestedName?: string) => Promise<string | null>,
): Promise<string | null> {
  const parsed = madeFilesSchema.safeParse(files);
  if (!parsed.success) throw new PlwError('INTERNAL', 'The team server sent back a file this app cannot save. Nothing was saved.');
  let savedAs: string | null = null;
  for (const made of parsed.data) {
    const path = await choose(made.kind, made.suggestedName);
    if (!path) continue;
    if (SAVE_KINDS[made.kind] === 'folder') {
      mkdirSync(path, { recursive: true });
      for (const entry of made.entries) if (entry.name) writeFileSync(join(path, entry.name), Buffer.from(entry.base64, 'base64'), { mode: 0o600 });
    } else {
      const file = made.entries.find((entry) => entry.name === '');
      if (!file) throw new PlwError('INTERNAL', 'The team server sent back an empty file. Nothing was saved.');
      writeFileSync(path, Buffer.from(file.base64, 'base64'), { mode: 0o600 });
    }
    savedAs = basename(path);
  }
  return savedAs;
}
