import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseloadQueryInput, CaseloadRow } from '../../../shared/case-views';
import { asClientError, call, type ClientError } from '../../api/client';

/** Rows fetched per request: a screenful or two, so scrolling asks the core rarely. */
export const CASELOAD_PAGE_SIZE = 100;

type Filters = Omit<CaseloadQueryInput, 'page' | 'pageSize'>;

interface Loaded {
  key: string;
  total: number | null;
  pages: Map<number, CaseloadRow[]>;
  error: ClientError | null;
}

/**
 * The caseload as a sparse list: only the pages a person scrolls to are fetched
 * (each one indexed SQL in the core), so 100,000 cases cost no more than 100.
 * A change of filter, search or sort starts again from nothing.
 */
export function useCaseloadPages(filters: Filters) {
  const key = JSON.stringify(filters);
  const [loaded, setLoaded] = useState<Loaded>({ key, total: null, pages: new Map(), error: null });
  const requested = useRef(new Set<string>());

  const fetchPage = useCallback(
    (page: number) => {
      const id = `${key}#${page}`;
      if (requested.current.has(id)) return;
      requested.current.add(id);
      call('cases.list', { ...(JSON.parse(key) as Filters), page, pageSize: CASELOAD_PAGE_SIZE }).then(
        (result) =>
          // An answer for filters since changed is dropped.
          setLoaded((now) => (now.key === key ? { ...now, total: result.total, pages: new Map(now.pages).set(page, result.rows), error: null } : now)),
        (failure: unknown) => {
          requested.current.delete(id); // so scrolling back retries it
          setLoaded((now) => (now.key === key ? { ...now, error: asClientError(failure) } : now));
        },
      );
    },
    [key],
  );

  useEffect(() => {
    requested.current.clear();
    setLoaded({ key, total: null, pages: new Map(), error: null });
    fetchPage(1); // the first page also says how many there are
  }, [key, fetchPage]);

  /** Asks for every page that holds a row from `first` to `last` (0-based). */
  const ensureRows = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / CASELOAD_PAGE_SIZE) + 1; page <= Math.floor(last / CASELOAD_PAGE_SIZE) + 1; page++) fetchPage(page);
    },
    [fetchPage],
  );

  const current = loaded.key === key ? loaded : { total: null, pages: new Map<number, CaseloadRow[]>(), error: null };
  const rowAt = (index: number): CaseloadRow | undefined => current.pages.get(Math.floor(index / CASELOAD_PAGE_SIZE) + 1)?.[index % CASELOAD_PAGE_SIZE];
  return { total: current.total, error: current.error, rowAt, ensureRows };
}
