/** One place for the passphrase rule, so the form, the core and the CLI say the same thing. */
export const MIN_PASSPHRASE_LENGTH = 12;

export const PASSPHRASE_RULE_TEXT = `Use at least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easier to remember than symbols.`;

/** Returns a message for a person, or null when the passphrase is acceptable. */
export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length === 0) return 'Enter a passphrase';
  // Count code points, not UTF-16 units, so an emoji counts once.
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    return `Passphrase must be ${MIN_PASSPHRASE_LENGTH} characters or more`;
  }
  return null;
}
