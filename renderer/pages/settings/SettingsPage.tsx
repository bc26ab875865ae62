import type { Session, VersionedSettings as Settings } from '../../../shared/contract';
import { hrefFor } from '../../routes';
import { AccountsSettings } from './AccountsSettings';
import { SecuritySettings } from './SecuritySettings';
import { TeamSettings } from './TeamSettings';
import { TimersSettings } from './TimersSettings';
import { LettersSettings } from './LettersSettings';
import { ImportSettings } from './ImportSettings';
import { AuditSettings } from './AuditSettings';
import { BackupsSettings } from './BackupsSettings';
import { RetentionSettings } from './RetentionSettings';

const SECTIONS = [
  { id: 'team', label: 'Team' },
  { id: 'accounts', label: 'Accounts' },
  { id: 'security', label: 'Security' },
  { id: 'timers', label: 'Timers' },
  { id: 'letters', label: 'Letters' },
  { id: 'import', label: 'Import and templates' },
  { id: 'backups', label: 'Backups' },
  { id: 'retention', label: 'Retention' },
  { id: 'audit', label: 'Audit log' },
] as const;

export interface SettingsProps {
  session: Session;
  settings: Settings;
  onSettingsChanged: (settings: Settings) => void;
}

export function SettingsPage({ section, ...props }: SettingsProps & { section: string | null }) {
  const current = SECTIONS.find((s) => s.id === section)?.id ?? 'team';
  return (
    <>
      <h1 className="govuk-heading-l">Settings</h1>
      <nav className="moj-sub-navigation" aria-label="Settings sections">
        <ul className="moj-sub-navigation__list">
          {SECTIONS.map((s) => (
            <li className="moj-sub-navigation__item" key={s.id}>
              <a className="moj-sub-navigation__link" href={hrefFor('settings', s.id)} aria-current={s.id === current ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {current === 'team' ? <TeamSettings {...props} /> : null}
      {current === 'accounts' ? <AccountsSettings {...props} /> : null}
      {current === 'security' ? <SecuritySettings {...props} /> : null}
      {current === 'timers' ? <TimersSettings {...props} /> : null}
      {current === 'letters' ? <LettersSettings {...props} /> : null}
      {current === 'import' ? <ImportSettings {...props} /> : null}
      {current === 'backups' ? <BackupsSettings {...props} /> : null}
      {current === 'retention' ? <RetentionSettings {...props} /> : null}
      {current === 'audit' ? <AuditSettings {...props} /> : null}
    </>
  );
}

export function AdminOnly({ session, children }: { session: Session; children: React.ReactNode }) {
  if (session.role === 'admin') return <>{children}</>;
  return <p className="govuk-body">Only an administrator can change these settings.</p>;
}
