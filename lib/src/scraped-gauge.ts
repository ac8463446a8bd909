import { Gauge, type Registry } from 'prom-client';
import { withinDeadline } from './deadline';
import type { Logger } from './logger';

export interface Measurement<L extends string> {
  labels: Record<L, string>;
  value: number;
}

/** A scrape must not hang on a slow dependency: past this the gauge is left out of that scrape. */
const MEASURE_DEADLINE_MS = 1_500;

/**
 * A gauge measured when /metrics is scraped, not by a poller: as fresh as the scrape, free between scrapes. When
 * the measurement fails or is slow the gauge is empty for that scrape (and a warning logged), never stale.
 */
export function registerScrapedGauge<L extends string>(
  registry: Registry,
  config: { name: string; help: string; labelNames: readonly L[] },
  measure: () => Promise<Measurement<L>[]>,
  logger: Logger,
): void {
  new Gauge({
    ...config,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const { labels, value } of await withinDeadline(MEASURE_DEADLINE_MS, measure())) this.set(labels, value);
      } catch (err) {
        logger.warn({ err, metric: config.name }, 'gauge not measured for this scrape');
      }
    },
  });
}
