import { describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { closeTeamDatabase, newTeamDatabase } from './helpers';

async function demoDump(seed: number, cases = 300) {
  const { open } = await newTeamDatabase();
  generateDemo(open.db, { cases, seed, actor: 'Sam Admin', rules: readTimerRules(open.db), now: new Date('2026-11-24T09:00:00Z'), asOf: '2026-11-24' });
  const dump = {
    cases: open.db
      .prepare('SELECT case_ref, victim_name, crn, sentence_date, referral_received_date, closed_date, stage, next_due_date FROM cases ORDER BY id')
      .all(),
    victims: open.db.prepare('SELECT phone, email, postcode FROM victims ORDER BY id').all() as { phone: string; email: string; postcode: string }[],
    contacts: open.db.prepare('SELECT count(*) AS n FROM contacts').get(),
    timers: open.db.prepare('SELECT timer, due_date, met_date FROM timers ORDER BY id').all(),
  };
  closeTeamDatabase(open);
  return dump;
}

describe('demo data', () => {
  it('is the same for the same seed, and different for another', async () => {
    const a = await demoDump(7);
    const b = await demoDump(7);
    const c = await demoDump(8);
    expect(b).toEqual(a);
    expect(c.cases).not.toEqual(a.cases);
  });

  it('uses only numbers, emails and postcodes that cannot reach a real person', async () => {
    const { victims } = await demoDump(3);
    for (const v of victims) {
      expect(v.phone).toMatch(/^(07700 900\d{3}|01632 960\d{3})$/);
      expect(v.email).toMatch(/@example\.org$/);
      expect(v.postcode).toMatch(/^ZZ\d{1,2} \d[A-Z]{2}$/);
    }
  });

  it('has late, missing and on-time referrals, open and closed cases, over three years', async () => {
    const { cases } = (await demoDump(11, 1500)) as {
      cases: { sentence_date: string; referral_received_date: string | null; closed_date: string | null; stage: string }[];
    };
    const stages = new Set(cases.map((c) => c.stage));
    expect(stages).toEqual(new Set(['awaiting_referral', 'awaiting_first_contact', 'in_contact', 'closed']));
    const sentences = cases.map((c) => c.sentence_date).sort();
    expect(sentences[0]! < '2024-01-01').toBe(true);
    expect(sentences.at(-1)! > '2026-09-01').toBe(true);
    expect(cases.some((c) => c.referral_received_date === null)).toBe(true);
  });
});

describe('demo data for model v2', () => {
  it('has linked cases, licence cases with release dates, men in custody, and every engagement status, in realistic shares', async () => {
    const { open } = await newTeamDatabase();
    generateDemo(open.db, {
      cases: 1500,
      seed: 11,
      actor: 'Sam Admin',
      rules: readTimerRules(open.db),
      now: new Date('2026-11-24T09:00:00Z'),
      asOf: '2026-11-24',
    });
    const db = open.db;
    const share = (sql: string) => (db.prepare(sql).pluck().get() as number) / 1500;
    // About one case in ten names a man already on another case.
    const linked = share('SELECT count(*) FROM cases c WHERE EXISTS (SELECT 1 FROM cases o WHERE o.perpetrator_id = c.perpetrator_id AND o.id <> c.id)');
    expect(linked).toBeGreaterThan(0.1);
    expect(linked).toBeLessThan(0.35);
    expect(db.prepare("SELECT count(*) FROM victims WHERE relationship = 'new_partner'").pluck().get()).toBeGreaterThan(50);
    // A quarter on licence or post-sentence supervision, each with a release date; some still inside.
    const licence = share("SELECT count(*) FROM cases WHERE sentence_type IN ('licence', 'post_sentence_supervision')");
    expect(licence).toBeGreaterThan(0.15);
    expect(licence).toBeLessThan(0.35);
    expect(
      db
        .prepare("SELECT count(*) FROM cases c JOIN perpetrators p ON p.id = c.perpetrator_id WHERE c.sentence_type = 'licence' AND p.release_date IS NULL")
        .pluck()
        .get(),
    ).toBe(0);
    expect(db.prepare("SELECT count(*) FROM cases WHERE custody_status = 'in_custody'").pluck().get()).toBeGreaterThan(10);
    // Every engagement status, engaged the most common.
    const engagement = Object.fromEntries(
      (db.prepare('SELECT engagement, count(*) AS n FROM cases GROUP BY engagement').all() as { engagement: string; n: number }[]).map((r) => [
        r.engagement,
        r.n,
      ]),
    );
    expect(Object.keys(engagement).sort()).toEqual(['declined', 'engaged', 'no_contact', 'not_yet_contacted', 'unable_to_contact']);
    expect(Math.max(...Object.values(engagement))).toBe(engagement.engaged);
    // The rules a worker must follow hold: no contact dated after the day, and a letter is never "spoke to victim".
    expect(db.prepare("SELECT count(*) FROM contacts WHERE contact_date > '2026-11-24'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM contacts WHERE method = 'letter' AND outcome NOT IN ('letter_sent', 'returned_mail')").pluck().get()).toBe(0);
    closeTeamDatabase(open);
  });
});
