/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (the references above: the callbacks given to page.evaluate and waitForFunction run in the browser)
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Sequelize } from 'sequelize';
import { api, openDatabase, stockOf, testStack, tokenFor } from '../testing';
import { goTo, launchBrowser, openConsole, stockShown, type Browser } from '../testing/browser';

/**
 * The console in a real browser (Debian's headless Chromium) against the real stack: an auditor logs in, sees
 * an order waiting for review arrive live, rejects it with a reason, and watches it turn REJECTED and its
 * stock come back, in tabs that are never reloaded.
 */
let browser: Browser;
let catalog: Sequelize;
let inventory: Sequelize;
beforeAll(async () => {
  catalog = openDatabase('orders');
  inventory = openDatabase('inventory');
  // Installing Chromium (infra.sh browser, once per machine) takes a minute or two.
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await catalog.close();
  await inventory.close();
});

/** A product of this test's own, above the review threshold, in stock in one warehouse: only this test moves it. */
async function productAwaitingReview(): Promise<string> {
  const sku = `T-${randomUUID().slice(0, 8)}`;
  await catalog.query('INSERT INTO products (sku, name, price_cents) VALUES (?, ?, ?)', { replacements: [sku, 'Console test item', 15_000_00] });
  await inventory.query('INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, ?, 5, 0)', { replacements: [sku, 'WH-EAST'] });
  return sku;
}

const statusIn = (page: Page, orderId: string) => page.locator(`tr[data-order-id="${orderId}"] [data-field="status"]`);

/** Waits (bounded by the jest timeout) until the page shows `expected` for the SKU. */
async function untilStockShown(page: Page, sku: string, expected: Record<string, { available: number; reserved: number }>): Promise<void> {
  await page.waitForFunction(
    ([sku, want]) =>
      [...document.querySelectorAll(`tr[data-sku="${sku}"]`)].map((row) =>
        [row.getAttribute('data-warehouse'), row.querySelector('[data-field="available"]')?.textContent, row.querySelector('[data-field="reserved"]')?.textContent].join(':'),
      ).join(',') === want,
    [sku, Object.entries(expected).map(([warehouse, level]) => `${warehouse}:${level.available}:${level.reserved}`).join(',')] as const,
    { timeout: 60_000 },
  );
}

it('an auditor rejects an order waiting for review: it becomes REJECTED and its stock comes back, live', async () => {
  const sku = await productAwaitingReview();
  const { consoleLogin, gatewayUrl } = testStack();

  const stockTab = await openConsole(browser, gatewayUrl, consoleLogin);
  await goTo(stockTab, 'Inventory');
  await untilStockShown(stockTab, sku, { 'WH-EAST': { available: 5, reserved: 0 } });
  const reviewTab = await openConsole(browser, gatewayUrl, consoleLogin);
  await goTo(reviewTab, 'Review queue');
  // Set on each tab's window: a reload would lose it, so finding it at the end proves there was none.
  for (const tab of [stockTab, reviewTab]) await tab.evaluate(() => Object.assign(window, { notReloaded: true }));

  const placed = await api('POST', '/api/v1/orders', { body: { amount: 15000, items: [sku] } });
  expect(placed.status).toBe(202);
  const orderId: string = placed.body.orderId;

  // It arrives in the queue by itself, and its unit shows as reserved.
  await statusIn(reviewTab, orderId).filter({ hasText: 'PENDING_REVIEW' }).waitFor();
  await untilStockShown(stockTab, sku, { 'WH-EAST': { available: 4, reserved: 1 } });

  const row = reviewTab.locator(`tr[data-order-id="${orderId}"]`);
  await row.getByLabel('Reason').fill('card reported stolen');
  await row.getByRole('button', { name: 'Reject' }).click();

  await statusIn(reviewTab, orderId).filter({ hasText: 'REJECTED' }).waitFor();
  await untilStockShown(stockTab, sku, { 'WH-EAST': { available: 5, reserved: 0 } });
  for (const tab of [stockTab, reviewTab]) expect(await tab.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // What the browser showed is what happened: the workflow rejected it with the reason, the units are back.
  const order = await api('GET', `/api/v1/orders/${orderId}`, { token: tokenFor('someone', 'auditor') });
  expect(order.body).toMatchObject({ status: 'REJECTED', review: { auditor: consoleLogin.username, action: 'REJECT', reason: 'card reported stolen' } });
  expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0, shipped: 0 } });
  expect(await stockShown(stockTab, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0 } });

  // The order's page: its timeline ends REJECTED with the reason, and it links to its workflow in Temporal's UI.
  await row.getByRole('link').click();
  await reviewTab.locator('.timeline li', { hasText: 'REJECTED' }).filter({ hasText: 'card reported stolen' }).waitFor();
  expect(await reviewTab.locator('a.workflow-link').getAttribute('href')).toBe(`${testStack().infra.TEMPORAL_UI_URL}/namespaces/default/workflows/order-${orderId}`);
  await Promise.all([stockTab.close(), reviewTab.close()]);
});

it('refuses a wrong password with a message and shows no console', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${testStack().gatewayUrl}/console/`);
  await page.getByLabel('Username').fill(testStack().consoleLogin.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'wrong username or password' }).waitFor();
  expect(await page.getByRole('navigation').count()).toBe(0);
  await page.close();
});
