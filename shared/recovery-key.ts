/**
 * The recovery key is the database's raw 256-bit key written as 64 hex digits
 * in 16 groups of four, so it can be read aloud or copied onto paper.
 * With it, official SQLCipher 4 opens the file: PRAGMA key = "x'<64 hex>'".
 */
const GROUP = 4;

export function formatRecoveryKey(hex: string): string {
  const clean = hex.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(clean)) throw new Error('A recovery key is 64 hex digits');
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += GROUP) groups.push(clean.slice(i, i + GROUP));
  return groups.join('-');
}

/** Accepts the grouped form with any spacing or dashes; returns 64 lower-case hex digits or null. */
export function parseRecoveryKey(text: string): string | null {
  const clean = text.replace(/[\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(clean) ? clean : null;
}
