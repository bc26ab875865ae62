/**
 * A realistic synthetic team: three years of sentences, referrals on time, late
 * and missing, contacts, orders and chases. Deterministic for a seed, and fast
 * enough for 100,000 cases in well under a minute (one transaction, prepared
 * statements, timers computed by the same engine as every other write).
 */
import { NEXT_CASE_ID } from '../cases/case-ids';
import { addDays, englandAndWales, londonDate, type IsoDate } from '../../../shared/calendar';
import { EARLY_EXIT_OUTCOMES, ETHNICITIES, FLAGS, type ContactMethod, type ContactOutcome, type FlagCode } from '../../../shared/reference-data';
import type { TimerRules } from '../../../shared/timer-rules';
import { recordAudit } from '../audit';
import type { Db } from '../db/open-database';
import type { ProgressReporter } from '../progress';
import { searchTerms } from '../cases/search-terms';
import { rewriteCaseTimers, riskRankOf } from '../cases/timer-store';
import { ensureWorker } from '../cases/workers';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, OFFICES, RO_NAMES, STREETS, TOWNS, WORKER_GIVEN } from './names';
import { SeededRandom } from './random';
import { DemoAgencies } from './demo-agencies';

export interface DemoOptions {
  cases: number;
  seed: number;
  /** The last day of the three years of history (today by default). */
  asOf?: IsoDate;
  actor: string;
  rules: TimerRules;
  now: Date;
  progress?: ProgressReporter;
}

const CASES_PER_WORKER = 250;
/** Outcomes that fit each way of making contact: a letter is sent or comes back, a call is answered or not. */
const OUTCOMES_BY_METHOD: Record<ContactMethod, { reached: ContactOutcome[]; notReached: ContactOutcome[] }> = {
  phone: { reached: ['spoke_to_victim'], notReached: ['no_answer', 'voicemail_left', 'wrong_number', 'unsafe_to_talk'] },
  text: { reached: ['spoke_to_victim'], notReached: ['message_sent'] },
  email: { reached: ['spoke_to_victim'], notReached: ['message_sent'] },
  letter: { reached: ['letter_sent'], notReached: ['letter_sent', 'returned_mail'] },
  face_to_face: { reached: ['spoke_to_victim'], notReached: ['unsafe_to_talk'] },
  home_visit: { reached: ['spoke_to_victim'], notReached: ['no_answer', 'unsafe_to_talk'] },
  video: { reached: ['spoke_to_victim'], notReached: ['no_answer'] },
  via_agency: { reached: ['spoke_to_victim'], notReached: ['message_sent'] },
};
const CALL_METHODS: ContactMethod[] = ['phone', 'phone', 'phone', 'text', 'email', 'home_visit', 'face_to_face', 'video'];
/** How she engages (docs/model.md), in about the shares a DASO team sees. */
type Persona = 'engaged' | 'declined' | 'unable' | 'no_contact';
const ETHNIC_GROUPS = ETHNICITIES.values;
const RISK_CATEGORIES = [
  'new_incident',
  'order_breach',
  'programme_disclosure',
  'perpetrator_released',
  'new_relationship',
  'address_change',
  'other',
] as const;
const ORDER_TYPES = ['restraining_order', 'non_molestation_order', 'dvpo', 'dapo', 'stalking_protection_order', 'licence_condition'] as const;

export function generateDemo(db: Db, options: DemoOptions): { cases: number; workers: number } {
  const random = new SeededRandom(options.seed);
  const agencies = new DemoAgencies(db, options.seed, options.actor, options.now.toISOString(), options.asOf ?? londonDate(options.now));
  const asOf = options.asOf ?? londonDate(options.now);
  const stamp = options.now.toISOString();
  const progress = options.progress ?? (() => undefined);
  const workerCount = Math.max(2, Math.min(400, Math.ceil(options.cases / CASES_PER_WORKER)));

  const insertVictim = db.prepare(
    `INSERT INTO victims (name, date_of_birth, phone, email, address, postcode, safe_contact_notes, no_voicemail, no_letters,
       relationship, sex, ethnicity, disability, sexual_orientation, welsh_language, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPerpetrator = db.prepare(
    `INSERT INTO perpetrators (name, crn, date_of_birth, custody_status, custody_status_date, release_date, supervision_end_date, consent_given_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEngagement = db.prepare(
    "INSERT INTO engagement_changes (case_id, change_date, status, source, reason, recorded_by, recorded_at) VALUES (?, ?, ?, 'hand', NULL, ?, ?)",
  );
  /** Men who may turn up again with a new partner: the last few hundred, by person id. */
  const recentMen: { id: number; name: string; crn: string; sentenceDate: IsoDate; sentenceType: string; release: IsoDate | null; caseId: number }[] = [];
  const insertCase = db.prepare(
    `INSERT INTO cases (id, case_ref, victim_name, perpetrator_name, crn, owner_name, victim_id, perpetrator_id, owner_worker_id, sentence_date, sentence_type, requirement, ro_name, ro_email, ro_phone, ro_office,
       referral_received_date, referral_source, programme_status, programme_start_date, programme_end_date, programme_outcome, risk_to_victim, risk_rank, risk_to_children,
       closed_date, created_at, updated_at)
     VALUES (${NEXT_CASE_ID}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${riskRankOf('?')}, ?, ?, ?, ?)`,
  );
  const insertSearch = db.prepare('INSERT INTO case_search (rowid, terms) VALUES (?, ?)');
  const insertFlag = db.prepare('INSERT OR IGNORE INTO flags (case_id, code, added_date) VALUES (?, ?, ?)');
  const insertContact = db.prepare(
    `INSERT INTO contacts (case_id, contact_date, method, outcome, with_victim, with_whom, notes, recorded_by, recorded_at, credited_worker_id)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, (SELECT owner_worker_id FROM cases WHERE id = ?))`,
  );
  const insertOrder = db.prepare(
    `INSERT INTO orders (case_id, order_ref, order_type, made_date, expiry_date, court, protected_people, resolution, resolved_date, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertChase = db.prepare(
    'INSERT INTO chases (case_id, chase_date, to_whom, method, note, recorded_by, recorded_at, credited_worker_id) VALUES (?, ?, ?, ?, NULL, ?, ?, (SELECT owner_worker_id FROM cases WHERE id = ?))',
  );
  const insertOwnership = db.prepare(
    'INSERT INTO case_ownership (case_id, worker_id, from_date, to_date) VALUES (?, (SELECT owner_worker_id FROM cases WHERE id = ?), NULL, NULL)',
  );
  const insertRisk = db.prepare('INSERT INTO risk_events (case_id, event_date, category, description, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertLiaison = db.prepare(
    'INSERT INTO liaison (case_id, risk_event_id, shared_date, agency, shared_with, acknowledged_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDash = db.prepare('UPDATE cases SET dash_date = ?, dash_score = ? WHERE id = ?');
  const insertMarac = db.prepare('UPDATE cases SET marac_referral_date = ? WHERE id = ?');
  const insertIdva = db.prepare('UPDATE cases SET idva_status = ?, idva_referral_date = ? WHERE id = ?');
  const insertProgrammeEvent = db.prepare(
    'INSERT INTO programme_events (case_id, from_status, to_status, event_date, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, NULL, ?, ?)',
  );

  db.transaction(() => {
    const workers: { id: number; name: string }[] = [];
    for (let w = 0; w < workerCount; w++) {
      const name = `${WORKER_GIVEN[w % WORKER_GIVEN.length]} ${FAMILY[(w * 7) % FAMILY.length]}${w >= WORKER_GIVEN.length ? ` ${Math.floor(w / WORKER_GIVEN.length) + 1}` : ''}`;
      workers.push({ id: ensureWorker(db, name, options.now), name });
    }
    const firstDay = addDays(asOf, -3 * 365);
    for (let i = 1; i <= options.cases; i++) {
      // About one case in ten is a new partner of a man already on the team's books (a linked case).
      const earlier = recentMen.length > 20 && random.chance(0.1) ? recentMen[random.int(0, recentMen.length - 1)]! : null;
      let sentenceDate = addDays(firstDay, random.int(0, 3 * 365));
      // A quarter are licence or post-sentence supervision: released some months after sentence.
      const typeRoll = random.next();
      let sentenceType =
        typeRoll < 0.2 ? 'licence' : typeRoll < 0.25 ? 'post_sentence_supervision' : typeRoll < 0.7 ? 'community_order' : 'suspended_sentence_order';
      let release: IsoDate | null =
        sentenceType === 'licence' || sentenceType === 'post_sentence_supervision' ? addDays(sentenceDate, random.int(30, 540)) : null;
      if (earlier) {
        // Her case follows his sentence (the one he is serving when he discloses her).
        sentenceDate = earlier.sentenceDate;
        sentenceType = earlier.sentenceType;
        release = earlier.release;
      }
      const age = Math.floor((Date.parse(asOf) - Date.parse(sentenceDate)) / 86_400_000);
      const caseRef = `DEMO-${String(i).padStart(6, '0')}`;
      const victimName = `${random.pick(GIVEN_FEMALE)} ${random.pick(FAMILY)}`;
      let perpetratorName = `${random.pick(GIVEN_MALE)} ${random.pick(FAMILY)}`;
      // CRNs are unique (one person each): a letter and six digits, from the case number.
      let crn = `${String.fromCharCode(65 + (i % 26))}${String((i * 7919) % 1_000_000).padStart(6, '0')}`;
      if (earlier) {
        perpetratorName = earlier.name;
        crn = earlier.crn;
      }
      const phone = random.chance(0.5) ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}` : `01632 960${String(random.int(0, 999)).padStart(3, '0')}`;
      const postcode = `ZZ${random.int(1, 99)} ${random.int(1, 9)}${String.fromCharCode(65 + random.int(0, 25))}${String.fromCharCode(65 + random.int(0, 25))}`;
      const worker = workers[random.int(0, workers.length - 1)]!;
      const ro = random.pick(RO_NAMES);

      // Referrals: most arrive, some late, and recent ones are sometimes still missing.
      // For licence cases the clock runs from release: the referral comes around it (often before).
      let referral: IsoDate | null = null;
      const clockStart = release ?? sentenceDate;
      const lagRoll = random.next();
      const lagWorkingDays = lagRoll < 0.55 ? random.int(1, 5) : lagRoll < 0.85 ? random.int(6, 20) : random.int(21, 90);
      const clockAge = Math.floor((Date.parse(asOf) - Date.parse(clockStart)) / 86_400_000);
      if (!(clockAge < 60 && random.chance(0.35)) && !random.chance(0.04)) {
        const candidate = release && random.chance(0.5) ? addDays(release, -random.int(10, 60)) : englandAndWales.addWorkingDays(clockStart, lagWorkingDays);
        if (candidate <= asOf && candidate >= sentenceDate) referral = candidate;
      }
      if (earlier) {
        // Disclosed on his case: her referral is the day of the disclosure.
        referral = addDays(sentenceDate, random.int(20, Math.max(21, Math.min(age, 400))));
        if (referral > asOf) referral = asOf;
      }
      // Older cases are mostly closed.
      // A referral that never came: the case is closed after some months of chasing.
      const neverReferred = referral === null && clockAge > 120 && random.chance(0.9);
      const closed = neverReferred
        ? addDays(sentenceDate, random.int(90, Math.min(age, 200)))
        : age > 300 && random.chance(Math.min(0.97, age / 600))
          ? addDays(sentenceDate, random.int(270, Math.min(age, 600)))
          : null;
      const closedDate = closed && closed <= asOf ? closed : null;

      let programmeStatus: string | null = 'awaiting_assessment';
      let programmeStart: IsoDate | null = null;
      let programmeEnd: IsoDate | null = null;
      let programmeOutcome: string | null = null;
      // The team learns of his programme through the referral: a case still awaiting one has none on record.
      if (referral && age > 45 && random.chance(0.7)) {
        programmeStart = addDays(sentenceDate, random.int(30, 180));
        if (programmeStart > asOf) programmeStart = null;
      }
      if (programmeStart) {
        programmeStatus = 'on_programme';
        const end = addDays(programmeStart, random.int(60, 200));
        if (end <= asOf) {
          programmeEnd = end;
          programmeOutcome = random.chance(0.6) ? 'completed' : random.pick(EARLY_EXIT_OUTCOMES);
          programmeStatus =
            programmeOutcome === 'completed'
              ? 'programme_complete'
              : programmeOutcome === 'removed' || programmeOutcome === 'dropped_out'
                ? 'withdrawn'
                : programmeOutcome;
        }
      }
      const riskRoll = random.next();
      const risk = riskRoll < 0.3 ? 'low' : riskRoll < 0.75 ? 'medium' : riskRoll < 0.95 ? 'high' : 'very_high';

      const victimId = insertVictim.run(
        victimName,
        addDays(sentenceDate, -random.int(18 * 365, 60 * 365)),
        phone,
        `${victimName.split(' ')[0]!.toLowerCase()}.${i}@example.org`,
        `${random.int(1, 140)} ${random.pick(STREETS)}, ${random.pick(TOWNS)}`,
        postcode,
        random.chance(0.3) ? 'Only call on weekday mornings.' : null,
        random.chance(0.25) ? 1 : 0,
        random.chance(0.15) ? 1 : 0,
        earlier ? 'new_partner' : random.chance(0.55) ? 'current_partner' : random.chance(0.8) ? 'ex_partner' : random.chance(0.6) ? 'family_member' : 'other',
        random.chance(0.1) ? null : random.chance(0.93) ? 'female' : random.chance(0.7) ? 'male' : 'prefer_not_to_say',
        random.chance(0.2) ? null : random.chance(0.75) ? 'white_british' : random.pick(ETHNIC_GROUPS),
        random.chance(0.3) ? null : random.chance(0.8) ? 'no' : random.chance(0.8) ? 'yes' : 'prefer_not_to_say',
        random.chance(0.4) ? null : random.chance(0.9) ? 'heterosexual' : random.pick(['gay_lesbian', 'bisexual', 'prefer_not_to_say']),
        random.chance(0.03) ? 1 : 0,
        stamp,
        stamp,
      ).lastInsertRowid;
      // His custody follows the release date: in custody until then, in the community after (a few recalled).
      const custody = release ? (release > asOf ? 'in_custody' : random.chance(0.05) ? 'recalled' : 'in_community') : null;
      const perpetratorId = earlier
        ? earlier.id
        : Number(
            insertPerpetrator.run(
              perpetratorName,
              crn,
              addDays(sentenceDate, -random.int(18 * 365, 60 * 365)),
              custody,
              custody ? (custody === 'in_custody' ? sentenceDate : release) : null,
              release,
              release ? addDays(release, random.int(180, 365)) : null,
              random.chance(0.7) ? sentenceDate : null,
              stamp,
              stamp,
            ).lastInsertRowid,
          );
      const caseId = Number(
        insertCase.run(
          caseRef,
          victimName,
          perpetratorName,
          crn,
          worker.name,
          victimId,
          perpetratorId,
          worker.id,
          sentenceDate,
          sentenceType,
          // Older sentences were BBR; Building Choices (by pathway) has replaced it; custody strands for men inside.
          release && release > asOf && random.chance(0.3)
            ? random.pick(['kaizen_ipv', 'becoming_new_me_ipv', 'new_me_strengths_ipv'])
            : sentenceDate < addDays(asOf, -730) && random.chance(0.7)
              ? 'bbr'
              : random.chance(0.85)
                ? random.pick(['building_choices_moderate', 'building_choices_high', 'building_choices_moderate'])
                : random.pick(['da_rar', 'other']),
          ro,
          `${ro.toLowerCase().replace(/[^a-z]+/g, '.')}@probation.example.org`,
          `01632 960${String(random.int(0, 999)).padStart(3, '0')}`,
          random.pick(OFFICES),
          referral,
          referral ? 'RO' : null,
          programmeStatus,
          programmeStart,
          programmeEnd,
          programmeOutcome,
          risk,
          risk,
          random.chance(0.4) ? random.pick(['low', 'medium', 'high']) : null,
          closedDate,
          stamp,
          stamp,
        ).lastInsertRowid,
      );
      insertSearch.run(caseId, searchTerms({ caseRef, victimName, perpetratorName, crn, victimPhone: phone, victimPostcode: postcode }));
      insertOwnership.run(caseId, caseId);
      if (!earlier) {
        recentMen.push({ id: perpetratorId, name: perpetratorName, crn, sentenceDate, sentenceType, release, caseId });
        if (recentMen.length > 400) recentMen.shift();
      } else if (referral) {
        // The disclosure on his earlier case that opened hers.
        insertRisk.run(earlier.caseId, referral, 'new_relationship', null, options.actor, stamp);
        rewriteCaseTimers(db, earlier.caseId, options.rules);
      }
      insertProgrammeEvent.run(caseId, null, 'awaiting_assessment', sentenceDate, 'demo', stamp);
      if (programmeStatus !== 'awaiting_assessment')
        insertProgrammeEvent.run(caseId, 'awaiting_assessment', programmeStatus, programmeStart ?? sentenceDate, 'demo', stamp);
      const flags: FlagCode[] = ['ADVV'];
      if (risk === 'high' || risk === 'very_high') flags.push('IMAR');
      if (random.chance(0.2)) flags.push(random.pick(FLAGS.values));

      let firstSpoken: IsoDate | null = null;
      // Contacts: a first attempt soon after the referral, then every few weeks while the case
      // is open, and (usually) one soon after each programme milestone.
      if (referral) {
        const last = closedDate ?? asOf;
        const contactDates: IsoDate[] = [];
        // Most first contacts come within the week; some (as the inspectors found) take far longer.
        const firstDelay = random.chance(0.2) ? random.int(10, 45) : random.int(0, 9);
        for (let day = addDays(referral, firstDelay); day <= last && contactDates.length < 60; day = addDays(day, random.int(14, 60))) contactDates.push(day);
        for (const milestone of [programmeStart, programmeEnd]) {
          if (milestone && random.chance(0.85)) {
            const day = addDays(milestone, random.int(0, 9));
            // Nobody contacts her before the referral tells the team she exists.
            if (day <= last && day >= referral) contactDates.push(day);
          }
        }
        contactDates.sort();
        const personaRoll = random.next();
        const persona: Persona = personaRoll < 0.74 ? 'engaged' : personaRoll < 0.86 ? 'declined' : personaRoll < 0.96 ? 'unable' : 'no_contact';
        const milestones = new Set([programmeStart, programmeEnd].filter((d): d is IsoDate => d !== null));
        let reached = false;
        let attempts = 0;
        let stoppedOn: IsoDate | null = null;
        for (const day of contactDates) {
          // After she declines or asks for no contact, only milestones are contacted (declined) or nothing at all.
          if (stoppedOn && (persona === 'no_contact' || !milestones.has(day))) continue;
          const method = random.pick(CALL_METHODS);
          const outcomes = OUTCOMES_BY_METHOD[method];
          let outcome: ContactOutcome;
          if (persona === 'unable') outcome = random.pick(OUTCOMES_BY_METHOD[attempts % 2 === 0 ? 'phone' : 'letter'].notReached);
          else if (persona === 'declined' && !stoppedOn && (reached || attempts >= 1) && random.chance(0.6)) outcome = 'declined_support';
          else outcome = random.chance(0.55) ? random.pick(outcomes.reached) : random.pick(outcomes.notReached);
          const usedMethod = persona === 'unable' ? (attempts % 2 === 0 ? 'phone' : 'letter') : outcome === 'declined_support' ? 'phone' : method;
          insertContact.run(caseId, day, usedMethod, outcome, random.chance(0.97) || persona === 'unable' ? 1 : 0, null, options.actor, stamp, caseId);
          attempts++;
          if (outcome === 'spoke_to_victim') {
            reached = true;
            firstSpoken ??= day;
          }
          if (outcome === 'declined_support') stoppedOn = day;
          if (persona === 'no_contact' && reached && !stoppedOn) {
            // She asked, on that call, for no contact at all: set by the worker the same day.
            insertEngagement.run(caseId, day, 'no_contact', options.actor, stamp);
            stoppedOn = day;
          }
          if (persona === 'unable' && attempts >= 4) {
            // The review after three unanswered attempts by two methods: set by hand a few days on.
            const set = addDays(day, random.int(2, 6));
            if (set <= (closedDate ?? asOf)) insertEngagement.run(caseId, set, 'unable_to_contact', options.actor, stamp);
            break;
          }
        }
      }
      // Late referrals get chased, most more than once (about one chase per case overall).
      const referralDue = englandAndWales.addWorkingDays(sentenceDate, options.rules.referral.amount);
      if ((!referral || referral > referralDue) && referralDue < asOf) {
        const chases = random.int(1, 5);
        let day = englandAndWales.addWorkingDays(referralDue, 1);
        for (let c = 0; c < chases && day <= (referral ?? asOf); c++) {
          insertChase.run(caseId, day, ro, random.pick(['email', 'phone']), options.actor, stamp, caseId);
          day = englandAndWales.addWorkingDays(day, random.int(3, 6));
        }
      }
      // About half the cases have a protective order (the issue's national profile).
      if (random.chance(0.5)) {
        const made = addDays(sentenceDate, random.int(-30, 30));
        const type = random.pick(ORDER_TYPES);
        const expiry = type === 'dapo' || random.chance(0.15) ? null : addDays(made, random.int(180, 730));
        const resolved = expiry && expiry < asOf && random.chance(0.6) ? addDays(expiry, -random.int(0, 20)) : null;
        insertOrder.run(
          caseId,
          `ORD-${i}`,
          type,
          made,
          expiry,
          'Blackburn Magistrates’ Court',
          '["victim"]',
          resolved ? random.pick(['renewed', 'reviewed']) : null,
          resolved,
          stamp,
        );
        if (type === 'restraining_order') flags.push('RSTO');
        if (type === 'stalking_protection_order') flags.push('SPO');
      }
      // Some cases have a risk event, usually shared with the RO in time, sometimes late or never.
      if (referral && random.chance(0.12)) {
        const eventDate = addDays(referral, random.int(5, 200));
        if (eventDate <= (closedDate ?? asOf)) {
          const eventId = insertRisk.run(caseId, eventDate, random.pick(RISK_CATEGORIES), null, options.actor, stamp).lastInsertRowid;
          const roll = random.next();
          if (roll < 0.85) {
            const shared = englandAndWales.addWorkingDays(eventDate, roll < 0.7 ? 1 : random.int(2, 6));
            if (shared <= asOf)
              insertLiaison.run(caseId, eventId, shared, 'ro', ro, random.chance(0.6) ? addDays(shared, random.int(0, 8)) : null, options.actor, stamp);
          }
        }
      }
      // Separate decisions, as a worker makes them: a DASH for most higher-risk cases, MARAC when its
      // score meets the threshold (or on professional judgement), and an IDVA offered to most
      // high-risk victims and some others, whether or not there was a MARAC.
      if (referral) {
        const high = risk === 'high' || risk === 'very_high';
        const dashDate = addDays(referral, random.int(3, 30));
        if (dashDate <= (closedDate ?? asOf) && random.chance(high ? 0.9 : risk === 'medium' ? 0.4 : 0.1)) {
          const score = high ? random.int(10, 24) : random.int(2, 13);
          insertDash.run(dashDate, score, caseId);
          agencies.addDash(caseId, dashDate, score, options.actor);
          if (score >= 14 || (high && random.chance(0.15))) {
            const maracDate = addDays(dashDate, random.int(0, 5)) > asOf ? dashDate : addDays(dashDate, random.int(0, 5));
            insertMarac.run(maracDate, caseId);
            agencies.addMarac(caseId, maracDate, score >= 14, closedDate ?? asOf);
          }
        }
        const idvaDate = addDays(referral, random.int(5, 40));
        if (idvaDate <= (closedDate ?? asOf) && random.chance(high ? 0.75 : risk === 'medium' ? 0.15 : 0.03)) {
          insertIdva.run(random.pick(['referred', 'accepted', 'accepted', 'declined'] as const), idvaDate, caseId);
        }
      }
      if (referral) agencies.addChecks(caseId, referral, closedDate ?? asOf);
      if (firstSpoken) agencies.addSafetyPlan(caseId, firstSpoken, closedDate ?? asOf);
      for (const code of flags) insertFlag.run(caseId, code, sentenceDate);
      rewriteCaseTimers(db, caseId, options.rules);
      if (i % 1000 === 0 || i === options.cases)
        progress({
          operation: 'demo',
          done: i,
          total: options.cases,
          label: `Making demo case ${i.toLocaleString('en-GB')} of ${options.cases.toLocaleString('en-GB')}`,
        });
    }
    recordAudit(db, options.actor, { action: 'demo.generated', detail: { cases: options.cases, seed: options.seed } }, options.now);
  })();
  // After a bulk load, give the planner real statistics so it picks the right index.
  db.exec('ANALYZE');
  return { cases: options.cases, workers: workerCount };
}

/** The demo's own account is also a worker, with every fifth case, so "My cases" has something to show. */
export function giveDemoCasesTo(db: Db, accountName: string, now: Date): void {
  const worker = ensureWorker(db, accountName, now);
  db.prepare('UPDATE cases SET owner_worker_id = ? WHERE id % 5 = 0').run(worker);
  // Given from the start, as if the demo team had always worked this way: their history, contacts and chases are the account's.
  db.prepare('UPDATE case_ownership SET worker_id = ? WHERE case_id % 5 = 0').run(worker);
  db.prepare('UPDATE contacts SET credited_worker_id = ? WHERE case_id % 5 = 0').run(worker);
  db.prepare('UPDATE chases SET credited_worker_id = ? WHERE case_id % 5 = 0').run(worker);
  db.prepare('UPDATE timers SET owner_worker_id = (SELECT owner_worker_id FROM cases WHERE cases.id = timers.case_id)').run();
  db.prepare('UPDATE cases SET owner_name = (SELECT name FROM workers WHERE workers.id = cases.owner_worker_id)').run();
}
