import { useState, type ReactNode } from 'react';

/**
 * A form kept behind a button until it is wanted, so a section reads as its records first. The
 * button says what it opens (`label`, with `about` for screen readers) and is pressed again to
 * close it; the form closes itself once saved through `close`.
 */
export function Reveal({ label, about, children }: { label: string; about?: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label}
        {about ? <span className="govuk-visually-hidden"> {about}</span> : null}
      </button>
      {open ? <div className="app-revealed">{children(() => setOpen(false))}</div> : null}
    </>
  );
}
