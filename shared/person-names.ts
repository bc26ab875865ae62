/**
 * People's names as people type them: "priya  shah", "Priya Shah ", "PRIYA SHAH" and
 * "Priya-Shah" are one person. One normaliser for names everywhere (the New case form, the
 * importer, the worker list, the "do not contact via" rule), so no screen disagrees with another
 * about who someone is.
 */
import { distance } from 'fastest-levenshtein';

/** A name as it is kept and shown: spaces at the ends dropped and runs of spaces made one. */
export function tidyName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** What two names are compared by: case, accents, punctuation and spacing ignored. */
export function nameKey(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // O'Brien and OBrien are one name; a hyphen or a full stop parts words.
      .replace(/['’]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

export function sameName(a: string, b: string): boolean {
  const key = nameKey(a);
  return key !== '' && key === nameKey(b);
}

/**
 * Whether one name appears inside the other as whole words ("Karen Wood" in "karen wood's
 * house", "Wood" in "Karen Wood"): how a rule naming a person is matched against whoever a
 * contact was with.
 */
export function nameWithin(a: string, b: string): boolean {
  const [x, y] = [nameKey(a), nameKey(b)];
  if (!x || !y) return false;
  return ` ${y} `.includes(` ${x} `) || ` ${x} `.includes(` ${y} `);
}

/**
 * A different name that is probably a slip for this one (one or two letters out, or the same
 * words in another order): "Priya Shaw" for "Priya Shah". Such a name is put to a person to
 * confirm rather than silently becoming somebody new.
 */
export function namesClose(a: string, b: string): boolean {
  const [x, y] = [nameKey(a), nameKey(b)];
  if (!x || !y || x === y) return false;
  if (x.split(' ').sort().join(' ') === y.split(' ').sort().join(' ')) return true;
  const allowed = Math.min(x.length, y.length) >= 8 ? 2 : 1;
  return distance(x, y) <= allowed;
}
