/**
 * A growing delay after repeated wrong passphrases: three tries are free, then
 * 2 s, 4 s, 8 s … up to 5 minutes. It slows a person guessing at the keyboard;
 * an attacker with a copy of the files is slowed by Argon2id instead.
 */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60 * 1000;

export function delayAfterFailures(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 2 ** (failedAttempts - FREE_ATTEMPTS + 1) * 1000);
}

/** Milliseconds the person must still wait before the next try, 0 when they may try now. */
export function waitBeforeNextAttempt(failedAttempts: number, lastFailureAt: string | null, now: Date): number {
  if (!lastFailureAt) return 0;
  const readyAt = Date.parse(lastFailureAt) + delayAfterFailures(failedAttempts);
  return Math.max(0, readyAt - now.getTime());
}

export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
