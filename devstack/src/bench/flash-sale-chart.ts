import type { Buyer } from './flash-sale-figures';
import type { FlashSaleOptions } from './flash-sale-options';
import { quantiles } from './stats';

/** At most this many points per line: a 20-minute sale binned by the second made a 320 KB chart. */
const MAX_BUCKETS = 150;

/** One row per time slice of the sale and kind of buyer: answers per second in it, and their latencies. */
interface Bucket {
  second: number;
  buyers: 'winners (POST → COMPLETED)' | 'losers (POST → 409 or OUT_OF_STOCK)';
  answers: number;
  p50: number;
  p95: number;
}

function buckets(buyers: Buyer[]): Bucket[] {
  const lastSecond = Math.max(0, ...buyers.map((buyer) => (buyer.answerAt ?? 0) / 1000));
  const width = Math.max(1, Math.ceil(lastSecond / MAX_BUCKETS));
  const groups = new Map<string, { second: number; buyers: Bucket['buyers']; latencies: number[] }>();
  for (const buyer of buyers) {
    const kind: Bucket['buyers'] | null =
      buyer.outcome === 'COMPLETED' ? 'winners (POST → COMPLETED)' : buyer.outcome === 'REFUSED' || buyer.outcome === 'OUT_OF_STOCK' ? 'losers (POST → 409 or OUT_OF_STOCK)' : null;
    if (!kind) continue;
    const second = Math.floor(buyer.answerAt! / 1000 / width) * width;
    const group = groups.get(`${second}/${kind}`) ?? { second, buyers: kind, latencies: [] };
    group.latencies.push(buyer.answerAt! - buyer.postAt!);
    groups.set(`${second}/${kind}`, group);
  }
  return [...groups.values()].map(({ second, buyers: kind, latencies }) => {
    const { n, p50, p95 } = quantiles(latencies);
    return { second, buyers: kind, answers: n / width, p50, p95 };
  });
}

/**
 * The sale over time as an SVG: answers per second, and p50/p95 answer latency (log scale), winners and losers
 * apart. Vega-Lite compiles the chart, Vega renders it headless to SVG (no browser, no native modules); both are
 * ES modules, hence the dynamic imports.
 */
export async function renderChart(buyers: Buyer[], options: FlashSaleOptions): Promise<string> {
  const vl = await import('vega-lite');
  const vega = await import('vega');
  const x = { field: 'second', type: 'quantitative', title: 'seconds since the sale opened' } as const;
  const color = { field: 'buyers', type: 'nominal', title: null, legend: { orient: 'top' } } as const;
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `flash sale: ${options.buyers} buyers, ${options.stock} units, concurrency ${options.concurrency}${options.declineShare ? `, ${options.declineShare * 100}% declined` : ''}`,
    data: { values: buckets(buyers) },
    vconcat: [
      {
        width: 640,
        height: 180,
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'answers', type: 'quantitative', title: 'answers per second' }, color },
      },
      {
        width: 640,
        height: 180,
        transform: [{ fold: ['p50', 'p95'], as: ['quantile', 'ms'] }],
        mark: { type: 'line' },
        encoding: {
          x,
          y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'answer latency, ms (log)' },
          color,
          strokeDash: { field: 'quantile', type: 'nominal', title: null, legend: { orient: 'top' } },
        },
      },
    ],
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
