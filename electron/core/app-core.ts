/**
 * The core as the app sees it: one team database, locked or unlocked, and the
 * account that unlocked it. The app runs this in a worker thread; the e2e
 * harness runs it in-process; both reach it only through the handler table.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AppStatus, EventName, LockedEvent, MergeFile, MergeView, PlwEvents, ProgressEvent, Session, Settings, VersionedSettings } from '../../shared/contract';
import { keyringPathFor, readKeyring, updateKeyring } from './crypto/keyring';
import { auditAnchor, brokenAuditEntry, listAudit, recordAudit, type AuditQuery } from './audit';
import { backupDatabase, listBackups, restoreBackup, rotateBackups, verifyBackup } from './backup/backups';
import { dueForReview, eraseCase } from './records/retention';
import { subjectAccessPdf, subjectAccessRecord } from './records/subject-access';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../shared/spreadsheet-safety';
import { PlwError } from './errors';
import { DATABASE_FILE_NAME, LocationStore } from './location-store';
import { generateDemo } from './demo/generate-demo';
import { addAccount, changeOwnPassphrase, changeRole, disableAccount, enableAccount, listAccounts, removeAccount, resetPassphrase } from './team/accounts';
import { createTeamDatabase } from './team/create';
import { requireSafeLocation } from './db/location-check';
import { caseDetailForManager, safetyForManager } from './records/manager-view';
import { settingsVersion, takeSettingsVersion } from './records/edit-versions';
import { closeTeamDatabase, requireAdmin, requireDatabaseLock, type OpenTeamDatabase } from './team/open-team-database';
import { rekeyTeamDatabase, type RekeyInput } from './team/rekey';
import { readSettings, writeSettings } from './team/settings';
import { recoverWithKey } from './team/recover';
import { unlockTeamDatabase } from './team/unlock';
import { londonDate, type IsoDate } from '../../shared/calendar';
import type { CaseloadQuery } from '../../shared/case-views';
import type { TimerRules } from '../../shared/timer-rules';
import { createCase, logChase, reassignCase, recordReferral, updateCase, type ChaseInput, type WriteContext } from './cases/case-store';
import { viewCaseDetail, readSafety } from './cases/case-page';
import { chaseCounts, chaseList, listCaseload, todayList } from './cases/queries';
import { readTimerRules, writeTimerRules } from './cases/timer-settings';
import { recomputeAllTimers } from './cases/timer-store';
import { ensureWorker, listWorkers, workerForAccount } from './cases/workers';
import { importWorkbook } from './import/import-workbook';
import type { SafetyView } from '../../shared/record-views';
import { listChildren, saveChild } from './records/children';
import { amendContact, deleteContact, listContacts, logContactRecord, safeProfileOf, updateDraftContact } from './records/contacts';
import { addBreach, EXPIRING_ORDERS_SHOWN, expiringOrderCount, expiringOrders, listOrders, resolveOrder, saveOrder } from './records/orders';
import { acknowledgeLiaison, LIAISON_SHOWN, listRiskAndLiaison, logLiaison, logRiskEvent, unacknowledgedLiaison, unacknowledgedLiaisonCount } from './records/risk';
import { updateMarac, updateSafeProfile } from './records/safety';
import { caseTimeline, type TimelineKind } from './records/timeline';
import { monthlyCountsByWorker, summarise, workerSummaries, type Summary } from './reports/summary';
import { checkSigner, mergedSummary, mergeSummaryFiles, payloadFor, readSummaryFile, writeSummaryFile, type SummaryFilePayload } from './reports/team-merge';
import { summaryPdf } from './reports/summary-pdf';
import { caseListXlsx } from './reports/case-list';
import { summaryCsvFiles, summaryJson, summaryXlsx } from './reports/export-summary';
import { confirmLetterSent, filledLetter, generateLetter, readLetterTemplates, writeLetterTemplates } from './records/letters';
import type { LetterKind, LetterTemplates } from '../../shared/letters';
import { unsafeContactRules } from '../../shared/safe-contact';
import { writeTemplate } from './import/template';

export interface CoreEnvironment {
  configDir: string;
  emit<E extends EventName>(event: E, payload: PlwEvents[E]): void;
  /**
   * Asks the person for a place: a native dialog in the app, a fixed path in tests. Null when
   * cancelled. The path stays in the core; the renderer only ever sees a label.
   */
  choose(kind: ChoiceKind, suggestedName?: string): Promise<string | null>;
  now?: () => Date;
}

/** Enough to explore every screen, small enough to make in a moment. */
const DEMO_CASES = 600;
/**
 * The chase list screen shows this many referrals a page, most overdue first, with the exact
 * counts over all of them. A page, not the whole list: a national team's thousands of overdue
 * referrals are no use on one screen, and a page costs the same at any size (the caseload's 50).
 */
export const CHASE_LIST_PAGE_ROWS = 50;

export type ChoiceKind = 'database-folder' | 'import-source' | 'template-file' | 'letter-file' | 'report-file' | 'report-folder' | 'summary-file' | 'backup-folder';

export class AppCore {
  private importSource: string | null = null;
  /** The case whose opening was last recorded in the audit log (see recordView). */
  private viewedCase: number | null = null;
  private open: OpenTeamDatabase | null = null;
  private readonly location: LocationStore;
  private readonly now: () => Date;

  constructor(private readonly env: CoreEnvironment) {
    this.location = new LocationStore(env.configDir);
    this.now = env.now ?? (() => new Date());
  }

  private get databasePath(): string {
    return this.location.databasePath();
  }

  status(): AppStatus {
    if (this.open) {
      const settings = this.settings();
      const keyring = readKeyring(keyringPathFor(this.open.databasePath));
      return { state: 'unlocked', teamName: settings.teamName, demo: keyring.demo, session: this.session(), settings };
    }
    const keyringPath = keyringPathFor(this.databasePath);
    if (!existsSync(keyringPath)) return { state: 'no-database', locationLabel: dirname(this.databasePath) };
    const keyring = readKeyring(keyringPath);
    return { state: 'locked', teamName: keyring.teamName, demo: keyring.demo };
  }

  async chooseLocation(): Promise<{ locationLabel: string; chosen: boolean }> {
    if (this.open) throw new PlwError('NOT_ALLOWED', 'Lock the app before choosing another database.');
    const directory = await this.env.choose('database-folder');
    // Said when the folder is chosen, not after the person has typed a team name and passphrase.
    if (directory) requireSafeLocation(join(directory, DATABASE_FILE_NAME));
    if (directory) this.location.useDirectory(directory);
    return { locationLabel: dirname(this.databasePath), chosen: directory !== null };
  }

  async create(input: { teamName: string; accountName: string; passphrase: string }): Promise<{ recoveryKey: string; session: Session }> {
    if (this.open) throw new PlwError('NOT_ALLOWED', 'Lock the app before creating another database.');
    const { open, recoveryKey } = await createTeamDatabase({
      databasePath: this.databasePath,
      ...input,
      now: this.now,
      progress: (event) => this.env.emit('progress', event),
    });
    this.open = open;
    return { recoveryKey, session: this.session() };
  }

  /**
   * "Explore with demo data": a new database in its own folder beside the app's config,
   * marked DEMO, with a few hundred made-up cases. The real database's place is untouched
   * apart from the app now opening the demo; "Use a different database" goes back.
   */
  async createDemo(input: { accountName: string; passphrase: string }): Promise<{ recoveryKey: string; session: Session }> {
    if (this.open) throw new PlwError('NOT_ALLOWED', 'Lock the app before creating another database.');
    const folder = join(this.env.configDir, 'demo-database');
    const databasePath = join(folder, DATABASE_FILE_NAME);
    if (existsSync(databasePath)) rmSync(folder, { recursive: true, force: true });
    const { open, recoveryKey } = await createTeamDatabase({
      databasePath,
      teamName: 'Demo team',
      ...input,
      demo: true,
      now: this.now,
      progress: (event) => this.env.emit('progress', event),
    });
    try {
      generateDemo(open.db, { cases: DEMO_CASES, seed: 1, actor: input.accountName, rules: readTimerRules(open.db), now: this.now(), progress: (event) => this.env.emit('progress', event) });
      // The demo's own account is also a worker, so "My cases" has something to show.
      open.db.prepare('UPDATE cases SET owner_worker_id = ? WHERE id % 5 = 0').run(ensureWorker(open.db, input.accountName, this.now()));
      open.db.prepare('UPDATE timers SET owner_worker_id = (SELECT owner_worker_id FROM cases WHERE cases.id = timers.case_id)').run();
      open.db.prepare('UPDATE cases SET owner_name = (SELECT name FROM workers WHERE workers.id = cases.owner_worker_id)').run();
    } catch (error) {
      closeTeamDatabase(open);
      throw error;
    }
    this.location.useDirectory(folder);
    this.open = open;
    return { recoveryKey, session: this.session() };
  }

  async unlock(input: { accountName: string; passphrase: string; newPassphrase?: string }): Promise<{ session: Session }> {
    if (this.open) this.lock('requested');
    this.open = await unlockTeamDatabase({ databasePath: this.databasePath, ...input, now: this.now });
    this.dailyBackup();
    return { session: this.session() };
  }

  async recover(input: { recoveryKey: string; accountName: string; newPassphrase: string }): Promise<{ session: Session }> {
    if (this.open) this.lock('requested');
    this.open = await recoverWithKey({ databasePath: this.databasePath, ...input, now: this.now });
    return { session: this.session() };
  }

  /** Drops the key and closes the database. Safe to call when already locked. */
  lock(reason: LockedEvent['reason']): void {
    const open = this.open;
    this.open = null;
    this.merged = null;
    this.importSource = null;
    this.viewedCase = null;
    if (open) {
      try {
        recordAudit(open.db, open.account.accountName, { action: 'session.locked', detail: { reason } }, this.now());
      } finally {
        closeTeamDatabase(open);
      }
    }
    this.env.emit('locked', { reason });
  }

  isUnlocked(): boolean {
    return this.open !== null;
  }

  settings(): VersionedSettings {
    const { db } = this.unlocked();
    return { ...readSettings(db), version: settingsVersion(db, 'settings') };
  }

  async updateSettings({ version, ...changes }: Partial<Settings> & { version: number }): Promise<VersionedSettings> {
    const open = this.unlocked();
    // Team settings, auto-lock included, are the admin's: a PLW cannot weaken the team's lock.
    requireAdmin(open);
    open.db.transaction(() => {
      takeSettingsVersion(open.db, 'settings', version, open.account.accountName, this.now());
      const changed = writeSettings(open.db, changes);
      recordAudit(open.db, open.account.accountName, { action: 'settings.updated', detail: { fields: changed } }, this.now());
    })();
    if (changes.teamName !== undefined) {
      // The keyring carries the team name so the unlock screen can show it.
      const teamName = changes.teamName;
      await updateKeyring(open.databasePath, (keyring) => ({ ...keyring, teamName }));
    }
    return this.settings();
  }

  accounts() {
    return listAccounts(this.unlocked());
  }

  addAccount(input: Parameters<typeof addAccount>[1]) {
    return addAccount(this.unlocked(), input);
  }

  resetPassphrase(input: Parameters<typeof resetPassphrase>[1]) {
    return resetPassphrase(this.unlocked(), input, this.rekeyProgress);
  }

  disableAccount(input: Parameters<typeof disableAccount>[1]) {
    return disableAccount(this.unlocked(), input, this.rekeyProgress);
  }

  removeAccount(input: Parameters<typeof removeAccount>[1]) {
    return removeAccount(this.unlocked(), input, this.rekeyProgress);
  }

  enableAccount(input: Parameters<typeof enableAccount>[1]) {
    return enableAccount(this.unlocked(), input);
  }

  changeRole(input: Parameters<typeof changeRole>[1]) {
    return changeRole(this.unlocked(), input);
  }

  private readonly rekeyProgress = (event: ProgressEvent) => this.env.emit('progress', event);

  changeOwnPassphrase(input: Parameters<typeof changeOwnPassphrase>[1]) {
    return changeOwnPassphrase(this.unlocked(), input);
  }

  rekey(input: RekeyInput) {
    return rekeyTeamDatabase(this.unlocked(), input, this.rekeyProgress);
  }

  // ---- cases -------------------------------------------------------------

  /** Today's date in London: the as-of date of every timer unless a caller names another. */
  today(): IsoDate {
    return londonDate(this.now());
  }

  private writeContext(): WriteContext {
    const open = this.unlocked();
    return { db: open.db, actor: open.account.accountName, now: this.now(), rules: readTimerRules(open.db) };
  }

  private requireCaseWriter(): void {
    // Managers see figures; they do not edit cases.
    if (this.unlocked().account.role === 'manager') throw new PlwError('NOT_ALLOWED', 'Managers can view cases but not change them.');
  }

  private scopeWorker(scope: { scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }): number | null {
    const open = this.unlocked();
    if (scope.scope === 'team') return null;
    if (scope.scope === 'worker' && scope.workerId !== undefined) return scope.workerId;
    return workerForAccount(open.db, open.account.accountName) ?? -1;
  }

  workers() {
    return listWorkers(this.unlocked().db);
  }

  caseload(query: Omit<CaseloadQuery, 'asOf'>) {
    const open = this.unlocked();
    const asOf = this.today();
    const result = listCaseload(open.db, { ...query, asOf }, workerForAccount(open.db, open.account.accountName));
    return { asOf, ...result, page: query.page, pageSize: query.pageSize };
  }

  caseDetail(caseId: number) {
    const open = this.unlocked();
    const detail = viewCaseDetail(open.db, caseId, { accountName: open.account.accountName, asOf: this.today(), now: this.now() }, { audit: this.viewedCase !== caseId });
    this.viewedCase = caseId;
    return open.account.role === 'manager' ? caseDetailForManager(detail) : detail;
  }

  /**
   * Every view of a victim's record is attributed, once per opening of the case: the case
   * page's panels are part of the opening that cases.get recorded, and a panel read on its
   * own (for another case) is an opening of its own.
   */
  private recordView(caseId: number, via: string): void {
    if (this.viewedCase === caseId) return;
    const open = this.unlocked();
    recordAudit(open.db, open.account.accountName, { action: 'case.viewed', entityType: 'case', entityId: caseId, caseId, detail: { via } }, this.now());
    this.viewedCase = caseId;
  }

  // ---- records after the referral ------------------------------------------

  /** Managers see that a sensitive contact exists, not what it says. */
  private hidesSensitive(): boolean {
    return this.unlocked().account.role === 'manager';
  }

  contacts(caseId: number) {
    const open = this.unlocked();
    this.recordView(caseId, 'contacts');
    return listContacts(open.db, caseId, { includeDeleted: open.account.role === 'admin', hideSensitiveNotes: this.hidesSensitive() });
  }

  logContact(caseId: number, contact: unknown): { contactId: number } {
    this.requireCaseWriter();
    return { contactId: logContactRecord(this.writeContext(), caseId, contact) };
  }

  updateDraftContact(contactId: number, contact: unknown, version: number): void {
    this.requireCaseWriter();
    updateDraftContact(this.writeContext(), contactId, contact, version);
  }

  amendContact(contactId: number, text: string): void {
    this.requireCaseWriter();
    amendContact(this.writeContext(), contactId, text);
  }

  deleteContact(contactId: number, reason: string): void {
    this.requireCaseWriter();
    deleteContact({ ...this.writeContext(), role: this.unlocked().account.role }, contactId, reason);
  }

  safety(caseId: number): SafetyView {
    const open = this.unlocked();
    const view = readSafety(open.db, caseId);
    this.recordView(caseId, 'safety');
    return open.account.role === 'manager' ? safetyForManager(view) : view;
  }

  updateSafety(caseId: number, profile: unknown, version: number): void {
    this.requireCaseWriter();
    updateSafeProfile(this.writeContext(), caseId, profile, version);
  }

  updateMarac(caseId: number, marac: unknown, version: number): void {
    this.requireCaseWriter();
    updateMarac(this.writeContext(), caseId, marac, version);
  }

  orders(caseId: number) {
    this.recordView(caseId, 'orders');
    return listOrders(this.unlocked().db, caseId);
  }

  saveOrder(caseId: number, orderId: number | null, order: unknown, version: number | null): { orderId: number } {
    this.requireCaseWriter();
    return { orderId: saveOrder(this.writeContext(), caseId, orderId, order, version) };
  }

  addBreach(orderId: number, breach: unknown): void {
    this.requireCaseWriter();
    addBreach(this.writeContext(), orderId, breach);
  }

  resolveOrder(orderId: number, resolution: unknown): void {
    this.requireCaseWriter();
    resolveOrder(this.writeContext(), orderId, resolution);
  }

  expiringOrders(scope: { scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }, days: number) {
    const asOf = this.today();
    const workerId = this.scopeWorker(scope);
    const rows = expiringOrders(this.unlocked().db, asOf, days, workerId);
    return { asOf, rows, total: rows.length < EXPIRING_ORDERS_SHOWN ? rows.length : expiringOrderCount(this.unlocked().db, asOf, days, workerId) };
  }

  risk(caseId: number) {
    this.recordView(caseId, 'risk');
    return listRiskAndLiaison(this.unlocked().db, caseId);
  }

  logRisk(caseId: number, event: unknown): { riskEventId: number } {
    this.requireCaseWriter();
    return { riskEventId: logRiskEvent(this.writeContext(), caseId, event) };
  }

  logLiaison(caseId: number, liaison: unknown): { liaisonId: number } {
    this.requireCaseWriter();
    return { liaisonId: logLiaison(this.writeContext(), caseId, liaison) };
  }

  acknowledgeLiaison(liaisonId: number, date: IsoDate, version: number): void {
    this.requireCaseWriter();
    acknowledgeLiaison(this.writeContext(), liaisonId, date, version);
  }

  liaisonFollowUp(scope: { scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }) {
    const asOf = this.today();
    const workerId = this.scopeWorker(scope);
    const rows = unacknowledgedLiaison(this.unlocked().db, asOf, workerId);
    return { asOf, rows, total: rows.length < LIAISON_SHOWN ? rows.length : unacknowledgedLiaisonCount(this.unlocked().db, asOf, workerId) };
  }

  children(caseId: number) {
    this.recordView(caseId, 'children');
    return listChildren(this.unlocked().db, caseId);
  }

  saveChild(caseId: number, childId: number | null, child: unknown, version: number | null): { childId: number } {
    this.requireCaseWriter();
    return { childId: saveChild(this.writeContext(), caseId, childId, child, version) };
  }

  letterTemplates(): LetterTemplates & { version: number } {
    const { db } = this.unlocked();
    return { ...readLetterTemplates(db), version: settingsVersion(db, 'letter-templates') };
  }

  updateLetterTemplates({ version, ...templates }: LetterTemplates & { version: number }): void {
    const open = this.unlocked();
    requireAdmin(open);
    open.db.transaction(() => {
      takeSettingsVersion(open.db, 'letter-templates', version, open.account.accountName, this.now());
      writeLetterTemplates(this.writeContext(), templates);
    })();
  }

  /** Letters are a worker's to send: a preview carries the safe address, so managers have none. */
  previewLetter(caseId: number, kind: LetterKind) {
    this.requireCaseWriter();
    this.recordView(caseId, 'letters');
    const ctx = this.writeContext();
    const { letter } = filledLetter(ctx, caseId, kind);
    return { letter, unsafe: unsafeContactRules(safeProfileOf(ctx.db, caseId), { method: 'letter' }).map((r) => r.message) };
  }

  generateLetter(caseId: number, kind: LetterKind, format: 'pdf' | 'docx', overrideReason: string | null) {
    this.requireCaseWriter();
    return generateLetter(this.writeContext(), caseId, kind, format, overrideReason, (name) => this.env.choose('letter-file', name));
  }

  confirmLetterSent(caseId: number, kind: LetterKind, date: IsoDate, overrideReason: string | null): { contactId: number } {
    this.requireCaseWriter();
    return { contactId: confirmLetterSent(this.writeContext(), caseId, kind, date, overrideReason) };
  }

  private reportScope(query: { from: IsoDate; to: IsoDate; scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }) {
    const open = this.unlocked();
    const workerId = this.scopeWorker(query);
    const label = workerId === null ? 'Team' : ((open.db.prepare('SELECT name FROM workers WHERE id = ?').get(workerId) as { name: string } | undefined)?.name ?? 'No cases');
    return { from: query.from, to: query.to, workerId, scopeLabel: label };
  }

  reportSummary(query: { from: IsoDate; to: IsoDate; scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }) {
    return summarise(this.unlocked().db, this.reportScope(query));
  }

  async exportReport(
    query: { from: IsoDate; to: IsoDate; scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined },
    format: 'xlsx' | 'csv' | 'json' | 'pdf' | 'worker-file',
  ): Promise<{ savedAs: string | null }> {
    const open = this.unlocked();
    const scope = this.reportScope(query);
    // The merged team view, when one is open, is what the manager is looking at and exports.
    const summary = this.merged && scope.workerId === null ? mergedSummary(mergeSummaryFiles([...this.merged.values()].map((f) => f.payload))) : summarise(open.db, scope);
    const meta = { generatedAt: this.now().toISOString(), generatedBy: open.account.accountName, team: readSettings(open.db).teamName };
    const base = `summary-${scope.scopeLabel.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${scope.from}-to-${scope.to}`;
    const extension = format === 'worker-file' ? 'plwsummary.json' : format;
    const path = await this.env.choose(format === 'csv' ? 'report-folder' : 'report-file', format === 'csv' ? base : `${base}.${extension}`);
    if (!path) return { savedAs: null };
    if (format === 'csv') {
      mkdirSync(path, { recursive: true });
      for (const [name, text] of Object.entries(summaryCsvFiles(summary))) writeFileSync(join(path, name), text);
    } else if (format === 'worker-file') {
      const payload = payloadFor({ from: scope.from, to: scope.to }, workerSummaries(open.db, scope), monthlyCountsByWorker(open.db, scope.to, scope.workerId), meta.generatedAt);
      if (!open.signingKey) throw new PlwError('NOT_ALLOWED', 'Your account has no signing key yet. Lock the app and unlock it again, then export.');
      writeFileSync(path, writeSummaryFile(payload, { accountName: open.account.accountName, databaseId: open.databaseId, signingKey: open.signingKey }));
    } else {
      const content = format === 'xlsx' ? await summaryXlsx(summary, meta) : format === 'pdf' ? await summaryPdf(summary, meta) : `${JSON.stringify(summaryJson(summary, meta), null, 2)}\n`;
      writeFileSync(path, content);
    }
    recordAudit(open.db, open.account.accountName, { action: 'summary.exported', detail: { from: scope.from, to: scope.to, format, worker: scope.workerId } }, this.now());
    return { savedAs: basename(path) };
  }

  /** Summary files added for a merged team view, by file name (a later file for the same worker replaces). */
  private merged: Map<string, { payload: SummaryFilePayload; signer: MergeFile }> | null = null;

  async addMergeFile(): Promise<MergeView> {
    const open = this.unlocked();
    const path = await this.env.choose('summary-file');
    if (path) {
      const name = basename(path);
      const file = readSummaryFile(readFileSync(path, 'utf8'), name);
      // Signed by an account of this team, with its own key: a forged file never reaches the figures.
      const signer = checkSigner(open.db, open.databaseId, file, name);
      const next = new Map(this.merged ?? []);
      next.set(name, { payload: file.payload, signer: { name, ...signer } });
      mergeSummaryFiles([...next.values()].map((f) => f.payload)); // refuses files for another period before they are kept
      this.merged = next;
      recordAudit(open.db, open.account.accountName, { action: 'summary-file.merged', detail: { signedBy: signer.signedBy } }, this.now());
    }
    return this.mergeView();
  }

  clearMerge(): MergeView {
    this.merged = null;
    return this.mergeView();
  }

  private mergeView(): MergeView {
    if (!this.merged?.size) return { files: [], summary: null };
    const files = [...this.merged.values()];
    return { files: files.map((f) => f.signer), summary: mergedSummary(mergeSummaryFiles(files.map((f) => f.payload))) };
  }

  /**
   * The PLW's open cases with personal details: only after the warning is accepted, and audited.
   * A worker's own cases; the team's, or another worker's, for administrators only.
   */
  async exportCaseList(query: { scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }): Promise<{ savedAs: string | null }> {
    const open = this.unlocked();
    this.requireCaseWriter();
    if (open.account.role !== 'admin' && query.scope !== 'mine') {
      throw new PlwError('NOT_ALLOWED', 'You can export the case list of your own cases. Choose My cases under Show; the team’s list is for administrators only.');
    }
    const workerId = this.scopeWorker(query);
    const path = await this.env.choose('report-file', `case-list-personal-${this.today()}.xlsx`);
    if (!path) return { savedAs: null };
    const { buffer, rows } = await caseListXlsx(open.db, workerId);
    writeFileSync(path, buffer, { mode: 0o600 });
    recordAudit(open.db, open.account.accountName, { action: 'case-list.exported', detail: { cases: rows, worker: workerId, file: basename(path) } }, this.now());
    return { savedAs: basename(path) };
  }

  /** A victim's whole record for a subject access request: JSON or PDF, where the person chooses; audited. */
  async subjectAccess(caseId: number, format: 'json' | 'pdf'): Promise<{ savedAs: string | null }> {
    const open = this.unlocked();
    this.requireCaseWriter();
    const record = subjectAccessRecord(open.db, caseId, this.today(), open.account.accountName);
    const path = await this.env.choose('report-file', `subject-access-${record.case.caseRef}.${format}`);
    if (!path) return { savedAs: null };
    writeFileSync(path, format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : await subjectAccessPdf(record), { mode: 0o600 });
    recordAudit(open.db, open.account.accountName, { action: 'subject-access.exported', entityType: 'case', entityId: caseId, caseId, detail: { format } }, this.now());
    return { savedAs: basename(path) };
  }

  // ---- retention --------------------------------------------------------------

  retentionDue() {
    const open = this.unlocked();
    const years = readSettings(open.db).retentionYears;
    return { years, cases: dueForReview(open.db, this.today(), years) };
  }

  eraseCase(caseId: number) {
    requireAdmin(this.unlocked());
    return eraseCase(this.writeContext(), caseId);
  }

  // ---- backups ----------------------------------------------------------------

  private backupFolder(): string | null {
    const row = this.unlocked().db.prepare("SELECT value FROM settings WHERE key = 'backupFolder'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string) : null;
  }

  /** The first unlock of a day makes that day's backup; a failure never stops the unlock. */
  private dailyBackup(): void {
    try {
      const folder = this.backupFolder();
      if (!folder) return;
      const today = this.today();
      if (listBackups(folder).some((b) => londonDate(b.takenAt) === today)) return;
      this.backupNow();
    } catch {
      // Shown on Settings → Backups as "last backup"; the person can back up by hand.
    }
  }

  backupStatus() {
    const folder = this.backupFolder();
    const backups = folder ? listBackups(folder) : [];
    return { folder, backups: backups.slice(0, 30).map((b) => ({ name: basename(b.file), takenAt: b.takenAt.toISOString(), bytes: statSync(b.file).size })) };
  }

  async chooseBackupFolder() {
    const open = this.unlocked();
    requireAdmin(open);
    const folder = await this.env.choose('backup-folder');
    if (folder) {
      open.db.prepare("INSERT INTO settings (key, value) VALUES ('backupFolder', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(folder));
      recordAudit(open.db, open.account.accountName, { action: 'backup.folder-set' }, this.now());
    }
    return this.backupStatus();
  }

  backupNow(): { name: string; cases: number; removed: number } {
    const open = this.unlocked();
    const folder = this.backupFolder();
    if (!folder) throw new PlwError('VALIDATION', 'Choose a backup folder first.');
    const made = backupDatabase(open.db, open.databasePath, open.dataKey, folder, this.now());
    const removed = rotateBackups(folder);
    recordAudit(open.db, open.account.accountName, { action: 'backup.made', detail: { file: basename(made.file), removed: removed.length } }, this.now());
    return { name: basename(made.file), cases: made.counts.cases ?? 0, removed: removed.length };
  }

  private backupFile(name: string): string {
    const folder = this.backupFolder();
    const file = folder ? listBackups(folder).find((b) => basename(b.file) === name)?.file : undefined;
    if (!file) throw new PlwError('NOT_FOUND', 'That backup is no longer in the backup folder.');
    return file;
  }

  /** What a backup holds, read with the current key (a backup from before a rekey needs the CLI). */
  previewBackup(name: string) {
    const open = this.unlocked();
    requireAdmin(open);
    const file = this.backupFile(name);
    const check = verifyBackup(file, open.dataKey);
    return { name, readable: check.ok, counts: check.ok ? check.counts : null };
  }

  /** Replaces the database with a backup: the current one is kept aside, and the app locks. */
  restoreBackup(name: string): { keptAside: string } {
    const open = this.unlocked();
    requireAdmin(open);
    requireDatabaseLock(open);
    const file = this.backupFile(name);
    if (!verifyBackup(file, open.dataKey).ok) {
      throw new PlwError('DATABASE_DAMAGED', 'That backup cannot be read with the current key (it may be from before a rekey). Use plw restore with the passphrase of that time.');
    }
    recordAudit(open.db, open.account.accountName, { action: 'backup.restored', detail: { backup: name } }, this.now());
    recordAudit(open.db, open.account.accountName, { action: 'session.locked', detail: { reason: 'requested' } }, this.now());
    open.lock.setPurpose('restore');
    let keptAside: string;
    try {
      // The swap closes the connection itself, after folding its log into the file.
      ({ keptAside } = restoreBackup({ databasePath: open.databasePath, live: open.db, actor: open.account.accountName }, file, open.dataKey, this.now()));
    } catch (error) {
      // Not committed: the current database is as it was, so the app stays locked on it.
      this.open = null;
      closeTeamDatabase(open);
      this.env.emit('locked', { reason: 'requested' });
      throw error;
    }
    this.open = null;
    this.merged = null;
    this.importSource = null;
    closeTeamDatabase(open);
    this.env.emit('locked', { reason: 'requested' });
    return { keptAside: basename(keptAside) };
  }

  auditLog(query: Omit<AuditQuery, 'limit'>) {
    const open = this.unlocked();
    requireAdmin(open);
    const broken = brokenAuditEntry(open.db);
    return {
      rows: listAudit(open.db, { ...query, limit: 500 }),
      chain: { whole: broken === null, brokenAt: broken?.id ?? null, reason: broken?.reason ?? null },
      anchor: auditAnchor(open.db),
    };
  }

  async exportAudit(query: Omit<AuditQuery, 'limit'>): Promise<{ savedAs: string | null }> {
    const open = this.unlocked();
    requireAdmin(open);
    const path = await this.env.choose('report-file', `audit-log-${this.today()}.csv`);
    if (!path) return { savedAs: null };
    const rows = listAudit(open.db, { ...query, limit: 1_000_000 });
    writeFileSync(path, stringify([['id', 'at', 'account', 'action', 'entity', 'entity id', 'case id', 'detail'], ...rows.map((r) => [r.id, r.at, r.accountName, r.action, r.entityType ?? '', r.entityId ?? '', r.caseId ?? '', r.detail ?? ''].map(neutraliseFormula))]));
    recordAudit(open.db, open.account.accountName, { action: 'audit.exported', detail: { rows: rows.length } }, this.now());
    return { savedAs: basename(path) };
  }

  timeline(caseId: number, kinds?: TimelineKind[]) {
    this.recordView(caseId, 'timeline');
    return caseTimeline(this.unlocked().db, caseId, { ...(kinds ? { kinds } : {}), hideSensitiveNotes: this.hidesSensitive() });
  }

  createCase(input: unknown, programmeReason?: string) {
    this.requireCaseWriter();
    return createCase(this.writeContext(), input, programmeReason ? { programmeReason } : {});
  }

  updateCase(caseId: number, input: unknown, version: number, programmeReason?: string): void {
    this.requireCaseWriter();
    updateCase(this.writeContext(), caseId, input, { version, ...(programmeReason ? { programmeReason } : {}) });
  }

  recordReferral(caseId: number, receivedDate: IsoDate, source: string | null): void {
    this.requireCaseWriter();
    recordReferral(this.writeContext(), caseId, { receivedDate, source });
  }

  reassign(caseId: number, ownerName: string): void {
    this.requireCaseWriter();
    reassignCase(this.writeContext(), caseId, ownerName);
  }

  logChase(caseId: number, chase: ChaseInput): void {
    this.requireCaseWriter();
    logChase(this.writeContext(), caseId, chase);
  }

  todayList(scope: { scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }, asOf?: IsoDate) {
    return todayList(this.unlocked().db, asOf ?? this.today(), this.scopeWorker(scope));
  }

  /**
   * One page of overdue referrals, most overdue first (`rows` a page, never more than a screen
   * uses), and exact counts over all of them. A page past the end (chases resolved the last
   * page's referrals since it was drawn) gives the last page, and says which it is.
   */
  chaseList(scope: { scope: 'mine' | 'team' | 'worker'; workerId?: number | undefined }, asOf?: IsoDate, page = 1, rows = CHASE_LIST_PAGE_ROWS) {
    const open = this.unlocked();
    const day = asOf ?? this.today();
    const rules = readTimerRules(open.db);
    const workerId = this.scopeWorker(scope);
    const counts = chaseCounts(open.db, day, rules, workerId);
    const pageSize = Math.min(rows, CHASE_LIST_PAGE_ROWS);
    const pages = pageSize === 0 ? 1 : Math.max(1, Math.ceil(counts.overdue / pageSize));
    const shown = Math.min(Math.max(1, page), pages);
    return { asOf: day, page: shown, pages, pageSize, rows: chaseList(open.db, day, rules, workerId, pageSize, (shown - 1) * pageSize), ...counts };
  }

  timerRules(): TimerRules & { version: number } {
    const { db } = this.unlocked();
    return { ...readTimerRules(db), version: settingsVersion(db, 'timer-rules') };
  }

  updateTimerRules({ version, ...rules }: TimerRules & { version: number }): { rules: TimerRules & { version: number }; recomputed: number } {
    const open = this.unlocked();
    requireAdmin(open);
    let recomputed = 0;
    open.db.transaction(() => {
      takeSettingsVersion(open.db, 'timer-rules', version, open.account.accountName, this.now());
      writeTimerRules(open.db, rules);
      recomputed = recomputeAllTimers(open.db, rules, (event) => this.env.emit('progress', event));
      recordAudit(open.db, open.account.accountName, { action: 'timers.rules-updated', detail: { cases: recomputed } }, this.now());
    })();
    return { rules: this.timerRules(), recomputed };
  }

  // ---- import --------------------------------------------------------------

  async chooseImportSource(): Promise<{ label: string | null }> {
    this.unlocked();
    const chosen = await this.env.choose('import-source');
    if (chosen) this.importSource = chosen;
    return { label: this.importSource ? basename(this.importSource) : null };
  }

  private importOptions(update: boolean, dryRun: boolean) {
    const open = this.unlocked();
    requireAdmin(open);
    if (!this.importSource) throw new PlwError('VALIDATION', 'Choose a workbook or a folder of CSV files first.', 'source');
    return { source: this.importSource, db: open.db, options: { update, dryRun, actor: open.account.accountName, now: this.now(), rules: readTimerRules(open.db), progress: (event: ProgressEvent) => this.env.emit('progress', event) } };
  }

  async previewImport(update: boolean) {
    const { db, source, options } = this.importOptions(update, true);
    return { label: basename(source), ...(await importWorkbook(db, source, options)).preview };
  }

  async runImport(update: boolean) {
    const { db, source, options } = this.importOptions(update, false);
    const result = await importWorkbook(db, source, options);
    return { label: basename(source), preview: result.preview, imported: result.summary };
  }

  async saveTemplate(): Promise<{ savedAs: string | null }> {
    this.unlocked();
    const path = await this.env.choose('template-file');
    if (!path) return { savedAs: null };
    await writeTemplate(path);
    return { savedAs: basename(path) };
  }

  private session(): Session {
    const open = this.unlocked();
    return { accountName: open.account.accountName, role: open.account.role };
  }

  private unlocked(): OpenTeamDatabase {
    if (!this.open) throw new PlwError('LOCKED', 'The app is locked. Unlock it to carry on.');
    return this.open;
  }
}
