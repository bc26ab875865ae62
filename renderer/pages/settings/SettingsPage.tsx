import type { Channel } from '../../../shared/contract';
import { mayCall } from '../../../shared/permissions';
import { hrefFor } from '../../routes';
import { AccountsSettings } from './AccountsSettings';
import { SecuritySettings } from './SecuritySettings';
import { YourDetailsSettings } from './YourDetailsSettings';
import { TeamSettings } from './TeamSettings';
import { TimersSettings } from './TimersSettings';
import { LettersSettings } from './LettersSettings';
import { ImportSettings } from './ImportSettings';
import { AuditSettings } from './AuditSettings';
import { BackupsSettings } from './BackupsSettings';
import { RetentionSettings } from './RetentionSettings';
import { useSession } from '../../session-context';
import type { SettingsProps } from './settings-props';

/** Each section is there for one channel: a role that may not call it does not see the section. */
const SECTIONS = [
  { id: 'team', label: 'Team', channel: 'settings.update' },
  { id: 'accounts', label: 'Accounts', channel: 'accounts.list' },
  { id: 'security', label: 'Security', channel: 'accounts.changeOwnPassphrase' },
  { id: 'me', label: 'Your details', channel: 'workers.ownPhone' },
  { id: 'timers', label: 'Timers', channel: 'timers.rules' },
  { id: 'letters', label: 'Letters', channel: 'letters.templates' },
  { id: 'import', label: 'Import and templates', channel: 'import.run' },
  { id: 'backups', label: 'Backups', channel: 'backups.status' },
  { id: 'retention', label: 'Retention', channel: 'retention.due' },
  { id: 'audit', label: 'Audit log', channel: 'audit.list' },
] as const satisfies readonly { id: string; label: string; channel: Channel }[];

export function SettingsPage({ section, ...props }: SettingsProps & { section: string | null }) {
  const session = useSession();
  const sections = SECTIONS.filter((s) => mayCall(session.role, s.channel));
  const current = sections.find((s) => s.id === section)?.id ?? sections[0]!.id;
  return (
    <>
      <h1 className="govuk-heading-l">Settings</h1>
      <nav className="moj-sub-navigation" aria-label="Settings sections">
        <ul className="moj-sub-navigation__list">
          {sections.map((s) => (
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
      {current === 'me' ? <YourDetailsSettings /> : null}
      {current === 'timers' ? <TimersSettings /> : null}
      {current === 'letters' ? <LettersSettings /> : null}
      {current === 'import' ? <ImportSettings {...props} /> : null}
      {current === 'backups' ? <BackupsSettings /> : null}
      {current === 'retention' ? <RetentionSettings {...props} /> : null}
      {current === 'audit' ? <AuditSettings /> : null}
    </>
  );
}
