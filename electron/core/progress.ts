import type { ProgressEvent } from '../../shared/contract';

/** Long operations call this as they go; the app forwards it to the renderer's progress bar. */
export type ProgressReporter = (event: ProgressEvent) => void;
