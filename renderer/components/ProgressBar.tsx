import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../shared/contract';
import { onEvent } from '../api/client';

/** Shows the core's progress events for one operation while `active` is true. */
export function ProgressBar({
  operation,
  active,
  onlyWhenReported = false,
}: {
  operation: string;
  active: boolean;
  /** Show nothing until the core reports this operation (work that is usually too quick to show, like unlocking). */
  onlyWhenReported?: boolean;
}) {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    return onEvent('progress', (event) => {
      if (event.operation === operation) setProgress(event);
    });
  }, [operation, active]);
  if (!active || (onlyWhenReported && !progress)) return null;
  return (
    <div className="govuk-!-margin-bottom-6" aria-live="polite">
      <label className="govuk-label" htmlFor={`${operation}-progress`}>
        {progress?.label ?? 'Working'}
      </label>
      <progress id={`${operation}-progress`} className="app-progress" max={progress?.total ?? 1} value={progress?.done ?? 0}>
        {progress ? `${progress.done} of ${progress.total}` : ''}
      </progress>
    </div>
  );
}
