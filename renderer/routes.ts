import { useEffect, useState } from 'react';

export const PAGES = [
  { id: 'today', label: 'Today' },
  { id: 'caseload', label: 'Caseload' },
  { id: 'chase-list', label: 'Chase list' },
  { id: 'reports', label: 'Reports' },
  { id: 'settings', label: 'Settings' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

export interface Route {
  page: PageId;
  /** e.g. the settings section */
  section: string | null;
}

function parse(hash: string): Route {
  const [page, section] = hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.find((p) => p.id === page);
  return { page: known ? known.id : 'today', section: section ?? null };
}

/** Hash routes (`#/settings/accounts`): back and forward work, and nothing leaves the page. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export const hrefFor = (page: PageId, section?: string) => `#/${page}${section ? `/${section}` : ''}`;
