import { performance } from 'node:perf_hooks';
import { percentile } from './stats';

export interface Measured {
  latencies: number[];
  seconds: number;
}

/** Runs `total` jobs with at most `concurrency` in flight, returning each job's latency in ms. */
export async function measure(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<Measured> {
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        await job(i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - began) / 1000 };
}

export const throughput = ({ latencies, seconds }: Measured): number => latencies.length / seconds;

/** The latency at quantile `q` (0–1), in ms. */
export function quantile({ latencies }: Measured, q: number): number {
  return percentile([...latencies].sort((a, b) => a - b), q);
}

export function report(title: string, measured: Measured): void {
  const at = (q: number) => quantile(measured, q).toFixed(2);
  console.log(
    `${title}: n=${measured.latencies.length} p50=${at(0.5)}ms p95=${at(0.95)}ms p99=${at(0.99)}ms max=${at(1)}ms ` +
      `throughput=${throughput(measured).toFixed(throughput(measured) < 100 ? 1 : 0)}/s`,
  );
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Percentiles of latencies in ms (nearest rank). */
export function latencySummary(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: percentile(sorted, 1) };
}
