export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Percentiles of latencies in ms (nearest rank). */
export function latencySummary(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}
