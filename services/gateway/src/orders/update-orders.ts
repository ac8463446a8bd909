import type { RequestHandler } from 'express';
import { UpdateRejection } from '@omniflow/contracts/orders';
import { authenticate } from '../auth/authenticate';
import { HttpError } from '../http/errors';
import { requireJsonBody } from '../http/json-body';
import { noteOrder } from '../http/observe';
import { findVisibleOrder, orderNotFound, requireAuditor, requireMayChange } from './access';
import { currentOrders, untilProjected, type OrderSource } from './current-order';
import type { OrderDeps } from './order-deps';
import type { OrderDirectory } from './directory';
import { presentOrder } from './present';
import { parseOrderId } from './request';
import { parseAuditRequest, parseCancelRequest } from './update-request';
import { changeRefusedForNow, type OrderWorkflows, type UpdateOutcome } from './workflow-client';

/** POST /api/v1/orders/:id/audit: an auditor approves or rejects an order waiting in PENDING_REVIEW. */
export function auditOrder({ workflows, directory, authSecret }: OrderDeps): RequestHandler {
  const orders = currentOrders(directory, workflows);
  return async (req, res) => {
    // Who asks is settled before anything is read or sent: a refused caller changes nothing.
    const caller = authenticate(req, authSecret);
    requireAuditor(caller);
    const orderId = parseOrderId(req.params.id);
    noteOrder(res, orderId);
    requireJsonBody(req, 'the decision');
    const { action, reason } = parseAuditRequest(req.body);
    const outcome = await workflows.audit(orderId, { action, reason, auditor: caller.sub });
    res.json(presentOrder(await appliedOrder(outcome, orderId, notAwaitingReview, { orders, directory, workflows })));
  };
}

/** POST /api/v1/orders/:id/cancel: whoever may see an order may cancel it until it leaves a warehouse. */
export function cancelOrder({ workflows, directory, authSecret }: OrderDeps): RequestHandler {
  const orders = currentOrders(directory, workflows);
  return async (req, res) => {
    const caller = authenticate(req, authSecret);
    requireMayChange(caller);
    const orderId = parseOrderId(req.params.id);
    noteOrder(res, orderId);
    requireJsonBody(req, 'the cancellation', { optional: true });
    const { reason } = parseCancelRequest(req.body);
    await findVisibleOrder(orders, caller, orderId);
    const outcome = await workflows.cancel(orderId, { reason, requestedBy: caller.sub });
    res.json(presentOrder(await appliedOrder(outcome, orderId, tooLateToCancel, { orders, directory, workflows })));
  };
}

/** How an update that the order's state does not allow is refused: the workflow's rejection type and the 409. */
interface Refusal {
  rejection: string;
  error: () => HttpError;
}

const notAwaitingReview: Refusal = {
  rejection: UpdateRejection.notAwaitingReview,
  error: () => new HttpError(409, 'not_awaiting_review', 'the order is not waiting for a review'),
};

const tooLateToCancel: Refusal = {
  rejection: UpdateRejection.tooLateToCancel,
  error: () => new HttpError(409, 'too_late_to_cancel', 'the order can no longer be cancelled'),
};

/**
 * The order a change left, once a read of it would show as much (GET reads the read model). A finished workflow
 * refuses like its own rejection would: the order's state no longer allows the change.
 */
async function appliedOrder(
  outcome: UpdateOutcome,
  orderId: string,
  refusal: Refusal,
  { orders, directory, workflows }: { orders: OrderSource; directory: OrderDirectory; workflows: OrderWorkflows },
) {
  switch (outcome.kind) {
    case 'applied':
      await untilProjected(directory, outcome.order);
      return outcome.order;
    case 'closed':
      throw refusal.error();
    case 'rejected':
      if (outcome.type === refusal.rejection) throw refusal.error();
      throw new Error(`order ${orderId}: the workflow rejected the update with an unexpected ${outcome.type}`);
    case 'not_found':
      // Usually no such order. But a restarting Temporal server can briefly not find a running workflow (seen
      // in the chaos runs): if the order answers a read, the change is refused for now, not for good — unless its
      // workflow has closed meanwhile (an Update racing the order's last step), when no change can ever apply.
      if (!(await orders.get(orderId))) throw orderNotFound(orderId);
      if (!(await workflows.isRunning(orderId))) throw refusal.error();
      throw changeRefusedForNow();
  }
}
