/**
 * `npm run screenshots`: starts a throw-away `demo` stack, places a few orders that end in different states,
 * and saves PNGs of the console's pages (orders, one order, review queue, inventory) to docs/screenshots/ from
 * headless Chromium. Stops what it started.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { signToken } from '@omniflow/lib/auth';
import { REPO_ROOT, ensureInfra, infraSettings, stopInfra } from '../infra';
import { ensureTopics } from '../stack/kafka-topics';
import { resetProfile } from '../stack/reset';
import { restartAfterCrash } from '../stack/restart-after-crash';
import { stackSettings, type StackSettings } from '../stack/settings';
import { RunningStack } from '../stack/supervisor';
import { goTo, launchBrowser, openConsole } from '../testing/browser';

const OUT = resolve(REPO_ROOT, 'docs/screenshots');
const SETTLE_TIMEOUT_MS = 60_000;

/** The two fields this script reads from the API's order answers. */
interface Answer {
  orderId: string;
  status: string;
}

async function call(settings: StackSettings, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${settings.gatewayUrl}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Answer;
}

/** Asks until the order is in one of `statuses` (a script waiting for a demo, not production code). */
async function settled(settings: StackSettings, orderId: string, statuses: string[], token: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (!statuses.includes((await call(settings, 'GET', `/api/v1/orders/${orderId}`, undefined, token)).status)) {
    if (Date.now() > deadline) throw new Error(`order ${orderId} did not reach ${statuses.join('/')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function placeDemoOrders(settings: StackSettings): Promise<string> {
  const auditor = signToken(settings.authSecret, { sub: 'audrey', role: 'auditor' });
  const as = (customer: string) => signToken(settings.authSecret, { sub: customer, role: 'customer' });
  const place = async (body: unknown, token?: string) => (await call(settings, 'POST', '/api/v1/orders', body, token)).orderId;
  const completed = await place({ amount: 500, items: ['iPhone15'] }, as('alice'));
  const split = await place({ items: [{ sku: 'AirPods', qty: 2 }, 'iPad'] }, as('bob'));
  const declined = await place({ items: ['iPhone15'] }, as('sim-decline-carol'));
  const rejected = await place({ amount: 20000, items: ['MacPro'] }, as('dave'));
  const waiting = await place({ amount: 20000, items: ['MacPro'] }, as('erin'));
  const waitingToo = await place({ items: [{ sku: 'MacPro', qty: 2 }] }, as('frank'));
  for (const orderId of [completed, split]) await settled(settings, orderId, ['COMPLETED'], auditor);
  await settled(settings, declined, ['PAYMENT_FAILED'], auditor);
  for (const orderId of [rejected, waiting, waitingToo]) await settled(settings, orderId, ['PENDING_REVIEW'], auditor);
  await call(settings, 'POST', `/api/v1/orders/${rejected}/audit`, { action: 'REJECT', reason: 'card reported stolen' }, auditor);
  return split;
}

async function main(): Promise<void> {
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('demo', infra);
  let stack: RunningStack | undefined;
  try {
    await resetProfile(settings);
    await ensureTopics(infra.KAFKA_BROKERS, settings.topicPrefix);
    stack = await RunningStack.start(settings, restartAfterCrash((line) => process.stderr.write(`[screenshots] ${line}\n`)));
    const shownOrder = await placeDemoOrders(settings);
    const browser = await launchBrowser();
    try {
      mkdirSync(OUT, { recursive: true });
      const page = await openConsole(browser, settings.gatewayUrl, settings.consoleLogin);
      const shoot = async (name: string, ready: string) => {
        await page.locator(ready).first().waitFor();
        await page.screenshot({ path: resolve(OUT, `${name}.png`), fullPage: true });
        process.stdout.write(`[screenshots] ${resolve(OUT, `${name}.png`)}\n`);
      };
      await shoot('orders', 'table.orders tbody tr');
      await page.locator(`tr[data-order-id="${shownOrder}"] a`).click();
      await shoot('order', '.timeline li');
      await goTo(page, 'Review queue');
      await shoot('review', 'table.orders button.reject');
      await goTo(page, 'Inventory');
      await shoot('inventory', 'table.stock tbody tr');
    } finally {
      await browser.close();
    }
  } finally {
    await stack?.stop();
    if (startedInfra) stopInfra();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`screenshots failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
