import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import {
  AUDIT_UPDATE,
  CANCEL_UPDATE,
  ORDER_QUERY,
  type AuditRequest,
  type CancelRequest,
  type OrderView,
  type OrderWorkflowInput,
} from '@omniflow/contracts/orders';
import { OrderSaga } from './saga';

export const getOrder = defineQuery<OrderView>(ORDER_QUERY);
export const audit = defineUpdate<OrderView, [AuditRequest]>(AUDIT_UPDATE);
export const cancel = defineUpdate<OrderView, [CancelRequest]>(CANCEL_UPDATE);

/**
 * One order: reserve stock, wait for an auditor if the total is above the review threshold, charge, ship one
 * parcel per warehouse. A rejection, time-out, decline or cancel compensates what was done (see OrderSaga).
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderView> {
  const saga = new OrderSaga(input);
  setHandler(getOrder, () => saga.order);
  setHandler(audit, (request) => saga.decide(request), { validator: (_request) => saga.assertAwaitingReview() });
  setHandler(cancel, (request) => saga.cancel(request), { validator: (_request) => saga.assertCancellable() });

  await saga.run();
  await saga.flushProjections();
  // An Update still returning its answer must get it before the workflow closes.
  await condition(allHandlersFinished);
  return saga.order;
}
