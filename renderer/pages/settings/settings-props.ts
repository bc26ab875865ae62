import type { VersionedSettings as Settings } from '../../../shared/contract';

/** What every settings section is given (who is signed in comes from useSession). */
export interface SettingsProps {
  settings: Settings;
  onSettingsChanged: (settings: Settings) => void;
}
