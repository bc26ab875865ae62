import { useEffect, useState } from 'react';

export const PAGES = [
  { id: 'today', label: 'Today' },
  { id: 'caseload', label: 'Caseload' },
  { id: 'chase-list', label: 'Chase list' },
  { id: 'orders', label: 'Orders' },
  { id: 'reports', label: 'Reports' },
  { id: 'settings', label: 'Settings' },
] as const;
export type PageId = (typeof PAGES)[number]['id'] | 'case';

export interface Route {
  page: PageId;
  /** The rest of the path: a settings section, or a case id and its sub-page. */
  section: string | null;
  rest: string[];
}

export function parseRoute(hash: string): Route {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'cases') return { page: 'case', section: rest[0] ?? null, rest };
  const known = PAGES.find((p) => p.id === page);
  return { page: known ? known.id : 'today', section: rest[0] ?? null, rest };
}

/** Hash routes (`#/settings/accounts`, `#/cases/12`): back and forward work, and nothing leaves the page. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export const hrefFor = (page: PageId, section?: string) => `#/${page === 'case' ? 'cases' : page}${section ? `/${section}` : ''}`;
export const caseHref = (caseId: number, sub?: string) => `#/cases/${caseId}${sub ? `/${sub}` : ''}`;

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

let pendingFocus: string | null = null;

/** Navigates, then (once the new page has rendered) moves focus to the element with this id. */
export function navigateAndFocus(href: string, elementId: string): void {
  pendingFocus = elementId;
  if (window.location.hash === href) focusPending();
  else navigate(href);
}

/** Called by the frame after each route change has rendered. */
export function focusPending(): void {
  if (!pendingFocus) return;
  const element = document.getElementById(pendingFocus);
  if (element) {
    element.focus();
    pendingFocus = null;
  }
}
