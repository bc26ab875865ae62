/**
 * The typed IPC contract: every channel the renderer may call, with the zod
 * schemas of its input and output. Main validates every input against it, the
 * preload exposes exactly these channels, the renderer's client is typed from
 * it, and the loopback test harness serves the same table.
 */
import { z } from 'zod';
import { agencyChannels } from './contract-agencies';
import { oversightChannels } from './contract-oversight';
import { caseIdInput, editOf, id, ok, version } from './contract-primitives';
import { passphraseProblem } from './passphrase-rules';
import { ROLES } from './roles';
import type { Result } from './errors';
import { caseInputSchema } from './case-input';
import {
  caseDetailSchema,
  caseloadQuerySchema,
  caseloadRowSchema,
  chaseInputSchema,
  chaseListRowSchema,
  isoDateSchema,
  scopeSchema,
  todayResultSchema,
} from './case-views';
import { refuseZeroDays, timerRulesInputSchema, timerRulesSchema } from './timer-rules';
import { LETTER_KINDS, letterTemplatesSchema, storedLetterTemplatesSchema } from './letters';
import { reportQuerySchema, summarySchema } from './report-views';
import {
  breachInputSchema,
  childInputSchema,
  contactInputSchema,
  engagementInputSchema,
  liaisonInputSchema,
  linkPeopleInputSchema,
  idvaInputSchema,
  orderInputSchema,
  orderResolutionSchema,
  riskEventInputSchema,
  safeProfileSchema,
} from './record-inputs';
import {
  caseSummarySchema,
  childRowSchema,
  contactRowSchema,
  expiringOrderSchema,
  followUpSchema,
  orderRowSchema,
  riskSectionSchema,
  safetyViewSchema,
  timelineEntrySchema,
  timelineKindSchema,
} from './record-views';

const ACCOUNT_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]*$/u;

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter an account name')
  .max(64, 'Account name must be 64 characters or fewer')
  .regex(ACCOUNT_NAME_PATTERN, 'Account name can only use letters, numbers, spaces, dots, hyphens and apostrophes');

/** A passphrase being typed to unlock: any length is accepted, the keyring decides. */
const enteredPassphrase = z.string().min(1, 'Enter your passphrase').max(1024, 'Passphrase is too long');

/** A passphrase being set: the rule applies. */
const newPassphrase = z
  .string()
  .max(1024, 'Passphrase must be 1,024 characters or fewer')
  .superRefine((value, ctx) => {
    const problem = passphraseProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function confirmed<T extends z.ZodRawShape>(shape: T, field: keyof T & string, confirmField: keyof T & string) {
  return z.object(shape).superRefine((value: Record<string, unknown>, ctx) => {
    if (value[field] !== value[confirmField]) {
      ctx.addIssue({ code: 'custom', path: [confirmField], message: 'Passphrases do not match' });
    }
  });
}

export const roleSchema = z.enum(ROLES);
export const roleTitleSchema = z.enum(['PLW', 'DASO']);

const MB_FIELD = (what: string, max: number) =>
  z
    .number({ message: `${what} must be a number of MB` })
    .int(`${what} must be a whole number of MB`)
    .min(1, `${what} must be from 1 to ${max.toLocaleString('en-GB')} MB`)
    .max(max, `${what} must be from 1 to ${max.toLocaleString('en-GB')} MB`);
/**
 * What an import will read, set by the team (Settings → Import and templates). Anything
 * larger is refused before it is read. The maxima keep the protection from being switched
 * off: even at the largest, a file built to hurt is refused before it exhausts an office PC.
 */
export const importLimitsSchema = z.object({
  fileMB: MB_FIELD('The largest file', 1024),
  folderMB: MB_FIELD('The largest folder of .csv files', 2048),
  sharedStringsMB: MB_FIELD('The largest text table in a workbook', 1024),
  unzippedMB: MB_FIELD('The most a workbook may unzip to', 4096),
  rowsPerSheet: z
    .number({ message: 'Rows per sheet must be a number' })
    .int('Rows per sheet must be a whole number')
    .min(1000, 'Rows per sheet must be from 1,000 to 5,000,000')
    .max(5_000_000, 'Rows per sheet must be from 1,000 to 5,000,000'),
});
export type ImportLimitSettings = z.infer<typeof importLimitsSchema>;
/** A team's limits start here. */
export const DEFAULT_IMPORT_LIMIT_SETTINGS: ImportLimitSettings = {
  fileMB: 200,
  folderMB: 400,
  sharedStringsMB: 256,
  unzippedMB: 2048,
  rowsPerSheet: 2_000_000,
};

export const settingsSchema = z.object({
  teamName: z.string().trim().min(1, 'Enter a team name').max(120, 'Team name must be 120 characters or fewer'),
  roleTitle: roleTitleSchema,
  autoLockMinutes: z
    .number({ message: 'Auto-lock must be a number of minutes' })
    .int('Auto-lock must be a whole number of minutes')
    .min(1, 'Auto-lock must be 1 minute or more')
    .max(120, 'Auto-lock must be 120 minutes or fewer'),
  /** DASH score at or above which the app suggests a MARAC referral (SafeLives: 14; some areas differ). */
  dashMaracThreshold: z
    .number({ message: 'The DASH threshold must be a number' })
    .int('The DASH threshold must be a whole number')
    .min(1, 'The DASH threshold must be from 1 to 24')
    .max(24, 'The DASH threshold must be from 1 to 24'),
  /** Closed cases come up for review this many years after closure (then erase or keep). */
  retentionYears: z
    .number({ message: 'The retention period must be a number of years' })
    .int('The retention period must be a whole number of years')
    .min(1, 'The retention period must be from 1 to 100 years')
    .max(100, 'The retention period must be from 1 to 100 years'),
  importLimits: importLimitsSchema,
  /** The team's own phone and address: printed in letters, so she never has to ring her own number (model v2 §7). */
  teamPhone: z.string().trim().max(40, 'The team phone must be 40 characters or fewer'),
  teamAddress: z.string().trim().max(300, 'The team address must be 300 characters or fewer'),
});
export type Settings = z.infer<typeof settingsSchema>;
/** Team-wide settings as shown, with the version a change must name (no silent overwrite). */
export const versionedSettingsSchema = settingsSchema.extend({ version: z.number().int().positive() });
export type VersionedSettings = z.infer<typeof versionedSettingsSchema>;

export const sessionSchema = z.object({
  accountName: z.string(),
  role: roleSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/** The team server this app works through (absent: the database is on this computer). */
const teamServerSchema = z.object({ address: z.string(), fingerprint: z.string() });

export const appStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('no-database'), locationLabel: z.string() }),
  z.object({ state: z.literal('locked'), teamName: z.string(), demo: z.boolean(), server: teamServerSchema.optional() }),
  z.object({
    state: z.literal('unlocked'),
    teamName: z.string(),
    demo: z.boolean(),
    session: sessionSchema,
    settings: versionedSettingsSchema,
    server: teamServerSchema.optional(),
  }),
]);
export type AppStatus = z.infer<typeof appStatusSchema>;

export const accountSummarySchema = z.object({
  accountName: z.string(),
  role: roleSchema,
  mustChangePassphrase: z.boolean(),
  createdAt: z.string(),
  status: z.enum(['active', 'temporary', 'disabled']),
  disabledAt: z.string().nullable(),
  /** Not unlocked since keyring version 2: taking someone's access away needs their passphrase or a temporary one. */
  needsKeys: z.boolean(),
  /** Open cases allocated to this account's worker: to reassign when someone leaves. */
  openCases: z.number(),
  /** The office (PDU) the account works from. */
  officeId: z.number().nullable(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

const empty = z.object({}).strict();
/**
 * A new data key is sealed to every account's public key. Accounts still on a version 1
 * keyring entry have none: each needs its owner's current passphrase (typed in by its
 * owner) or a temporary one to change at next unlock.
 */
const rekeyOthers = z.array(
  z.object({
    accountName: z.string().trim().min(1).max(64),
    kind: z.enum(['current', 'temporary']),
    passphrase: z.string().max(1024),
  }),
);
const rekeyOutcome = z.object({ recoveryKey: z.string(), temporaryAccounts: z.array(z.string()) });
const rowErrorSchema = z.object({ sheet: z.string(), row: z.number(), column: z.string(), message: z.string() });
export const importPreviewSchema = z.object({
  rowsPerSheet: z.record(z.string(), z.number()),
  casesNew: z.number(),
  casesUpdated: z.number(),
  newWorkers: z.array(z.string()),
  /** New workers whose names are close to someone's: each must be confirmed before the import runs. */
  workersToConfirm: z.array(z.object({ name: z.string(), closeTo: z.string() })),
  errors: z.array(rowErrorSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export const importSummarySchema = z.object({
  casesCreated: z.number(),
  casesUpdated: z.number(),
  contacts: z.number(),
  orders: z.number(),
  chases: z.number(),
  duplicatesSkipped: z.number(),
  newWorkers: z.array(z.string()),
});

const mergeFileSchema = z.object({ name: z.string(), signedBy: z.string(), fingerprint: z.string(), keyRetiredAt: z.string().nullable() });
export type MergeFile = z.infer<typeof mergeFileSchema>;
const mergeViewSchema = z.object({ files: z.array(mergeFileSchema), summary: summarySchema.nullable() });
export type MergeView = z.infer<typeof mergeViewSchema>;

export const contract = {
  /** Where the app stands: no database yet, locked, or unlocked (and as whom). */
  'app.status': { input: empty, output: appStatusSchema },

  /** Lets the person pick the folder for a new database (a file dialog in the app). */
  'location.choose': { input: empty, output: z.object({ locationLabel: z.string(), chosen: z.boolean() }) },

  'database.create': {
    input: confirmed(
      {
        teamName: settingsSchema.shape.teamName,
        accountName: accountNameSchema,
        passphrase: newPassphrase,
        passphraseConfirm: z.string(),
      },
      'passphrase',
      'passphraseConfirm',
    ),
    output: z.object({ recoveryKey: z.string(), session: sessionSchema }),
  },

  /** A separate database, marked DEMO on every page, filled with a made-up team. */
  'database.createDemo': {
    input: confirmed({ accountName: accountNameSchema, passphrase: newPassphrase, passphraseConfirm: z.string() }, 'passphrase', 'passphraseConfirm'),
    output: z.object({ recoveryKey: z.string(), session: sessionSchema }),
  },

  /** Every passphrase forgotten: the recovery key opens the database and sets an administrator's new passphrase. */
  'session.recover': {
    input: z
      .object({
        recoveryKey: z.string().min(1, 'Enter the recovery key').max(200, 'That is too long for a recovery key'),
        accountName: accountNameSchema,
        newPassphrase,
        newPassphraseConfirm: z.string(),
      })
      .superRefine((value, ctx) => {
        if (value.newPassphrase !== value.newPassphraseConfirm)
          ctx.addIssue({ code: 'custom', path: ['newPassphraseConfirm'], message: 'Passphrases do not match' });
      }),
    output: z.object({ session: sessionSchema }),
  },
  'session.unlock': {
    input: z
      .object({
        accountName: accountNameSchema,
        passphrase: enteredPassphrase,
        /** Only when the account was given a temporary passphrase by an admin. */
        newPassphrase: newPassphrase.optional(),
        newPassphraseConfirm: z.string().optional(),
      })
      .superRefine((value, ctx) => {
        if (value.newPassphrase !== undefined && value.newPassphrase !== value.newPassphraseConfirm) {
          ctx.addIssue({ code: 'custom', path: ['newPassphraseConfirm'], message: 'Passphrases do not match' });
        }
      }),
    output: z.object({ session: sessionSchema }),
  },

  /** The reason is echoed in the `locked` event, so every window says why it locked. */
  'session.lock': { input: z.object({ reason: z.enum(['requested', 'idle']).optional() }).strict(), output: ok },

  /** A team server: what the server at an address shows (its certificate's fingerprint), for the person to compare. */
  'server.look': { input: z.object({ address: z.string().trim().min(1, 'Enter the server’s name or address').max(300) }).strict(), output: teamServerSchema },
  /** The person confirmed that fingerprint: this computer now works through that server. */
  'server.connect': {
    input: z.object({ address: z.string().trim().min(1).max(300), fingerprint: z.string().trim().max(200) }).strict(),
    output: ok,
  },
  /** Back to a database on this computer (while locked). */
  'server.forget': { input: empty, output: ok },

  'settings.get': { input: empty, output: versionedSettingsSchema },
  'settings.update': { input: settingsSchema.partial().extend({ version }).strict(), output: versionedSettingsSchema },

  'accounts.list': { input: empty, output: z.array(accountSummarySchema) },
  'accounts.add': {
    input: z.object({ accountName: accountNameSchema, role: roleSchema, temporaryPassphrase: newPassphrase }),
    output: accountSummarySchema,
  },
  /** Taking access away replaces the data key (a new recovery key is shown); legacy: see rekeyOthers. */
  'accounts.resetPassphrase': {
    input: z.object({ accountName: accountNameSchema, temporaryPassphrase: newPassphrase, passphrase: enteredPassphrase, others: rekeyOthers.optional() }),
    output: rekeyOutcome,
  },
  'accounts.disable': {
    input: z.object({ accountName: accountNameSchema, passphrase: enteredPassphrase, others: rekeyOthers.optional() }),
    output: rekeyOutcome,
  },
  /** A disabled account is removed without a new key (it already has no entry): recoveryKey null. */
  'accounts.remove': {
    input: z.object({ accountName: accountNameSchema, passphrase: enteredPassphrase, others: rekeyOthers.optional() }),
    output: z.object({ recoveryKey: z.string().nullable(), temporaryAccounts: z.array(z.string()) }),
  },
  'accounts.enable': {
    input: z.object({ accountName: accountNameSchema, temporaryPassphrase: newPassphrase }),
    output: ok,
  },
  'accounts.changeRole': {
    input: z.object({ accountName: accountNameSchema, role: roleSchema }),
    output: ok,
  },
  'accounts.changeOwnPassphrase': {
    input: confirmed({ currentPassphrase: enteredPassphrase, newPassphrase, newPassphraseConfirm: z.string() }, 'newPassphrase', 'newPassphraseConfirm'),
    output: ok,
  },

  /**
   * New data key and recovery key. Every other account is either re-wrapped with
   * its current passphrase (typed in by its owner) or given a temporary one it
   * must change at next unlock.
   */
  'database.rekey': {
    input: z.object({ passphrase: enteredPassphrase, others: rekeyOthers }),
    output: rekeyOutcome,
  },

  /** Your own work phone, printed in the letters you make (`{{worker_phone}}`). */
  'workers.ownPhone': { input: empty, output: z.object({ phone: z.string().nullable(), isWorker: z.boolean() }) },
  'workers.setOwnPhone': { input: z.object({ phone: z.string().trim().max(40, 'Your phone must be 40 characters or fewer') }), output: ok },
  'workers.list': {
    input: empty,
    output: z.array(z.object({ id: z.number(), name: z.string(), accountName: z.string().nullable() })),
  },
  'cases.list': {
    input: caseloadQuerySchema,
    output: z.object({ asOf: z.string(), rows: z.array(caseloadRowSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
  },
  /** Reading a case is audited: every view of a victim's record is attributed. */
  'cases.get': { input: z.object({ caseId: z.number().int().positive() }), output: caseDetailSchema.extend({ asOf: z.string(), summary: caseSummarySchema }) },
  'cases.create': {
    input: z.object({ case: caseInputSchema, programmeReason: z.string().trim().max(500).optional() }),
    output: z.object({ caseId: z.number(), caseRef: z.string() }),
  },
  'cases.update': {
    input: z.object({
      caseId: z.number().int().positive(),
      version,
      perpetratorVersion: version.optional(),
      case: caseInputSchema,
      programmeReason: z.string().trim().max(500).optional(),
    }),
    output: ok,
  },
  'cases.recordReferral': {
    input: z.object({
      caseId: z.number().int().positive(),
      receivedDate: isoDateSchema,
      source: z.string().trim().max(120).optional(),
    }),
    output: ok,
  },
  'cases.reassign': {
    input: z.object({ caseId: z.number().int().positive(), ownerName: z.string().trim().min(1, 'Choose a worker').max(64) }),
    output: ok,
  },
  'cases.logChase': { input: z.object({ caseId: z.number().int().positive(), chase: chaseInputSchema }), output: ok },
  /** Today's timers a page at a time (50), overdue first; `status` is a card's filter. Counts are over every page. */
  'today.list': {
    input: scopeSchema.extend({
      asOf: isoDateSchema.optional(),
      status: z.enum(['overdue', 'due_soon']).optional(),
      page: z.number().int().min(1).max(1_000_000).optional(),
    }),
    output: todayResultSchema,
  },
  /**
   * One page of overdue referrals, most overdue first (`rows` a page, 50 and at most 50; 0 for
   * the counts alone), with exact counts over all of them. `page` past the end gives the last.
   */
  'chases.list': {
    input: scopeSchema.extend({
      asOf: isoDateSchema.optional(),
      page: z.number().int().min(1).max(1_000_000).optional(),
      rows: z.number().int().min(0).max(50).optional(),
    }),
    output: z.object({
      asOf: z.string(),
      page: z.number(),
      pages: z.number(),
      pageSize: z.number(),
      rows: z.array(chaseListRowSchema),
      overdue: z.number(),
      chaseDue: z.number(),
    }),
  },
  'timers.rules': { input: empty, output: timerRulesSchema.extend({ version }) },
  /** Changing the rules recomputes every case's timers (with progress) and is audited. */
  /** How many cases' timers these rules would change: asked before they are saved, nothing written. */
  'timers.previewRules': { input: timerRulesInputSchema, output: z.object({ casesChanged: z.number(), cases: z.number() }) },
  'timers.updateRules': {
    input: timerRulesSchema.extend({ version }).superRefine(refuseZeroDays),
    output: z.object({ rules: timerRulesSchema.extend({ version }), recomputed: z.number() }),
  },

  'contacts.list': { input: caseIdInput, output: z.array(contactRowSchema) },
  /** A contact that breaks a safe-contact rule is refused (UNSAFE_CONTACT) unless `overrideReason` says why. */
  'contacts.log': { input: z.object({ caseId: id, contact: contactInputSchema }), output: z.object({ contactId: z.number() }) },
  /** Drafts only: a final note is refused here, whatever the caller. */
  'contacts.updateDraft': { input: z.object({ contactId: id, version, contact: contactInputSchema }), output: ok },
  'contacts.amend': { input: z.object({ contactId: id, text: z.string().trim().min(1, 'Enter the amendment').max(20_000) }), output: ok },
  'contacts.delete': { input: z.object({ contactId: id, reason: z.string().trim().min(1, 'Say why the contact is being deleted').max(500) }), output: ok },
  'safety.get': { input: caseIdInput, output: safetyViewSchema },
  'safety.update': { input: z.object({ caseId: id, version, profile: safeProfileSchema }), output: ok },
  /** The IDVA referral (MARAC and DASH have their own records: contract-agencies.ts). */
  'idva.update': { input: z.object({ caseId: id, version, idva: idvaInputSchema }), output: ok },
  'orders.list': { input: caseIdInput, output: z.array(orderRowSchema) },
  'orders.save': {
    input: editOf(z.object({ caseId: id, orderId: id.optional(), version: version.optional(), order: orderInputSchema }), 'orderId'),
    output: z.object({ orderId: z.number() }),
  },
  'orders.addBreach': { input: z.object({ orderId: id, breach: breachInputSchema }), output: ok },
  'orders.resolve': { input: z.object({ orderId: id, resolution: orderResolutionSchema }), output: ok },
  /** Orders to act on, as Today counts them: expired and not reviewed, and expiring in the team's window. */
  'orders.expiring': {
    input: scopeSchema,
    output: z.object({
      asOf: z.string(),
      windowDays: z.number(),
      expired: z.object({ rows: z.array(expiringOrderSchema), total: z.number() }),
      expiring: z.object({ rows: z.array(expiringOrderSchema), total: z.number() }),
    }),
  },
  'risk.list': { input: caseIdInput, output: riskSectionSchema },
  'risk.log': { input: z.object({ caseId: id, event: riskEventInputSchema }), output: z.object({ riskEventId: z.number() }) },
  /** Her engagement set by hand (her contacts set it by their outcomes); dated, audited. */
  'engagement.set': { input: z.object({ caseId: id, change: engagementInputSchema }), output: ok },
  /** Links by hand: this case's perpetrator is the one named by the other case (audited). */
  'people.link': { input: z.object({ caseId: id, perpetratorVersion: version, link: linkPeopleInputSchema }), output: z.object({ perpetratorId: z.number() }) },
  'liaison.log': { input: z.object({ caseId: id, liaison: liaisonInputSchema }), output: z.object({ liaisonId: z.number() }) },
  'liaison.acknowledge': { input: z.object({ liaisonId: id, version, date: isoDateSchema }), output: ok },
  'liaison.followUp': { input: scopeSchema, output: z.object({ asOf: z.string(), rows: z.array(followUpSchema), total: z.number() }) },
  'children.list': { input: caseIdInput, output: z.array(childRowSchema) },
  'children.save': {
    input: editOf(z.object({ caseId: id, childId: id.optional(), version: version.optional(), child: childInputSchema }), 'childId'),
    output: z.object({ childId: z.number() }),
  },
  ...agencyChannels,
  ...oversightChannels,
  'letters.templates': { input: empty, output: storedLetterTemplatesSchema.extend({ version }) },
  'letters.updateTemplates': { input: letterTemplatesSchema.extend({ version }), output: ok },
  /** The filled letter, and the safe-contact rules it would break (shown before anything is made). */
  'letters.preview': {
    input: z.object({ caseId: id, kind: z.enum(LETTER_KINDS) }),
    output: z.object({
      letter: z.object({
        recipient: z.array(z.string()),
        date: z.string(),
        subject: z.string(),
        greeting: z.string(),
        paragraphs: z.array(z.string()),
        signOff: z.array(z.string()),
      }),
      /** Welsh for a victim whose preferred language is Welsh. */
      language: z.enum(['en', 'cy']),
      /** Fields the letter names with nothing to fill them: making it needs a reason. */
      emptyFields: z.array(z.string()),
      unsafe: z.array(z.string()),
    }),
  },
  /**
   * Written only where the person chooses; refused (UNSAFE_CONTACT) when letters are unsafe, and
   * refused when a field it names is empty, unless a reason is given for each (both audited).
   */
  'letters.generate': {
    input: z.object({
      caseId: id,
      kind: z.enum(LETTER_KINDS),
      format: z.enum(['pdf', 'docx']),
      overrideReason: z.string().trim().max(500).optional(),
      emptyFieldReason: z.string().trim().max(500).optional(),
    }),
    output: z.object({ savedAs: z.string().nullable() }),
  },
  'letters.confirmSent': {
    input: z.object({ caseId: id, kind: z.enum(LETTER_KINDS), date: isoDateSchema, overrideReason: z.string().trim().max(500).optional() }),
    output: z.object({ contactId: z.number() }),
  },
  /** The managers' figures for a period: worker names and numbers only. */
  'reports.summary': { input: reportQuerySchema, output: summarySchema },
  /** XLSX or JSON to a file, or CSV files to a folder, where the person chooses; audited. */
  'reports.export': {
    input: z.object({ query: reportQuerySchema, format: z.enum(['xlsx', 'csv', 'json', 'pdf', 'worker-file']) }),
    output: z.object({ savedAs: z.string().nullable() }),
  },
  /** A worker's summary file added to the manager's merged team view (checked, for one period). */
  /** Each file's signature and signer are checked; the view says who signed each. */
  'reports.addMergeFile': { input: empty, output: mergeViewSchema },
  'reports.clearMerge': { input: empty, output: mergeViewSchema },
  /** Personal details: refused unless the person has accepted the warning; every export is audited. */
  'reports.exportCaseList': {
    input: scopeSchema.extend({ confirmed: z.literal(true, { message: 'Confirm you understand this file holds personal details' }) }),
    output: z.object({ savedAs: z.string().nullable() }),
  },
  /** Everything held about one victim, for a subject access request; audited. */
  'cases.subjectAccess': { input: z.object({ caseId: id, format: z.enum(['json', 'pdf']) }), output: z.object({ savedAs: z.string().nullable() }) },
  'retention.due': {
    input: empty,
    output: z.object({
      years: z.number(),
      cases: z.array(z.object({ caseId: z.number(), caseRef: z.string(), closedDate: z.string(), ownerName: z.string().nullable() })),
    }),
  },
  /** Hard delete of one closed case's personal data, leaving counts; then the file is compacted. */
  'retention.erase': {
    input: z.object({ caseId: id, confirmed: z.literal(true, { message: 'Confirm the case is to be erased for good' }) }),
    output: z.object({ erased: z.string() }),
  },
  'backups.status': {
    input: empty,
    output: z.object({ folder: z.string().nullable(), backups: z.array(z.object({ name: z.string(), takenAt: z.string(), bytes: z.number() })) }),
  },
  'backups.chooseFolder': {
    input: empty,
    output: z.object({ folder: z.string().nullable(), backups: z.array(z.object({ name: z.string(), takenAt: z.string(), bytes: z.number() })) }),
  },
  'backups.now': { input: empty, output: z.object({ name: z.string(), cases: z.number(), removed: z.number() }) },
  'backups.preview': {
    input: z.object({ name: z.string().max(200) }),
    output: z.object({ name: z.string(), readable: z.boolean(), counts: z.record(z.string(), z.number()).nullable() }),
  },
  /** Replaces the database with the backup (the current one kept aside) and locks the app. */
  'backups.restore': {
    input: z.object({ name: z.string().max(200), confirmed: z.literal(true, { message: 'Confirm the database is to be replaced by the backup' }) }),
    output: z.object({ keptAside: z.string() }),
  },
  /** Admins: the audit log, newest first, filtered; its chain checked. */
  'audit.list': {
    input: z.object({
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      account: z.string().trim().max(64).optional(),
      action: z.string().trim().max(60).optional(),
    }),
    output: z.object({
      rows: z.array(
        z.object({
          id: z.number(),
          at: z.string(),
          accountName: z.string(),
          action: z.string(),
          entityType: z.string().nullable(),
          entityId: z.number().nullable(),
          caseId: z.number().nullable(),
          caseRef: z.string().nullable(),
          detail: z.string().nullable(),
        }),
      ),
      chain: z.object({ whole: z.boolean(), brokenAt: z.number().nullable(), reason: z.string().nullable() }),
      /** The chain's head now (`ID:HASH`), for the administrator to keep outside the database. */
      anchor: z.string().nullable(),
    }),
  },
  'audit.export': {
    input: z.object({
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      account: z.string().trim().max(64).optional(),
      action: z.string().trim().max(60).optional(),
    }),
    output: z.object({ savedAs: z.string().nullable() }),
  },
  'cases.timeline': { input: z.object({ caseId: id, kinds: z.array(timelineKindSchema).optional() }), output: z.array(timelineEntrySchema) },

  /** Import: the person picks the workbook in a dialog; the renderer only ever sees its name. */
  'import.chooseSource': { input: empty, output: z.object({ label: z.string().nullable() }) },
  'import.preview': { input: z.object({ update: z.boolean() }), output: importPreviewSchema.extend({ label: z.string() }) },
  'import.run': {
    input: z.object({ update: z.boolean(), confirmedNewWorkers: z.array(z.string().max(64)).max(500).default([]) }),
    output: z.object({ label: z.string(), preview: importPreviewSchema, imported: importSummarySchema.nullable() }),
  },
  'import.saveTemplate': { input: empty, output: z.object({ savedAs: z.string().nullable() }) },
} as const;

export type Channel = keyof typeof contract;
export type InputOf<C extends Channel> = z.input<(typeof contract)[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<(typeof contract)[C]['input']>;
export type OutputOf<C extends Channel> = z.output<(typeof contract)[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

/** Events pushed from the core to the renderer. */
export const progressEventSchema = z.object({
  operation: z.string(),
  done: z.number(),
  total: z.number(),
  label: z.string(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

export const lockedEventSchema = z.object({
  reason: z.enum(['requested', 'idle', 'os-lock', 'suspend', 'rekey', 'signed-out']),
});
export type LockedEvent = z.infer<typeof lockedEventSchema>;

export interface PlwEvents {
  progress: ProgressEvent;
  locked: LockedEvent;
}
export type EventName = keyof PlwEvents;
export const EVENT_NAMES: EventName[] = ['progress', 'locked'];

/** What the preload puts on `window.plw`: one function per channel, plus event subscription. */
export type PlwBridge = {
  [C in Channel]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
} & {
  onEvent<E extends EventName>(event: E, listener: (payload: PlwEvents[E]) => void): () => void;
};

export { IPC_EVENT_CHANNEL, ipcChannelName } from './ipc-names';
