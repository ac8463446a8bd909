import { UpdateRejection } from '@omniflow/contracts/orders';
import { serveGateway } from '../testing/gateway';
import type { UpdateOutcome } from './workflow-client';

const gateway = serveGateway();
const AUDITOR = { sub: 'audrey', role: 'auditor' as const };
const ORDER = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const UNKNOWN = '0b7f3c1e-9a4d-4e2f-8c61-5d0a9e8b7f21';

const audit = (body: unknown, orderId = ORDER) => gateway.call(`/api/v1/orders/${orderId}/audit`, { method: 'POST', as: AUDITOR, body });
const cancel = (body?: unknown, orderId = ORDER) => gateway.call(`/api/v1/orders/${orderId}/cancel`, { method: 'POST', body });

describe('POST /api/v1/orders/:id/audit', () => {
  it.each([
    ['APPROVE', 'PAID'],
    ['REJECT', 'REJECTED'],
  ])('sends %s with its reason and answers with the order the workflow returns', async (action, status) => {
    gateway.orders.seed(ORDER, 'alice', 'PENDING_REVIEW');
    const response = await audit({ action, reason: 'looks fine' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ orderId: ORDER, status, review: { action, reason: 'looks fine', auditor: 'audrey' } });
    expect(gateway.orders.updates).toEqual([{ name: 'audit', orderId: ORDER, request: { action, reason: 'looks fine', auditor: 'audrey' } }]);
  });

  it.each<[string, unknown]>([
    ['an unknown action', { action: 'ESCALATE' }],
    ['a lower-case action', { action: 'approve' }],
    ['no action', { reason: 'hm' }],
  ])('refuses %s with 400 invalid_action, sending nothing', async (_name, body) => {
    gateway.orders.seed(ORDER, 'alice', 'PENDING_REVIEW');
    const response = await audit(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_action');
    expect(gateway.orders.updates).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a reason over 500 characters', { action: 'APPROVE', reason: 'x'.repeat(501) }],
    ['an unknown field', { action: 'APPROVE', amount: 1 }],
    ['a body that is not an object', ['APPROVE']],
  ])('refuses %s with 400 invalid_request, sending nothing', async (_name, body) => {
    const response = await audit(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
    expect(gateway.orders.updates).toEqual([]);
  });

  it('answers 409 not_awaiting_review when the workflow rejects it', async () => {
    gateway.orders.seed(ORDER, 'alice', 'PAID');
    const response = await audit({ action: 'APPROVE' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('not_awaiting_review');
  });

  it('answers 409 not_awaiting_review when the workflow has already finished', async () => {
    gateway.orders.updateOutcome = { kind: 'closed' };
    const response = await audit({ action: 'REJECT' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('not_awaiting_review');
  });

  it('answers 404 for an unknown order and 400 for a malformed id', async () => {
    expect((await audit({ action: 'APPROVE' }, UNKNOWN)).status).toBe(404);
    expect((await audit({ action: 'APPROVE' }, 'nope')).status).toBe(400);
  });
});

describe('POST /api/v1/orders/:id/cancel', () => {
  it('cancels with no body at all, giving no reason', async () => {
    gateway.orders.seed(ORDER, 'guest', 'PAID');
    const response = await cancel();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ orderId: ORDER, status: 'CANCELLED' });
    expect(gateway.orders.updates).toEqual([{ name: 'cancel', orderId: ORDER, request: { reason: null, requestedBy: 'guest' } }]);
  });

  it.each([
    ['the workflow says it is too late', 'SHIPPING' as const],
    ['the workflow has already finished', 'COMPLETED' as const],
  ])('answers 409 too_late_to_cancel when %s', async (_name, status) => {
    gateway.orders.seed(ORDER, 'guest', status);
    const response = await cancel({ reason: 'oops' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('too_late_to_cancel');
    expect(gateway.orders.orders.get(ORDER)?.status).toBe(status);
  });

  it('answers 404 for an unknown order, sending nothing', async () => {
    const response = await cancel({}, UNKNOWN);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('order_not_found');
    expect(gateway.orders.updates).toEqual([]);
  });

  it('answers 503 + Retry-After when Temporal cannot find an order that still answers reads (a restarting server)', async () => {
    gateway.orders.seed(ORDER, 'guest');
    gateway.orders.updateOutcome = { kind: 'not_found' };
    const response = await cancel();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body.error.code).toBe('unavailable');
  });

  it('answers 409 when Temporal no longer finds the workflow because it has just closed (an Update racing its last step)', async () => {
    gateway.orders.seed(ORDER, 'guest', 'CANCELLED');
    gateway.orders.updateOutcome = { kind: 'not_found' };
    const response = await cancel();
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('too_late_to_cancel');
  });

  it('refuses a body that is not JSON with 415 and a wrong one with 400, sending nothing', async () => {
    gateway.orders.seed(ORDER, 'guest');
    const form = await gateway.call(`/api/v1/orders/${ORDER}/cancel`, { method: 'POST', body: 'reason=x', headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
    expect((await cancel({ reason: 42 })).status).toBe(400);
    expect(gateway.orders.updates).toEqual([]);
  });

  it('is a server error, not a client one, when the workflow rejects with a type it never should', async () => {
    gateway.orders.seed(ORDER, 'guest');
    gateway.orders.updateOutcome = { kind: 'rejected', type: UpdateRejection.notAwaitingReview } satisfies UpdateOutcome;
    const response = await cancel();
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('internal_error');
  });
});
