/**
 * Headless Chromium for the console's browser test and screenshots: Debian's `chromium` (installed by
 * `infra.sh browser` when missing) driven by playwright-core, which downloads nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../infra';

/**
 * Without the background-networking flags Chromium reaches out to Google's services at start and, on a machine
 * whose network is closed, its connections are refused; none of that is needed to render a local page.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The path of Debian's chromium, installed first if it is missing; throws with infra.sh's reason if it cannot be. */
export function chromiumPath(): string {
  try {
    const output = execFileSync('bash', [resolve(REPO_ROOT, 'devstack/infra/infra.sh'), 'browser'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return output.trim().split('\n').at(-1)!;
  } catch (err) {
    throw new Error(`no Chromium for the console's browser test: ${(err as Error).message}`);
  }
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless Chromium with a throw-away profile (no state from an earlier run). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  const userDataDir = mkdtempSync(join(tmpdir(), 'omniflow-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the console in a new tab, logs in, and waits until the live feed is connected. */
export async function openConsole(browser: Browser, gatewayUrl: string, login: { username: string; password: string }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${gatewayUrl}/console/`);
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-live="live"]').waitFor();
  return page;
}

/** Moves within the console the way a person does (a click on its menu): the page is never reloaded. */
export async function goTo(page: Page, menuItem: 'Orders' | 'Review queue' | 'Inventory'): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: menuItem }).click();
}

/** The inventory page's cells for one SKU: warehouse → available and reserved. */
export async function stockShown(page: Page, sku: string): Promise<Record<string, { available: number; reserved: number }>> {
  return page.$$eval(`tr[data-sku="${sku}"]`, (rows) =>
    Object.fromEntries(
      rows.map((row) => [
        row.getAttribute('data-warehouse'),
        {
          available: Number(row.querySelector('[data-field="available"]')?.textContent),
          reserved: Number(row.querySelector('[data-field="reserved"]')?.textContent),
        },
      ]),
    ),
  );
}
