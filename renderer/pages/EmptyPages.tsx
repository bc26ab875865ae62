/** Reports arrive with the managers' summaries; until then the page says what will appear. */
function EmptyPage({ title, children }: { title: string; children: string }) {
  return (
    <div className="app-empty-state">
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-inset-text">{children}</div>
    </div>
  );
}

export const ReportsPage = () => (
  <EmptyPage title="Reports">There is nothing to report yet. Workload and timeliness figures for the team will appear here once cases are recorded.</EmptyPage>
);
