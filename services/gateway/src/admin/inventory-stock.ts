import { HttpError } from '../http/errors';
import type { StockLevel } from '@omniflow/contracts';
import type { StockSource } from './admin-deps';

/** Long enough for one indexed query on a loaded machine; a console waiting longer helps nobody. */
const INVENTORY_TIMEOUT_MS = 3_000;

const unavailable = (why: string) => new HttpError(503, 'inventory_unavailable', `stock levels cannot be read right now: ${why}`, { 'Retry-After': '5' });

/** Asks inventory's HTTP API, `GET /stock` (docs/inventory-api.md); null URL: not configured, 503. */
export function inventoryStock(inventoryUrl: string | null): StockSource {
  return {
    async levels(sku) {
      if (inventoryUrl === null) throw unavailable('INVENTORY_URL is not set');
      let response: Response;
      try {
        response = await fetch(`${inventoryUrl}/stock${sku === null ? '' : `?sku=${encodeURIComponent(sku)}`}`, {
          signal: AbortSignal.timeout(INVENTORY_TIMEOUT_MS),
        });
      } catch (err) {
        throw unavailable(`the inventory service did not answer (${(err as Error).message})`);
      }
      // The gateway validated the query, so any refusal is the inventory service's problem, not the client's.
      if (!response.ok) throw unavailable(`the inventory service answered ${response.status}`);
      return ((await response.json()) as { stock: StockLevel[] }).stock;
    },
  };
}
