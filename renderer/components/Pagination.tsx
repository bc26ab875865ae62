import type { MouseEvent } from 'react';
import { pageItems } from '../../shared/pagination';

interface PaginationProps {
  current: number;
  pages: number;
  /** The link to a page (a hash route, so back and forward move between pages). */
  hrefFor: (page: number) => string;
  /** Follows a page link; the page uses it to move focus to the new results. */
  onFollow: (href: string) => void;
  /** Names the landmark when a screen has more than one list. */
  label?: string;
}

/** GOV.UK pagination: previous, page numbers with ellipses, next. Nothing when there is one page. */
export function Pagination({ current, pages, hrefFor, onFollow, label = 'Pagination' }: PaginationProps) {
  if (pages <= 1) return null;
  const follow = (page: number) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onFollow(hrefFor(page));
  };
  return (
    <nav className="govuk-pagination" aria-label={label}>
      {current > 1 ? (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={hrefFor(current - 1)} rel="prev" onClick={follow(current - 1)}>
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {pageItems(current, pages).map((item, i) =>
          item === 'ellipsis' ? (
            <li key={`gap-${i}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
              {'\u22EF' /* ⋯, as GOV.UK's &ctdot;: JSX does not know that entity */}
            </li>
          ) : (
            <li key={item} className={`govuk-pagination__item${item === current ? ' govuk-pagination__item--current' : ''}`}>
              <a
                className="govuk-link govuk-pagination__link"
                href={hrefFor(item)}
                aria-label={`Page ${item}`}
                aria-current={item === current ? 'page' : undefined}
                onClick={follow(item)}
              >
                {item}
              </a>
            </li>
          ),
        )}
      </ul>
      {current < pages ? (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={hrefFor(current + 1)} rel="next" onClick={follow(current + 1)}>
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
          </a>
        </div>
      ) : null}
    </nav>
  );
}
