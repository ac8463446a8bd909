/**
 * The orders a chaos run places: a seeded mix of every path through the saga, each kind with the ends it may
 * reach. Each order is driven like a real client would: placed with an Idempotency-Key, then audited or
 * cancelled when its kind says so.
 */
import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@omniflow/contracts/orders';
import { TERMINAL_STATUSES } from '@omniflow/contracts/orders';
import { signToken } from '@omniflow/lib/auth';
import type { Gateways } from './gateways';
import type { Random } from './random';

export const ORDER_KINDS = {
  happy: { items: ['iPhone15'], ends: ['COMPLETED'] },
  /** iPad is only in WH-WEST and AirPods only in WH-EAST: two parcels, two child workflows. */
  split: { items: ['iPad', 'AirPods'], ends: ['COMPLETED'] },
  approve: { items: ['MacPro'], ends: ['COMPLETED'] },
  reject: { items: ['MacPro'], ends: ['REJECTED'] },
  decline: { items: ['iPhone15'], ends: ['PAYMENT_FAILED'] },
  /** Cancelled soon after it is placed; if the parcel left first, the cancel is refused and the order completes. */
  cancel: { items: ['AirPods'], ends: ['CANCELLED', 'COMPLETED'] },
  /** More than all the stock there is: refused at reservation, whatever else happens. */
  'out-of-stock': { items: [{ sku: 'iPad', qty: 1000 }], ends: ['OUT_OF_STOCK'] },
} as const satisfies Record<string, { items: readonly unknown[]; ends: readonly OrderStatus[] }>;

export type OrderKind = keyof typeof ORDER_KINDS;

const KIND_WEIGHTS: Record<OrderKind, number> = { happy: 35, split: 15, approve: 10, reject: 10, decline: 10, cancel: 12, 'out-of-stock': 8 };

/** The parts of the API's order (GET /api/v1/orders/:id) the checks compare; amounts in major units. */
export interface ApiOrder {
  status: OrderStatus;
  amount: number;
  chargedAmount: number;
  refundedAmount: number;
  items: { sku: string; qty: number; unitPrice: number }[];
  timeline: { status: OrderStatus; at: string; reason: string | null }[];
}

export interface PlacedOrder {
  orderId: string;
  kind: OrderKind;
  customerId: string;
  /** The API's answer once the order was terminal. */
  view?: ApiOrder;
  /** Whether a decision was sent (and answered) for an order in review. */
  audited?: boolean;
}

const POLL_MS = 300;

export class Workload {
  readonly orders: PlacedOrder[] = [];
  /** Orders the gateway refused outright (4xx at placement): a bug in this driver or the API, reported as such. */
  readonly refused: { kind: OrderKind; status: number; body: unknown }[] = [];

  constructor(
    private readonly gateways: Gateways,
    private readonly random: Random,
    private readonly authSecret: string,
  ) {}

  nextKind(): OrderKind {
    return this.random.weighted(KIND_WEIGHTS);
  }

  /** Places one order of `kind` and takes it as far as its client has to (audit, cancel). */
  async run(kind: OrderKind, n: number): Promise<void> {
    const customerId = kind === 'decline' ? `sim-decline-${n}` : `chaos-${n}`;
    const token = signToken(this.authSecret, { sub: customerId, role: 'customer' });
    const placed = await this.gateways.call('POST', '/api/v1/orders', {
      token,
      body: { items: ORDER_KINDS[kind].items },
      headers: { 'idempotency-key': randomUUID() },
    });
    if (placed.status !== 202 && placed.status !== 200) {
      this.refused.push({ kind, status: placed.status, body: placed.body });
      return;
    }
    const order: PlacedOrder = { orderId: placed.body.orderId, kind, customerId };
    this.orders.push(order);
    if (kind === 'approve' || kind === 'reject') await this.audit(order, token, kind === 'approve' ? 'APPROVE' : 'REJECT');
    if (kind === 'cancel') {
      await new Promise((resolve) => setTimeout(resolve, this.random.between(0, 1500)));
      // 409: too late (the parcel left) or already cancelled by an earlier attempt whose answer was lost.
      const answer = await this.gateways.call('POST', `/api/v1/orders/${order.orderId}/cancel`, { token, body: {} });
      if (answer.status !== 200 && answer.status !== 409) throw new Error(`cancel of ${order.orderId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
  }

  /**
   * Waits for the order to reach review, then decides, until the order has left review. A 409 means the order
   * was not (or no longer) awaiting review when the decision reached it: the next look tells which.
   */
  private async audit(order: PlacedOrder, token: string, action: 'APPROVE' | 'REJECT'): Promise<void> {
    const auditor = signToken(this.authSecret, { sub: 'chaos-auditor', role: 'auditor' });
    for (;;) {
      const { body } = await this.gateways.call('GET', `/api/v1/orders/${order.orderId}`, { token });
      if (TERMINAL_STATUSES.includes(body?.status) || (order.audited && body?.status !== 'PENDING_REVIEW')) return;
      if (body?.status === 'PENDING_REVIEW') {
        const answer = await this.gateways.call('POST', `/api/v1/orders/${order.orderId}/audit`, { token: auditor, body: { action, reason: 'chaos run' } });
        if (answer.status !== 200 && answer.status !== 409) throw new Error(`audit of ${order.orderId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        order.audited = true;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /**
   * Polls every order until the API shows it terminal, or the deadline passes; returns those still open. Each
   * order's final API view is kept for the checks.
   */
  async awaitQuiescence(deadlineMs: number): Promise<PlacedOrder[]> {
    const deadline = Date.now() + deadlineMs;
    let open = this.orders.filter((order) => !order.view);
    while (open.length > 0 && Date.now() < deadline) {
      for (const order of open) {
        const token = signToken(this.authSecret, { sub: order.customerId, role: 'customer' });
        // A workflow that cannot answer (e.g. stuck on a failing task) must not hold up the others' checks.
        const answer = await this.gateways.call('GET', `/api/v1/orders/${order.orderId}`, { token, deadlineMs: 10_000 }).catch(() => undefined);
        if (answer?.status === 200 && TERMINAL_STATUSES.includes(answer.body.status)) order.view = answer.body as ApiOrder;
      }
      open = open.filter((order) => !order.view);
      if (open.length > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return open;
  }
}
