/** Timing with tinybench: a warm-up, then several runs; the median and p95 are what the reports show. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Bench } from 'tinybench';

export const RUNS = Number(process.env.PLW_BENCH_RUNS ?? 11);

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export async function time(label: string, work: () => Promise<void> | void, runs = RUNS): Promise<Timing> {
  const bench = new Bench({ iterations: runs, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
  bench.add(label, work);
  const [task] = await bench.run();
  const result = task!.result;
  if (!('latency' in result)) throw new Error(`${label}: the benchmark did not complete (${result.state})`);
  const samples = [...(result.latency.samples ?? [])].sort((a, b) => a - b);
  return { median: result.latency.p50, p95: percentile(samples, 0.95), runs: samples.length };
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? Number.NaN;
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), runs: sorted.length };
}

export const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) : 'n/a');

/** A full collection of this process's heap (the core runs here), twice to finish weak references. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}
