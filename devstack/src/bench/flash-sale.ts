/**
 * `npm run bench -- flash-sale --stock S --buyers B --concurrency C [--decline-share P] [--skus K]`
 *
 * B buyers race over HTTP for S units (of one fresh SKU, or spread over K), C at a time, each as a real client:
 * POST the order, then wait for its answer — a 409 sold_out at once, or the workflow's end (POST → COMPLETED for a
 * winner, → OUT_OF_STOCK for a loser the gateway let through, → PAYMENT_FAILED for a buyer whose card is declined,
 * whose unit the compensation puts back on sale). A share P of buyers are such decliners. Prints the figures, writes
 * them as JSON and a chart under .omniflow/bench/, then checks every service's database (flash-sale-checks.ts) and
 * exits 1 if a check fails.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import { signToken } from '@omniflow/lib/auth';
import { openDatabases, readStock } from '../chaos/invariants';
import { REPO_ROOT } from '../infra';
import type { StackSettings } from '../stack/settings';
import { renderChart } from './flash-sale-chart';
import { verifyFlashSale } from './flash-sale-checks';
import { summarise, type Buyer } from './flash-sale-figures';
import type { FlashSaleOptions } from './flash-sale-options';
import { Progress } from './flash-sale-progress';

/** Cheap, so no order waits for an auditor (the review threshold is 10000). */
const PRICE_CENTS = 10_00;

/** K fresh SKUs in the catalog and in stock (WH-EAST), S units spread evenly over them. */
async function stockUp({ orders, inventory }: { orders: Sequelize; inventory: Sequelize }, options: FlashSaleOptions): Promise<string[]> {
  const run = randomUUID().slice(0, 8);
  const skus = Array.from({ length: options.skus }, (_, k) => `FLASH-${run}-${k}`);
  for (const [k, sku] of skus.entries()) {
    const units = Math.floor(options.stock / options.skus) + (k < options.stock % options.skus ? 1 : 0);
    await orders.query('INSERT INTO products (sku, name, price_cents) VALUES (?, ?, ?)', { replacements: [sku, 'Flash sale item', PRICE_CENTS] });
    await inventory.query("INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, 'WH-EAST', ?, 0)", { replacements: [sku, units] });
  }
  return skus;
}

type Customer = Buyer & { view?: OrderView };

/** One buyer, start to answer: times are ms since the sale opened. */
async function buy(settings: StackSettings, client: Client, buyer: Customer, began: number): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (buyer.declines) headers.authorization = `Bearer ${signToken(settings.authSecret, { sub: `sim-decline-${buyer.n}`, role: 'customer' })}`;
  buyer.postAt = performance.now() - began;
  const response = await fetch(`${settings.gatewayUrl}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify({ items: [buyer.sku] }) });
  const body = (await response.json()) as { orderId?: string; error?: { code: string } };
  buyer.answeredPostAt = performance.now() - began;
  if (response.status === 409 && body.error?.code === 'sold_out') {
    buyer.outcome = 'REFUSED';
  } else if (response.status === 202 && body.orderId) {
    buyer.orderId = body.orderId;
    // The workflow's result: one long poll on the server, answered when the saga ends (nothing polls the API).
    buyer.view = (await client.workflow.getHandle(workflowIdFor(body.orderId)).result()) as OrderView;
    buyer.outcome = buyer.view.status;
  } else {
    throw new Error(`buyer ${buyer.n}: POST answered ${response.status} ${JSON.stringify(body)}`);
  }
  buyer.answerAt = performance.now() - began;
}

export async function flashSale(settings: StackSettings, client: Client, options: FlashSaleOptions): Promise<void> {
  const databases = openDatabases(settings);
  try {
    await runSale(settings, client, options, databases);
  } finally {
    await Promise.all(Object.values(databases).map((db) => db.close()));
  }
}

async function runSale(settings: StackSettings, client: Client, options: FlashSaleOptions, databases: ReturnType<typeof openDatabases>): Promise<void> {
  const skus = await stockUp(databases, options);
  const initialStock = await readStock(databases.inventory);
  console.log(
    `flash sale: ${options.buyers} buyers, ${options.stock} units of ${skus.length} SKU(s), concurrency ${options.concurrency}, ` +
      `${options.declineShare * 100}% of buyers' cards declined`,
  );
  // Every n-th buyer (spread evenly, not random) declines, so runs with the same options are alike.
  const declineEvery = options.declineShare > 0 ? 1 / options.declineShare : Infinity;
  const buyers: Customer[] = Array.from({ length: options.buyers }, (_, n) => ({
    n,
    sku: skus[n % skus.length]!,
    declines: Math.floor((n + 1) / declineEvery) > Math.floor(n / declineEvery),
  }));
  const progress = new Progress(options.buyers, options.stock);
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, buyers.length) }, async () => {
      while (next < buyers.length) {
        const buyer = buyers[next++]!;
        await buy(settings, client, buyer, began);
        progress.answered(buyer.outcome === 'COMPLETED');
      }
    }),
  );
  progress.stop();

  const figures = summarise(buyers, options);
  const checks = await verifyFlashSale(databases, buyers, initialStock, figures);
  const dir = resolve(REPO_ROOT, '.omniflow/bench');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `flash-sale-${options.stock}-${options.buyers}${options.declineShare ? `-decline-${options.declineShare}` : ''}-${stamp}`;
  writeFileSync(resolve(dir, `${name}.json`), JSON.stringify({ options, figures, checks }, null, 2));
  writeFileSync(resolve(dir, `${name}.svg`), await renderChart(buyers, options));
  console.log(JSON.stringify(figures, null, 2));
  for (const check of checks) console.log(`${check.violations.length === 0 ? 'PASS' : 'FAIL'} ${check.name}: ${check.figures}`);
  for (const violation of checks.flatMap((check) => check.violations).slice(0, 30)) console.log(`  ✗ ${violation}`);
  console.log(`figures: ${resolve(dir, `${name}.json`)}\nchart:   ${resolve(dir, `${name}.svg`)}`);
  if (checks.some((check) => check.violations.length > 0)) {
    console.error('flash sale FAILED a check');
    process.exitCode = 1;
  }
}
