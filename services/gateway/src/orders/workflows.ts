import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ORDER_QUERY, ORDER_WORKFLOW, workflowIdFor, type OrderView, type OrderWorkflowInput } from '@omniflow/contracts/orders';

/** The gateway's whole view of Temporal: start an order's workflow, read its state back. */
export interface OrderWorkflows {
  start(input: OrderWorkflowInput): Promise<void>;
  /** Undefined when no such order exists. */
  get(orderId: string): Promise<OrderView | undefined>;
}

export function temporalOrderWorkflows(client: Client, taskQueue: string): OrderWorkflows {
  return {
    async start(input) {
      await client.workflow.start(ORDER_WORKFLOW, { taskQueue, workflowId: workflowIdFor(input.orderId), args: [input] });
    },
    async get(orderId) {
      try {
        return await client.workflow.getHandle(workflowIdFor(orderId)).query<OrderView>(ORDER_QUERY);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
  };
}
