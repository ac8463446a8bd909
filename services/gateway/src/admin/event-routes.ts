import { Router } from 'express';
import type { OrderChanged } from '@omniflow/contracts';
import { toAmount } from '../orders/present';
import type { AdminDeps } from './admin-deps';
import { authenticateStaff } from './staff';

/** A comment line this often keeps idle connections from being cut by proxies and tells the client we are alive. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after the stream drops. */
export const RETRY_MS = 2_000;

/** An order change as the API speaks (major units), enough to update a listing row. */
export function presentChange(change: OrderChanged) {
  const { orderId, customerId, status, reason, currency, version, createdAt, at } = change;
  return { orderId, customerId, status, reason, amount: toAmount(change.totalCents), currency, version, createdAt, at };
}

/**
 * GET /api/v1/admin/events: Server-Sent Events, one `event: order` per order change, as the orchestrator
 * publishes them on the order-events topic. The bearer token goes in the Authorization header as everywhere
 * (the console reads the stream with fetch; EventSource cannot send headers, and a token in the URL would
 * end up in logs).
 */
export function eventRoutes({ feed, authSecret }: AdminDeps): Router {
  return Router().get('/api/v1/admin/events', (req, res) => {
    authenticateStaff(req, authSecret);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx and friends would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const unsubscribe = feed.subscribe(
      (change) => res.write(`event: order\ndata: ${JSON.stringify(presentChange(change))}\n\n`),
      () => res.end(),
    );
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
