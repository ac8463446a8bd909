import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { api, openDatabase, stockOf, temporalClient, testStack, tokenFor } from '@omniflow/devstack/testing';

/** The saga's human and customer paths, over HTTP against the real stack, as the README tells users to run them. */
let temporal: { client: Client; close: () => Promise<void> };
let inventory: Sequelize;
beforeAll(async () => {
  temporal = await temporalClient();
  inventory = openDatabase('inventory');
});
afterAll(async () => {
  await temporal.close();
  await inventory.close();
});

const auditor = () => tokenFor('auditor-ann', 'auditor');
const finished = (orderId: string) => temporal.client.workflow.getHandle(workflowIdFor(orderId)).result();

/** Polls the order (bounded by the test timeout) until it shows the given status. */
async function waitFor(orderId: string, status: string, token?: string): Promise<void> {
  while ((await api('GET', `/api/v1/orders/${orderId}`, { token })).body.status !== status) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Places an order and waits until it shows the given status. */
async function placeAndWaitFor(status: string, body: unknown, token?: string): Promise<string> {
  const placed = await api('POST', '/api/v1/orders', { body, token });
  expect(placed.status).toBe(202);
  await waitFor(placed.body.orderId, status, token);
  return placed.body.orderId;
}

describe("the README's scenario B: a MacPro (20000) waits for an auditor", () => {
  it('is rejected with the auditor header: REJECTED, stock released', async () => {
    const before = await stockOf(inventory, 'MacPro');
    const orderId = await placeAndWaitFor('PENDING_REVIEW', { amount: 20000, items: ['MacPro'] });
    const held = await stockOf(inventory, 'MacPro');
    expect(held['WH-EAST']!.reserved).toBe(before['WH-EAST']!.reserved + 1);

    const answer = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'REJECT' }, token: auditor() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ orderId, status: 'REJECTED', review: { auditor: 'auditor-ann', action: 'REJECT' } });
    expect(await stockOf(inventory, 'MacPro')).toEqual(before);
  });

  it('is approved with the auditor header: charged and shipped', async () => {
    const orderId = await placeAndWaitFor('PENDING_REVIEW', { amount: 20000, items: ['MacPro'] });
    const answer = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'APPROVE', reason: 'known customer' }, token: auditor() });
    expect(answer.status).toBe(200);
    // The order once the decision took effect: charged, and possibly already shipping.
    expect(answer.body.timeline.map((entry: { status: string }) => entry.status)).toContain('PAID');
    expect(answer.body.review).toMatchObject({ action: 'APPROVE', reason: 'known customer' });
    expect((await finished(orderId)).status).toBe('COMPLETED');
  });

  it('cannot be audited without the auditor role, and nothing changes', async () => {
    const orderId = await placeAndWaitFor('PENDING_REVIEW', { amount: 20000, items: ['MacPro'] });
    const asGuest = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'APPROVE' } });
    const asCustomer = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'APPROVE' }, token: tokenFor('carol', 'customer') });
    const forged = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'APPROVE' }, token: `${auditor()}x` });
    expect([asGuest.status, asCustomer.status, forged.status]).toEqual([401, 403, 401]);
    expect(asGuest.body.error.code).toBe('unauthenticated');
    expect((await api('GET', `/api/v1/orders/${orderId}`)).body).toMatchObject({ status: 'PENDING_REVIEW', review: null });

    const unknownAction = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'MAYBE' }, token: auditor() });
    expect(unknownAction.status).toBe(400);
    const rejected = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'REJECT' }, token: auditor() });
    expect(rejected.body.status).toBe('REJECTED');
    const again = await api('POST', `/api/v1/orders/${orderId}/audit`, { body: { action: 'APPROVE' }, token: auditor() });
    expect(again.status).toBe(409);
  });
});

/** curl as a user runs it; its output is the answer's body (the seed's lines ask for nothing else). */
async function curl(...args: string[]): Promise<{ orderId: string; status: string }> {
  const { stdout } = await promisify(execFile)('curl', args);
  return JSON.parse(stdout);
}

describe("the original seed's curl lines, byte for byte (curl -d labels them form-encoded)", () => {
  const orders = `${testStack().gatewayUrl}/api/v1/orders`;

  it('places scenario A, which completes, and scenario B, which the audit line rejects (with the auditor token added)', async () => {
    const a = await curl('-X', 'POST', orders, '-d', '{"amount": 500, "items": ["iPhone15"]}');
    const b = await curl('-X', 'POST', orders, '-d', '{"amount": 20000, "items": ["MacPro"]}');
    expect([a, b]).toMatchObject([{ status: 'PENDING' }, { status: 'PENDING' }]);
    expect((await finished(a.orderId)).status).toBe('COMPLETED');

    await waitFor(b.orderId, 'PENDING_REVIEW');
    // The one difference from the seed: auditing needs the auditor's bearer token.
    const audited = await curl('-X', 'POST', `${orders}/${b.orderId}/audit`, '-d', '{"action": "REJECT"}', '-H', `Authorization: Bearer ${auditor()}`);
    expect(audited).toMatchObject({ orderId: b.orderId, status: 'REJECTED' });
    expect((await finished(b.orderId)).status).toBe('REJECTED');
  });
});

describe('customer cancel', () => {
  it('before shipping: compensated, CANCELLED, stock back', async () => {
    const before = await stockOf(inventory, 'MacPro');
    const orderId = await placeAndWaitFor('PENDING_REVIEW', { amount: 20000, items: ['MacPro'] });
    const answer = await api('POST', `/api/v1/orders/${orderId}/cancel`, { body: { reason: 'found it cheaper' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'CANCELLED', reason: 'found it cheaper' });
    expect(await stockOf(inventory, 'MacPro')).toEqual(before);
  });

  it('after shipping has started: 409, nothing changes', async () => {
    const placed = await api('POST', '/api/v1/orders', { body: { amount: 500, items: ['iPhone15'] } });
    await finished(placed.body.orderId);
    const answer = await api('POST', `/api/v1/orders/${placed.body.orderId}/cancel`);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('too_late_to_cancel');
    expect((await api('GET', `/api/v1/orders/${placed.body.orderId}`)).body.status).toBe('COMPLETED');
  });

  it("is only for the order's own customer", async () => {
    const dana = tokenFor('dana', 'customer');
    const orderId = await placeAndWaitFor('PENDING_REVIEW', { items: ['MacPro'] }, dana);
    const byStranger = await api('POST', `/api/v1/orders/${orderId}/cancel`, { token: tokenFor('eve', 'customer') });
    const byGuest = await api('POST', `/api/v1/orders/${orderId}/cancel`);
    expect([byStranger.status, byGuest.status]).toEqual([404, 404]);
    expect((await api('POST', `/api/v1/orders/${orderId}/cancel`, { token: dana })).body.status).toBe('CANCELLED');
  });
});

describe('Idempotency-Key', () => {
  it('returns the same order for a retried POST, without a second workflow', async () => {
    const key = randomUUID();
    const body = { amount: 500, items: ['iPhone15'] };
    const first = await api('POST', '/api/v1/orders', { body, headers: { 'idempotency-key': key } });
    const retry = await api('POST', '/api/v1/orders', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.orderId).toBe(first.body.orderId);
    const runs = await temporal.client.workflow.count(`WorkflowId = "${workflowIdFor(first.body.orderId)}"`);
    expect(runs.count).toBe(1);
  });

  it('refuses a reused key with a different body (409), starting nothing', async () => {
    const key = randomUUID();
    const first = await api('POST', '/api/v1/orders', { body: { items: ['iPhone15'] }, headers: { 'idempotency-key': key } });
    const other = await api('POST', '/api/v1/orders', { body: { items: ['iPad'] }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect((await finished(first.body.orderId)).lines).toEqual([expect.objectContaining({ sku: 'iPhone15' })]);
  });
});

it("lists orders from the read model: an auditor filters by status, a customer sees only their own", async () => {
  const frank = tokenFor('frank', 'customer');
  const placed = await api('POST', '/api/v1/orders', { body: { items: ['iPhone15'] }, token: frank });
  await finished(placed.body.orderId);

  const mine = await api('GET', '/api/v1/orders?status=COMPLETED', { token: frank });
  expect(mine.status).toBe(200);
  expect(mine.body.orders.map((order: { orderId: string }) => order.orderId)).toEqual([placed.body.orderId]);
  const all = await api('GET', '/api/v1/orders?customerId=frank', { token: auditor() });
  expect(all.body.orders).toEqual([expect.objectContaining({ orderId: placed.body.orderId, status: 'COMPLETED', customerId: 'frank' })]);
  expect((await api('GET', '/api/v1/orders')).status).toBe(401);
  expect((await api('GET', '/api/v1/orders?status=LOST', { token: auditor() })).status).toBe(400);
});
