import { useEffect, useRef, useState } from 'react';

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
  /** What a list page is showing (`#/caseload?stage=referred&q=smith`), so Back returns to it. */
  query: URLSearchParams;
  /**
   * Counts the navigations (hash changes). A list page is drawn afresh for each, reading what to
   * show from the address; its own changes rewrite the address in place and are not navigations.
   */
  visit: number;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page, ...rest] = path.split('/');
  const query = new URLSearchParams(search);
  if (page === 'cases') return { page: 'case', section: rest[0] ?? null, rest, query, visit: 0 };
  const known = PAGES.find((p) => p.id === page);
  return { page: known ? known.id : 'today', section: rest[0] ?? null, rest, query, visit: 0 };
}

/** A route with what its page shows; empty values are left out so the address stays short. */
export function withQuery(href: string, values: Record<string, string | number | boolean | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== null && value !== undefined && value !== '' && value !== false) query.set(key, String(value));
  const search = query.toString();
  return search ? `${href}?${search}` : href;
}

/**
 * Writes what a list shows into the address without a new history entry: Back from a case then
 * returns to the list as it was left, and the list's own changes do not fill the history.
 */
export function rememberInAddress(href: string): void {
  if (window.location.hash !== href) history.replaceState(history.state, '', href);
}

/** Hash routes (`#/settings/accounts`, `#/cases/12`): back and forward work, and nothing leaves the page. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute((last) => ({ ...parseRoute(window.location.hash), visit: last.visit + 1 }));
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

/** Asks for focus on this element once it is drawn (a form a link opened, drawn after its page loads). */
export function requestFocus(elementId: string): void {
  pendingFocus = elementId;
  focusPending();
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

/** How long a page may take to draw its heading after a navigation (a case is read first). */
const HEADING_WAIT_MS = 3000;

/**
 * After a navigation, focus goes where a keyboard or screen reader user needs it: to what a
 * link asked for (a form it opened, the results of a page of a list), otherwise to the page's
 * main heading, so the next Tab starts on the new page rather than back at the navigation.
 * The first page after unlocking is left alone (the unlock form had focus).
 */
export function useFocusOnNavigation(route: Route): void {
  const path = `${route.page}/${route.rest.join('/')}`;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const started = Date.now();
    let frame = 0;
    const tryFocus = () => {
      // Something on the new page already placed focus (a shortcut's search box, a tab of the case): leave it.
      const active = document.activeElement;
      if (!pendingFocus && active && active !== document.body && document.querySelector('main')?.contains(active)) return;
      if (pendingFocus) {
        focusPending();
        if (!pendingFocus) return;
      } else {
        const heading = document.querySelector<HTMLElement>('main h1');
        if (heading) {
          if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
          heading.focus({ preventScroll: false });
          return;
        }
      }
      if (Date.now() - started < HEADING_WAIT_MS) frame = requestAnimationFrame(tryFocus);
    };
    frame = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(frame);
  }, [path]);
}
