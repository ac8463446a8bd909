/** Reads a process's /metrics as Prometheus text: which families it declares, and the value of a series. */
import type { ProcessName } from '../stack/instances';
import { testStack } from './test-stack';

export class Scrape {
  constructor(readonly text: string) {}

  /** Every family the text declares (`# TYPE <name> <type>`), samples or not. */
  families(): string[] {
    return [...this.text.matchAll(/^# TYPE (\S+) \S+$/gm)].map((match) => match[1]!);
  }

  /** The values of the samples of `series` whose labels include `labels`. */
  samples(series: string, labels: Record<string, string> = {}): number[] {
    const values: number[] = [];
    for (const [, name, labelText = '', value] of this.text.matchAll(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/gm)) {
      if (name !== series) continue;
      const have = Object.fromEntries([...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((match) => [match[1], match[2]]));
      if (Object.entries(labels).every(([label, wanted]) => have[label] === wanted)) values.push(Number(value));
    }
    return values;
  }

  /** Their sum; 0 when there is none yet (a labelled counter has no sample before its first count). */
  value(series: string, labels: Record<string, string> = {}): number {
    return this.samples(series, labels).reduce((sum, value) => sum + value, 0);
  }
}

export async function scrapeMetrics(name: ProcessName): Promise<Scrape> {
  const response = await fetch(`${testStack().healthUrl(name)}/metrics`);
  if (response.status !== 200) throw new Error(`${name} /metrics answered ${response.status}`);
  return new Scrape(await response.text());
}
