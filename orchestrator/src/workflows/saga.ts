import { ApplicationFailure, CancellationScope, condition, executeChild, patched, sleep } from '@temporalio/workflow';
import {
  CANCELLABLE_STATUSES,
  UpdateRejection,
  shipmentWorkflowIdFor,
  type AuditRequest,
  type CancelRequest,
  type OrderStatus,
  type OrderView,
  type OrderWorkflowInput,
  type PricedLine,
  placedOrder,
} from '@omniflow/contracts/orders';
import type { CommandActivities } from '../commands/steps';
import { commandActivities } from '../commands/workflow-proxies';
import type { Projection } from '../read-model/project';
import { projectOrder, projectOrderLocally } from '../read-model/projection-proxies';
import { shipmentWorkflow } from './shipment';

/** Thrown by a step to end the saga early: what was done so far is compensated, then the order ends so. */
class SagaStop extends Error {
  constructor(
    readonly status: OrderStatus,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Orders started before this patch project through a local activity; see read-model/projection-proxies.ts for why no longer. */
const READ_MODEL_BY_ACTIVITY = 'read-model-by-activity';
/** Orders started before this patch project every status change with an activity of its own, at once. */
const PROJECTIONS_CARRIED = 'projections-carried-by-commands';

const CANCELLED = Symbol('cancelled');
const TIMED_OUT = Symbol('timed out');

/** One order's saga: its state, the customer's and auditor's requests, and the compensations owed. */
export class OrderSaga {
  readonly order: OrderView;
  private readonly commands: CommandActivities;
  private decision: AuditRequest | null = null;
  private cancelRequest: CancelRequest | null = null;
  /** Set once an early end is being compensated: no more decisions or cancellations are taken then. */
  private ending = false;
  /** Undo steps for what was begun, newest first. Registered before a command is sent, not after it answers. */
  private readonly compensations: (() => Promise<void>)[] = [];
  /** Read-model writes in flight: the saga does not wait for each, only for all of them before it ends. */
  private readonly projections: Promise<void>[] = [];
  /** Whether status changes ride on the next command (see `sendCarrying`), or each is written at once (older orders). */
  private readonly carriesProjections: boolean;
  /** The timeline's length the last write was scheduled with: entries past it are not yet in the read model. */
  private projectedVersion = 0;
  /** The first timeline entry whose announcement is not yet certain: a carried write counts once its command answered. */
  private unannouncedFrom = 1;

  constructor(private readonly input: OrderWorkflowInput) {
    // Workflow time is deterministic in the sandbox; orders from before `placedAt` existed take their first task's.
    this.order = placedOrder(input, input.placedAt ?? new Date().toISOString());
    this.commands = commandActivities(input.policy.replyTimeoutMs);
    this.carriesProjections = patched(PROJECTIONS_CARRIED);
  }

  async run(): Promise<void> {
    this.project();
    try {
      await this.reserve();
      if (this.order.totalCents > this.input.policy.reviewThresholdCents) await this.review();
      await this.charge();
      if (this.cancelRequest) throw this.cancelled();
    } catch (err) {
      if (!(err instanceof SagaStop)) throw err;
      await this.compensate(err);
      return;
    }
    await this.ship();
  }

  // ---- Update handlers and their validators (validators must not change state) ----

  assertAwaitingReview(): void {
    if (this.order.status !== 'PENDING_REVIEW' || this.decision || this.ending) {
      throw ApplicationFailure.create({
        type: UpdateRejection.notAwaitingReview,
        message: `order is ${this.order.status}, not awaiting review`,
        nonRetryable: true,
      });
    }
  }

  /** Returns once the decision has taken effect: PAID (or a payment failure) on approval, REJECTED on rejection. */
  async decide(request: AuditRequest): Promise<OrderView> {
    this.decision = request;
    await condition(() => this.order.status !== 'PENDING_REVIEW');
    return this.order;
  }

  assertCancellable(): void {
    if (!CANCELLABLE_STATUSES.includes(this.order.status) || this.cancelRequest || this.ending) {
      throw ApplicationFailure.create({
        type: UpdateRejection.tooLateToCancel,
        message: `order is ${this.order.status}: it can no longer be cancelled`,
        nonRetryable: true,
      });
    }
  }

  /** Returns once the compensations have run and the order is CANCELLED. */
  async cancel(request: CancelRequest): Promise<OrderView> {
    this.cancelRequest = request;
    await condition(() => this.order.status === 'CANCELLED');
    return this.order;
  }

  // ---- The steps ----

  private async reserve(): Promise<void> {
    this.compensations.unshift(() => this.releaseStock());
    const reply = await this.unlessCancelled(
      this.sendCarrying((carried) =>
        this.commands.reserveStock({ orderId: this.order.orderId, lines: this.order.lines.map(({ sku, quantity }) => ({ sku, quantity })) }, carried),
      ),
    );
    if (reply.outcome !== 'RESERVED') {
      this.compensations.shift(); // nothing is held
      throw new SagaStop('OUT_OF_STOCK', reply.reason ?? 'out of stock');
    }
    this.order.allocations = reply.allocations;
    this.advance('RESERVED');
  }

  private async review(): Promise<void> {
    this.advance('PENDING_REVIEW', `total above the review threshold of ${this.input.policy.reviewThresholdCents / 100}`);
    this.writeUnprojected(); // the auditors' queue is read from the read model
    const timeoutMs = this.input.policy.reviewTimeoutMs;
    const decided = await this.unlessCancelled(condition(() => this.decision !== null, timeoutMs));
    if (!decided) throw new SagaStop('TIMED_OUT', `no audit decision within ${timeoutMs / 1000}s`);
    const { auditor, action, reason } = this.decision!;
    this.order.review = { auditor, action, reason, at: new Date().toISOString() };
    if (action === 'REJECT') throw new SagaStop('REJECTED', reason ?? `rejected by ${auditor}`);
  }

  private async charge(): Promise<void> {
    // Registered first: a charge still in flight when the order times out or is cancelled may yet happen.
    this.compensations.unshift(() => this.refund());
    const timeoutMs = this.input.policy.paymentTimeoutMs;
    const charge = this.sendCarrying((carried) =>
      this.commands.chargePayment(
        { orderId: this.order.orderId, customerId: this.order.customerId, amountCents: this.order.totalCents, currency: this.order.currency },
        carried,
      ),
    ).then((reply) => {
      // Recorded whenever it lands, also after a cancel or time-out stopped waiting for it: the refund that
      // follows is counted against it, so the order's charged − refunded stays what the payment service holds.
      if (reply.outcome === 'CHARGED') {
        this.order.paymentId = reply.paymentId;
        this.order.chargedCents = reply.amountCents;
      }
      return reply;
    });
    const reply = await this.unlessCancelled(within(timeoutMs, charge));
    if (reply === TIMED_OUT) throw new SagaStop('TIMED_OUT', `payment not confirmed within ${timeoutMs / 1000}s`);
    if (reply.outcome !== 'CHARGED') {
      this.compensations.shift(); // nothing was charged
      throw new SagaStop('PAYMENT_FAILED', reply.reason ?? 'payment declined');
    }
    this.advance('PAID');
  }

  private async ship(): Promise<void> {
    this.advance('SHIPPING');
    this.writeUnprojected(); // shipping may take a while: PAID and SHIPPING show meanwhile
    this.order.shipments = await Promise.all(
      parcelsOf(this.order).map(([warehouseId, lines]) =>
        executeChild(shipmentWorkflow, {
          workflowId: shipmentWorkflowIdFor(this.order.orderId, warehouseId),
          args: [{ orderId: this.order.orderId, warehouseId, lines, address: this.order.shippingAddress, replyTimeoutMs: this.input.policy.replyTimeoutMs }],
        }),
      ),
    );
    const failed = this.order.shipments.filter((shipment) => shipment.status === 'FAILED');
    this.order.refundedCents += failed.reduce((sum, shipment) => sum + shipment.refundedCents, 0);
    const why = failed.map((shipment) => `${shipment.warehouseId}: ${shipment.reason}`).join('; ');
    if (failed.length === 0) this.advance('COMPLETED');
    else if (failed.length === this.order.shipments.length) this.advance('SHIPPING_FAILED', why);
    else this.advance('PARTIALLY_SHIPPED', why);
  }

  // ---- Compensation ----

  private async compensate(stop: SagaStop): Promise<void> {
    this.ending = true;
    // Each compensation is an activity retried until it succeeds; a failure here is never swallowed.
    for (const undo of this.compensations) await undo();
    this.advance(stop.status, stop.reason);
  }

  private async releaseStock(): Promise<void> {
    await this.sendCarrying((carried) => this.commands.releaseStock({ orderId: this.order.orderId }, carried));
  }

  private async refund(): Promise<void> {
    const reply = await this.sendCarrying((carried) =>
      this.commands.refundPayment({ orderId: this.order.orderId, reason: 'order did not complete' }, carried),
    );
    this.order.refundedCents += reply.refundedCents;
  }

  // ---- Plumbing ----

  /**
   * Races a step against a cancel request. On cancel the step is abandoned: its late reply is ignored, and the
   * compensation already registered for it undoes it (or, arriving first, blocks it at the participant).
   */
  private async unlessCancelled<T>(step: Promise<T>): Promise<T> {
    step.catch(() => undefined); // an abandoned step failing later is not this workflow's failure
    const cancelled = condition(() => this.cancelRequest !== null).then((): typeof CANCELLED => CANCELLED);
    const result = await Promise.race([step, cancelled]);
    if (result === CANCELLED) throw this.cancelled();
    return result as T;
  }

  private cancelled(): SagaStop {
    const { reason, requestedBy } = this.cancelRequest!;
    return new SagaStop('CANCELLED', reason ?? `cancelled by ${requestedBy}`);
  }

  /** Records a status change (workflow time is deterministic in the sandbox: replay builds the same timeline). */
  private advance(status: OrderStatus, reason: string | null = null): void {
    this.order.status = status;
    this.order.reason = reason;
    this.order.timeline.push({ status, at: new Date().toISOString(), reason });
    this.project();
  }

  /**
   * A status change for the read model. It is written with the next command the saga sends (`sendCarrying`), or
   * alone where the saga waits for something else (`writeUnprojected`): an auditor, the shipments, its own end.
   * Older orders wrote each change at once, with an activity of its own.
   */
  private project(): void {
    if (this.carriesProjections) return;
    const project = patched(READ_MODEL_BY_ACTIVITY) ? projectOrder : projectOrderLocally;
    this.projections.push(project(this.order));
  }

  /**
   * Sends a command carrying the status changes not yet written, if any: its activity writes them before it
   * sends. Their announcement is certain once the command answers; until then a later write announces them too.
   */
  private sendCarrying<R>(send: (carried?: Projection) => Promise<R>): Promise<R> {
    const carried = this.unprojected();
    const reply = send(carried);
    if (carried) {
      const through = this.order.timeline.length;
      reply.then(
        () => void (this.unannouncedFrom = Math.max(this.unannouncedFrom, through + 1)),
        () => undefined, // the caller handles the failure
      );
    }
    return reply;
  }

  /** Writes the status changes not yet written with an activity of their own, without waiting for it. */
  private writeUnprojected(): void {
    const projection = this.unprojected();
    if (!projection) return;
    this.projections.push(projectOrder(projection.order, projection.announceFrom));
    this.unannouncedFrom = this.order.timeline.length + 1; // awaited before the workflow closes
  }

  /**
   * The order as it stands, if it changed since the last write. Each write carries the timeline's length as its
   * version, so writes may land in any order. The argument is serialised when the activity is scheduled: it is a
   * snapshot of this moment.
   */
  private unprojected(): Projection | undefined {
    if (!this.carriesProjections || this.order.timeline.length === this.projectedVersion) return undefined;
    this.projectedVersion = this.order.timeline.length;
    return { order: this.order, announceFrom: this.unannouncedFrom };
  }

  /** Writes what is not yet written, then waits for every write: the read model holds the final state. */
  async flushProjections(): Promise<void> {
    this.writeUnprojected();
    await Promise.all(this.projections);
  }
}

/** `step`'s result, or TIMED_OUT if `ms` pass first; the timer is cancelled when the step wins. */
async function within<T>(ms: number, step: Promise<T>): Promise<T | typeof TIMED_OUT> {
  const timerScope = new CancellationScope();
  const timer = timerScope.run(() => sleep(ms)).then((): typeof TIMED_OUT => TIMED_OUT);
  try {
    return await Promise.race([step, timer]);
  } finally {
    timerScope.cancel();
    timer.catch(() => undefined); // the cancelled timer rejects; that is expected
  }
}

/** The allocations grouped by warehouse, each line with its unit price (a failed parcel's refund needs it). */
function parcelsOf(order: OrderView): [string, PricedLine[]][] {
  const priceOf = new Map(order.lines.map((line) => [line.sku, line.unitPriceCents]));
  const parcels = new Map<string, PricedLine[]>();
  for (const { warehouseId, sku, quantity } of order.allocations) {
    parcels.set(warehouseId, [...(parcels.get(warehouseId) ?? []), { sku, quantity, unitPriceCents: priceOf.get(sku)! }]);
  }
  return [...parcels].sort(([a], [b]) => a.localeCompare(b));
}
