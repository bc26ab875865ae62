import { useEffect, useState, type FormEvent } from 'react';
import { mayCall } from '../../shared/permissions';
import {
  CUSTODY_STATUSES,
  ENGAGEMENT_STATUSES,
  FLAGS,
  PROGRAMME_OUTCOMES,
  PROGRAMME_STATUSES,
  REQUIREMENTS,
  RISK_LEVELS,
  SAFEGUARDING_STATUSES,
  SENTENCE_TYPES,
  STAGES,
  type RiskLevel,
} from '../../shared/reference-data';
import { TIMER_LABELS } from '../../shared/timer-rules';
import { formatDateLong, formatDateShort } from '../../shared/uk-dates';
import { asClientError, call } from '../api/client';
import { clientCache } from '../api/cache';
import { DateInput } from '../components/DateInput';
import { ErrorSummary } from '../components/ErrorSummary';
import { LogChaseForm } from '../components/LogChaseForm';
import { StatusTag } from '../components/StatusTag';
import { TextField } from '../components/TextField';
import { useFormErrors } from '../hooks/useFormErrors';
import { SummaryRow } from '../components/SummaryRow';
import { useQuery } from '../hooks/useQuery';
import { caseHref, focusPending, navigateAndFocus, requestFocus, withQuery } from '../routes';
import { ChildrenSection } from './case/ChildrenSection';
import { ENGAGEMENT_TAG, EngagementPanel } from './case/EngagementPanel';
import { LinkedCasesPanel } from './case/LinkedCasesPanel';
import { PersonSummary } from './case/PersonSummary';
import { ContactsSection } from './case/ContactsSection';
import { OrdersSection } from './case/OrdersSection';
import { RiskSection } from './case/RiskSection';
import { SafetySection } from './case/SafetySection';
import { SafetyPlanSection } from './case/SafetyPlanSection';
import { AgenciesSection } from './case/AgenciesSection';
import { AuditsSection } from './case/AuditsSection';
import type { Settings } from '../../shared/contract';
import { TimelineSection } from './case/TimelineSection';
import { LettersSection } from './case/LettersSection';
import { TableHead } from '../components/TableHead';
import { useSession } from '../session-context';
import { WarningText } from '../components/WarningText';

const RISK_TAG: Record<RiskLevel, string> = { low: 'govuk-tag--green', medium: 'govuk-tag--yellow', high: 'govuk-tag--orange', very_high: 'govuk-tag--red' };
const date = (value: string | null) => (value ? formatDateLong(value) : 'Not recorded');

const SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'safety', label: 'Safety' },
  { id: 'plan', label: 'Safety plan' },
  { id: 'orders', label: 'Orders' },
  { id: 'children', label: 'Children' },
  { id: 'risk', label: 'Risk and liaison' },
  { id: 'agencies', label: 'Agencies' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'letters', label: 'Letters' },
  { id: 'audits', label: 'Audits' },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

/** Where focus goes for each form a link can open: its first field, ready to type. */
const ACT_TARGETS: Record<string, string> = {
  log: 'contact-date-day',
  chase: 'chase-date-day',
  liaison: 'liaison-date-day',
  engagement: 'engagement-status',
  checks: 'agency-checks',
  marac: 'marac-heading',
  review: 'plan-review-date-day',
};

/** One victim's case: who, every timer with its status, and every record, one section at a time. */
export function CasePage({
  caseId,
  section,
  act,
  settings,
}: {
  caseId: number;
  section: string | undefined;
  /** A form a link opened (`?act=log`, from Today): it is opened, and focus goes into it. */
  act: string | null;
  settings: Settings;
}) {
  const session = useSession();
  const detail = useQuery('cases.get', { caseId });
  const canWrite = mayCall(session.role, 'cases.update');
  const current: SectionId = SECTIONS.find((s) => s.id === section)?.id ?? 'overview';
  useCaseShortcuts(caseId, canWrite);
  useEffect(() => {
    const target = act ? ACT_TARGETS[act] : undefined;
    if (target) requestFocus(target);
  }, [act]);
  // Sections render after the case loads, so a focus asked for by a shortcut is met here too.
  useEffect(() => {
    focusPending();
  });
  if (detail.error) return <p className="govuk-error-message">{detail.error.message}</p>;
  if (!detail.data) return <p className="govuk-body">Loading…</p>;
  const c = detail.data;
  const f = c.fields;
  const reload = () => void detail.reload();
  const summary = c.summary;

  return (
    <>
      <div className="app-identity-bar" data-testid="identity-bar">
        <h1 className="govuk-heading-l app-identity-bar__name">{f.victimName}</h1>
        <p className="govuk-body app-identity-bar__facts">
          Case <strong>{c.caseRef}</strong> · Perpetrator <strong>{f.perpetratorName}</strong>
          {f.crn ? (
            <>
              {' '}
              · CRN <strong>{f.crn}</strong>
            </>
          ) : null}{' '}
          · Worker <strong>{c.ownerName ?? 'Unallocated'}</strong> · {STAGES.labels[c.stage]}
        </p>
        <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <strong className={`govuk-tag ${ENGAGEMENT_TAG[c.engagement.status]}`} data-testid="engagement-tag">
            {ENGAGEMENT_STATUSES.labels[c.engagement.status]}
          </strong>
          {f.custodyStatus === 'in_custody' ? (
            <strong className="govuk-tag govuk-tag--purple">
              {CUSTODY_STATUSES.labels.in_custody}
              {f.releaseDate ? `: release ${formatDateShort(f.releaseDate)}` : ''}
            </strong>
          ) : null}
          {c.linkedCases.length ? (
            <a className="govuk-link govuk-!-margin-left-1 govuk-!-margin-right-2" href="#linked-heading">
              {c.linkedCases.length} linked case{c.linkedCases.length === 1 ? '' : 's'}
            </a>
          ) : null}
          {f.riskToVictim ? <strong className={`govuk-tag ${RISK_TAG[f.riskToVictim]}`}>Risk to victim: {RISK_LEVELS.labels[f.riskToVictim]}</strong> : null}
          {f.riskToChildren ? (
            <strong className={`govuk-tag ${RISK_TAG[f.riskToChildren]}`}>Risk to children: {RISK_LEVELS.labels[f.riskToChildren]}</strong>
          ) : null}
          {f.flags.map((code) => (
            <strong key={code} className="govuk-tag govuk-tag--blue" title={FLAGS.labels[code]}>
              {code}
            </strong>
          ))}
          <strong className="govuk-tag govuk-tag--grey">
            {summary.activeOrders} active order{summary.activeOrders === 1 ? '' : 's'}
          </strong>
          <strong className={`govuk-tag ${summary.highestSafeguarding && summary.highestSafeguarding !== 'none' ? 'govuk-tag--pink' : 'govuk-tag--grey'}`}>
            {summary.children} child{summary.children === 1 ? '' : 'ren'}
            {summary.highestSafeguarding && summary.highestSafeguarding !== 'none'
              ? `: ${SAFEGUARDING_STATUSES.labels[summary.highestSafeguarding].toLowerCase()}`
              : ''}
          </strong>
        </p>
      </div>
      <SafeContactWarning summary={summary} notes={f.safeContactNotes} />
      <nav className="moj-sub-navigation" aria-label="Case sections">
        <ul className="moj-sub-navigation__list">
          {SECTIONS.map((s) => (
            <li className="moj-sub-navigation__item" key={s.id}>
              <a
                className="moj-sub-navigation__link"
                href={caseHref(caseId, s.id === 'overview' ? undefined : s.id)}
                aria-current={s.id === current ? 'page' : undefined}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {current === 'contacts' ? (
        <ContactsSection caseId={caseId} today={c.asOf} onChanged={reload} logging={act === 'log'} noSafeAddress={!c.summary.safeAddressKnown} />
      ) : null}
      {current === 'safety' ? <SafetySection caseId={caseId} canWrite={canWrite} onChanged={reload} /> : null}
      {current === 'plan' ? <SafetyPlanSection caseId={caseId} canWrite={canWrite} today={c.asOf} onChanged={reload} /> : null}
      {current === 'agencies' ? (
        <AgenciesSection caseId={caseId} canWrite={canWrite} settings={settings} fromName={session.accountName} onChanged={reload} />
      ) : null}
      {current === 'orders' ? <OrdersSection caseId={caseId} canWrite={canWrite} today={c.asOf} onChanged={reload} /> : null}
      {current === 'children' ? <ChildrenSection caseId={caseId} canWrite={canWrite} onChanged={reload} /> : null}
      {current === 'risk' ? (
        <RiskSection caseId={caseId} canWrite={canWrite} today={c.asOf} roleTitle={settings.roleTitle} fromName={session.accountName} onChanged={reload} />
      ) : null}
      {current === 'timeline' ? <TimelineSection caseId={caseId} /> : null}
      {current === 'audits' ? <AuditsSection caseId={caseId} today={c.asOf} /> : null}
      {current === 'letters' ? <LettersSection caseId={caseId} canWrite={canWrite} today={c.asOf} onChanged={reload} /> : null}
      {current === 'overview' ? (
        <>
          {canWrite ? (
            <p className="govuk-body">
              <a className="govuk-link" href={caseHref(caseId, 'edit')}>
                Edit case
              </a>
            </p>
          ) : null}

          <h2 className="govuk-heading-m">Timers</h2>
          <table className="govuk-table" data-testid="timers-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Timers on {formatDateLong(c.asOf)}</caption>
            <TableHead columns={['Timer', 'Started', 'Due', 'Met', 'Status']} />
            <tbody className="govuk-table__body">
              {c.timers.map((t) => (
                <tr className="govuk-table__row" key={`${t.timer}-${t.startDate}-${t.orderRef ?? ''}`} data-timer={t.timer}>
                  <th scope="row" className="govuk-table__header">
                    {TIMER_LABELS[t.timer]}
                    {t.orderRef ? ` (${t.orderRef})` : ''}
                  </th>
                  <td className="govuk-table__cell">{formatDateShort(t.startDate)}</td>
                  <td className="govuk-table__cell">{formatDateShort(t.dueDate)}</td>
                  <td className="govuk-table__cell">{t.metDate ? formatDateShort(t.metDate) : ''}</td>
                  <td className="govuk-table__cell">
                    <StatusTag status={t.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <EngagementPanel caseId={caseId} engagement={c.engagement} canWrite={canWrite} today={c.asOf} onChanged={reload} formOpen={act === 'engagement'} />
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <PersonSummary fields={f} />
            </div>
            <div className="govuk-grid-column-one-half">
              <LinkedCasesPanel detail={c} canWrite={canWrite} onChanged={reload} />
            </div>
          </div>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <h2 className="govuk-heading-m">Referral</h2>
              <dl className="govuk-summary-list">
                <SummaryRow label="Sentence date" value={date(f.sentenceDate)} />
                <SummaryRow
                  label="Sentence"
                  value={
                    [f.sentenceType ? SENTENCE_TYPES.labels[f.sentenceType] : '', f.requirement ? REQUIREMENTS.labels[f.requirement] : '']
                      .filter(Boolean)
                      .join(', ') || 'Not recorded'
                  }
                />
                <SummaryRow label="Referral received" value={date(f.referralReceivedDate)} />
                <SummaryRow label="Referred by" value={f.referralSource ?? 'Not recorded'} />
                <SummaryRow label="Responsible officer" value={[f.roName, f.roOffice, f.roEmail, f.roPhone].filter(Boolean).join(', ') || 'Not recorded'} />
              </dl>
              {canWrite && !f.referralReceivedDate ? <RecordReferralForm caseId={caseId} today={c.asOf} onDone={reload} /> : null}
            </div>
            <div className="govuk-grid-column-one-half">
              <h2 className="govuk-heading-m">Programme</h2>
              <dl className="govuk-summary-list">
                <SummaryRow label="Status" value={f.programmeStatus ? PROGRAMME_STATUSES.labels[f.programmeStatus] : 'Not recorded'} />
                <SummaryRow label="Started" value={date(f.programmeStartDate)} />
                <SummaryRow label="Ended" value={date(f.programmeEndDate)} />
                <SummaryRow label="Outcome" value={f.programmeOutcome ? PROGRAMME_OUTCOMES.labels[f.programmeOutcome] : 'Not finished'} />
              </dl>
              {c.programmeHistory.length ? (
                <>
                  <h3 className="govuk-heading-s">Status history</h3>
                  <ol className="govuk-list" data-testid="programme-history">
                    {c.programmeHistory.map((h) => (
                      <li key={h.recordedAt + h.toStatus}>
                        <strong>{PROGRAMME_STATUSES.labels[h.toStatus as keyof typeof PROGRAMME_STATUSES.labels] ?? h.toStatus}</strong>
                        {h.fromStatus
                          ? ` (from ${PROGRAMME_STATUSES.labels[h.fromStatus as keyof typeof PROGRAMME_STATUSES.labels]?.toLowerCase() ?? h.fromStatus})`
                          : ''}
                        , {formatDateShort(h.date)} by {h.recordedBy}
                        {h.reason ? `: ${h.reason}` : ''}
                      </li>
                    ))}
                  </ol>
                </>
              ) : null}
            </div>
          </div>

          <h2 className="govuk-heading-m">Chases</h2>
          {c.chases.length ? (
            <table className="govuk-table" data-testid="chase-log">
              <caption className="govuk-table__caption govuk-visually-hidden">Chases of the referral</caption>
              <TableHead columns={['Date', 'Chased', 'How', 'Note', 'Logged by']} />
              <tbody className="govuk-table__body">
                {c.chases.map((ch, i) => (
                  <tr className="govuk-table__row" key={i}>
                    <td className="govuk-table__cell">{formatDateShort(ch.date)}</td>
                    <td className="govuk-table__cell">{ch.toWhom ?? ''}</td>
                    <td className="govuk-table__cell">{ch.method ?? ''}</td>
                    <td className="govuk-table__cell">{ch.note ?? ''}</td>
                    <td className="govuk-table__cell">{ch.recordedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="govuk-body">No chases logged.</p>
          )}
          {canWrite ? (
            <details className="govuk-details" open={act === 'chase'}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Log a chase</span>
              </summary>
              <div className="govuk-details__text" id="chase-form" tabIndex={-1}>
                <LogChaseForm caseId={caseId} today={c.asOf} defaultTo={f.roName ?? ''} onLogged={reload} />
              </div>
            </details>
          ) : null}
          {canWrite ? <ReassignForm caseId={caseId} current={c.ownerName ?? ''} onDone={reload} /> : null}
          {canWrite ? <SubjectAccess caseId={caseId} /> : null}
        </>
      ) : null}
    </>
  );
}

/** The safe-contact rules, always in view on a case [GOV.UK warning text]. */
function SafeContactWarning({
  summary,
  notes,
}: {
  summary: { noVoicemail: boolean; noLetters: boolean; noTexts: boolean; doNotContactVia: string | null; doNotContactViaAbout: string | null };
  notes: string | null;
}) {
  const rules = [
    summary.noVoicemail ? 'Do not leave voicemail.' : '',
    // A missing safe address matters only for a letter: the contact form and Letters say so there.
    summary.noLetters ? 'No letters.' : '',
    summary.noTexts ? 'No texts.' : '',
    summary.doNotContactVia ? `Do not contact via ${summary.doNotContactVia}${summary.doNotContactViaAbout ? ` (${summary.doNotContactViaAbout})` : ''}.` : '',
    notes ?? '',
  ].filter(Boolean);
  if (!rules.length) return null;
  return <WarningText testId="safe-contact-warning">Safe contact: {rules.join(' ')}</WarningText>;
}

/** On a case: C logs a contact, R logs a risk event (not while typing). */
function useCaseShortcuts(caseId: number, canWrite: boolean): void {
  useEffect(() => {
    if (!canWrite) return;
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]');
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'c' || key === 'r') {
        event.preventDefault();
        // C opens the Log a contact form (behind its button otherwise); R goes to the risk event form.
        navigateAndFocus(
          key === 'c' ? withQuery(caseHref(caseId, 'contacts'), { act: 'log' }) : caseHref(caseId, 'risk'),
          key === 'c' ? 'contact-date-day' : 'risk-date-day',
        );
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [caseId, canWrite]);
}

function RecordReferralForm({ caseId, today, onDone }: { caseId: number; today: string; onDone: () => void }) {
  const [receivedDate, setReceivedDate] = useState(today);
  const [source, setSource] = useState('');
  const { errors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('cases.recordReferral', { caseId, receivedDate, ...(source.trim() ? { source } : {}) });
      onDone();
    } catch (error) {
      fail(error, ['referral-date'], (field) => (field === 'receivedDate' ? 'referral-date' : field));
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="record-referral-heading" className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s" id="record-referral-heading">
        Record the referral
      </h3>
      <ErrorSummary errors={errors} />
      <DateInput
        id="referral-date"
        legend="Date the referral was received"
        value={receivedDate}
        onChange={setReceivedDate}
        error={fieldError('referral-date')}
      />
      <TextField id="referral-source" label="Referred by (optional)" value={source} onChange={setSource} />
      <button type="submit" className="govuk-button">
        Record referral
      </button>
    </form>
  );
}

function ReassignForm({ caseId, current, onDone }: { caseId: number; current: string; onDone: () => void }) {
  const workers = useQuery('workers.list', {}, { cache: true });
  const [ownerName, setOwnerName] = useState(current);
  const { errors, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('cases.reassign', { caseId, ownerName });
      clientCache.invalidate('workers.list');
      onDone();
    } catch (error) {
      fail(error, ['reassign-owner'], () => 'reassign-owner');
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="reassign-heading">
      <h2 className="govuk-heading-m" id="reassign-heading">
        Reassign
      </h2>
      <ErrorSummary errors={errors} />
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="reassign-owner">
          Worker
        </label>
        <select className="govuk-select" id="reassign-owner" value={ownerName} onChange={(e) => setOwnerName(e.target.value)}>
          {current ? null : <option value="">Choose a worker</option>}
          {(workers.data ?? []).map((w) => (
            <option key={w.id} value={w.name}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Reassign case
      </button>
    </form>
  );
}

/** For a subject access request: everything held about the victim, as JSON or PDF (audited). */
function SubjectAccess({ caseId }: { caseId: number }) {
  const [message, setMessage] = useState<string | null>(null);
  const run = async (format: 'json' | 'pdf') => {
    try {
      const result = await call('cases.subjectAccess', { caseId, format });
      setMessage(result.savedAs ? `Saved as ${result.savedAs}. This export is recorded in the audit log.` : null);
    } catch (error) {
      setMessage(asClientError(error).message);
    }
  };
  return (
    <details className="govuk-details govuk-!-margin-top-6">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Subject access request</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">Everything held about this victim: details, safe-contact rules, children, contacts, orders, risk, and the timeline.</p>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void run('pdf')}>
            Export as PDF
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void run('json')}>
            Export as JSON
          </button>
        </div>
        <div role="status">{message ? <p className="govuk-body">{message}</p> : null}</div>
      </div>
    </details>
  );
}
