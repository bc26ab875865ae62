import { useEffect } from 'react';
import type { Settings } from '../../../shared/contract';
import { useQuery } from '../../hooks/useQuery';
import { focusPending } from '../../routes';
import { AgencyChecksPanel } from './agencies/AgencyChecksPanel';
import { DashPanel } from './agencies/DashPanel';
import { MaracPanel } from './agencies/MaracPanel';
import { OtherAgenciesPanel } from './agencies/OtherAgenciesPanel';

/**
 * Other agencies' part in keeping her safe (model v2 §4): police and children's social care checks,
 * DASH assessments, MARAC with its actions, and MAPPA, the VLO and Clare's Law.
 */
export function AgenciesSection({
  caseId,
  canWrite,
  settings,
  fromName,
  onChanged,
}: {
  caseId: number;
  canWrite: boolean;
  settings: Settings;
  fromName: string;
  onChanged: () => void;
}) {
  const agencies = useQuery('agencies.get', { caseId });
  // Opened from Today ("Record reply", "Complete action"): the heading it names draws once this has loaded.
  useEffect(() => focusPending());
  const refresh = () => {
    void agencies.reload();
    onChanged();
  };
  if (!agencies.data) return <p className="govuk-body">{agencies.error?.message ?? 'Loading…'}</p>;
  const view = agencies.data;
  return (
    <>
      <AgencyChecksPanel caseId={caseId} view={view} canWrite={canWrite} roleTitle={settings.roleTitle} fromName={fromName} onChanged={refresh} />
      <DashPanel caseId={caseId} view={view} canWrite={canWrite} onChanged={refresh} />
      <MaracPanel caseId={caseId} view={view} canWrite={canWrite} onChanged={refresh} />
      <OtherAgenciesPanel caseId={caseId} view={view} canWrite={canWrite} onChanged={refresh} />
    </>
  );
}
