/**
 * Which page numbers a GOV.UK pagination shows: the first and last, the current page and
 * the pages either side of it, and an ellipsis for each gap (a gap of one page shows that
 * page instead: an ellipsis standing for one number saves nothing).
 */
export type PageItem = number | 'ellipsis';

export function pageItems(current: number, pages: number): PageItem[] {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PageItem[] = [];
  let previous = 0;
  for (const n of shown) {
    if (n - previous === 2) items.push(previous + 1);
    else if (n - previous > 2) items.push('ellipsis');
    items.push(n);
    previous = n;
  }
  return items;
}
