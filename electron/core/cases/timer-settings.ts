import { DEFAULT_TIMER_RULES, timerRulesSchema, type TimerRules } from '../../../shared/timer-rules';
import type { Db } from '../db/open-database';

const KEY = 'timerRules';

export function readTimerRules(db: Db): TimerRules {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_TIMER_RULES;
  const parsed = timerRulesSchema.safeParse({ ...DEFAULT_TIMER_RULES, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_TIMER_RULES;
}

export function writeTimerRules(db: Db, rules: TimerRules): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(rules));
}
