/**
 * The working pages before any case exists. Their tables arrive with the
 * caseload work; until then each says what will appear and when.
 */
function EmptyPage({ title, children }: { title: string; children: string }) {
  return (
    <div className="app-empty-state">
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-inset-text">{children}</div>
    </div>
  );
}

export const TodayPage = () => (
  <EmptyPage title="Today">
    There are no cases yet. Once cases are added, the victims to contact and the referrals to chase today appear here, overdue first.
  </EmptyPage>
);

export const CaseloadPage = () => (
  <EmptyPage title="Caseload">There are no cases yet. Every case the team holds will be listed here, with filters and search.</EmptyPage>
);

export const ChaseListPage = () => (
  <EmptyPage title="Chase list">There are no overdue referrals. Cases whose referral is late will be listed here to chase with the responsible officer.</EmptyPage>
);

export const ReportsPage = () => (
  <EmptyPage title="Reports">There is nothing to report yet. Workload and timeliness figures for the team will appear here once cases are recorded.</EmptyPage>
);
