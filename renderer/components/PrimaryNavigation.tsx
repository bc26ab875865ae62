import { PAGES, hrefFor, type PageId } from '../routes';

export function PrimaryNavigation({ current }: { current: PageId }) {
  return (
    <div className="moj-primary-navigation">
      <div className="moj-primary-navigation__container">
        <div className="moj-primary-navigation__nav">
          <nav className="moj-primary-navigation" aria-label="Primary navigation">
            <ul className="moj-primary-navigation__list">
              {PAGES.map((page) => (
                <li className="moj-primary-navigation__item" key={page.id}>
                  <a
                    className="moj-primary-navigation__link"
                    href={hrefFor(page.id)}
                    aria-current={page.id === current || (current === 'case' && page.id === 'caseload') ? 'page' : undefined}
                  >
                    {page.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </div>
  );
}
