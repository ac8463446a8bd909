import type { Client } from '@temporalio/client';
import { workflowIdFor } from '@omniflow/contracts/orders';
import type { StackSettings } from '../stack/settings';

/** POSTs an order in the seed's shape and answers its id. */
async function place(settings: StackSettings, body: object): Promise<string> {
  const response = await fetch(`${settings.gatewayUrl}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { orderId: string }).orderId;
}

/** Places a seed-shaped order over HTTP and waits for its saga to end; returns its id. */
export async function placeAndWait(settings: StackSettings, client: Client): Promise<string> {
  const orderId = await place(settings, { amount: 500, items: ['iPhone15'] });
  await client.workflow.getHandle(workflowIdFor(orderId)).result();
  return orderId;
}

/**
 * Places an order above the review threshold (README's scenario B) and returns its id once it waits for an
 * auditor: an order in progress, held there until the review time-out (30 min: the bench stack keeps production's clocks).
 */
export async function placeForReview(settings: StackSettings): Promise<string> {
  const orderId = await place(settings, { amount: 20000, items: ['MacPro'] });
  for (;;) {
    const response = await fetch(`${settings.gatewayUrl}/api/v1/orders/${orderId}`);
    if (response.status === 200 && ((await response.json()) as { status: string }).status === 'PENDING_REVIEW') return orderId;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
