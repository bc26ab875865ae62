/** What every write needs: the database, who is writing, when, and the team's timer rules. */
import { londonDate } from '../../../shared/calendar';
import { futureDates, type DatedFact } from '../../../shared/future-dates';
import type { TimerRules } from '../../../shared/timer-rules';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

export interface WriteContext {
  db: Db;
  actor: string;
  now: Date;
  rules: TimerRules;
}

/** Refuses the first fact dated after today, naming its field (docs/timers.md: no fact that meets a timer lies in the future). */
export function refuseFutureDates(ctx: Pick<WriteContext, 'now'>, facts: readonly DatedFact[]): void {
  const problem = futureDates(facts, londonDate(ctx.now))[0];
  if (problem) throw new PlwError('VALIDATION', problem.message, problem.field);
}
