/** Red on every page of a demo database, so no one records a real person there. */
export function DemoBanner() {
  return (
    <div className="app-demo-banner" role="region" aria-label="Demo database" data-testid="demo-banner">
      DEMO: made-up people for trying the app. Do not record real people here.
    </div>
  );
}
