import {
  ApplicationFailure,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
} from '@temporalio/client';
import {
  AUDIT_UPDATE,
  CANCEL_UPDATE,
  ORDER_QUERY,
  ORDER_WORKFLOW,
  workflowIdFor,
  type AuditRequest,
  type CancelRequest,
  type OrderView,
  type OrderWorkflowInput,
  placedOrder,
} from '@omniflow/contracts/orders';
import { HttpError } from '../http/errors';

/**
 * A query is answered by a worker replaying the workflow. With no worker polling (the orchestrator down),
 * Temporal holds the call about 30 s before failing it; the gateway gives up sooner and says so with a 503.
 * Reads come from the read model (current-order.ts), and `get` needs no worker either for the orders placed
 * since the memo holds them; only older ones in progress, and failed or terminated workflows, are queried.
 */
const QUERY_DEADLINE_MS = 5_000;

/** The memo key under which an order's workflow keeps the order as placed, readable with no worker. */
const PLACED_ORDER_MEMO = 'placedOrder';

/** Either this call started the workflow, or one with the same order id exists, started for `requestHash`. */
export type StartOutcome = { started: true } | { started: false; requestHash: string | null };

/** What an Update came to; anything else (Temporal down, a time-out) is thrown. */
export type UpdateOutcome =
  | { kind: 'applied'; order: OrderView }
  /** The workflow refused it with an ApplicationFailure of this type (UpdateRejection). */
  | { kind: 'rejected'; type: string | null }
  /** The workflow has already finished: nothing can change any more. */
  | { kind: 'closed' }
  | { kind: 'not_found' };

/** The gateway's whole view of Temporal: start an order's workflow, read its state, ask it to change. */
export interface OrderWorkflows {
  /** Never starts a second workflow for an order id, even after the first has closed. */
  start(input: OrderWorkflowInput, requestHash: string): Promise<StartOutcome>;
  /**
   * Undefined when no such order exists. Without a worker: a completed order from its result, a running one as
   * it was placed (its memo), which is what the read model shows until its first row lands (current-order.ts).
   */
  get(orderId: string): Promise<OrderView | undefined>;
  /** Whether the order's workflow exists and has not closed (one describe; no worker needed). */
  isRunning(orderId: string): Promise<boolean>;
  /** Whether a workflow was ever started for the order (running or closed); cheaper than `get`. */
  exists(orderId: string): Promise<boolean>;
  audit(orderId: string, request: AuditRequest): Promise<UpdateOutcome>;
  cancel(orderId: string, request: CancelRequest): Promise<UpdateOutcome>;
}

export function temporalOrderWorkflows(client: Client, taskQueue: string): OrderWorkflows {
  const handleFor = (orderId: string) => client.workflow.getHandle(workflowIdFor(orderId));

  /** The workflow's status as the server has it (one describe, no worker); undefined when there is none. */
  async function statusOf(orderId: string): Promise<string | undefined> {
    try {
      return (await handleFor(orderId).describe()).status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  async function update<Request>(orderId: string, name: string, request: Request): Promise<UpdateOutcome> {
    try {
      return { kind: 'applied', order: await handleFor(orderId).executeUpdate<OrderView, [Request]>(name, { args: [request] }) };
    } catch (err) {
      return updateOutcomeOf(err);
    }
  }

  return {
    async start(input, requestHash) {
      try {
        await client.workflow.start(ORDER_WORKFLOW, {
          taskQueue,
          workflowId: workflowIdFor(input.orderId),
          args: [input],
          // Running duplicates are refused by the default conflict policy (FAIL); this refuses closed ones too.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          memo: { requestHash, [PLACED_ORDER_MEMO]: placedOrder(input, input.placedAt ?? new Date().toISOString()) },
        });
        return { started: true };
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        const { memo } = await handleFor(input.orderId).describe();
        return { started: false, requestHash: typeof memo?.requestHash === 'string' ? memo.requestHash : null };
      }
    },
    async get(orderId) {
      const handle = handleFor(orderId);
      try {
        return await client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, async () => {
          // A completed order's view is its workflow's result, which the server reads from the history: no worker
          // has to replay the workflow for it, so finished orders stay readable while every worker is down or busy.
          // (A terminated or failed workflow has no result; its query still answers.)
          const { status, memo } = await handle.describe();
          if (status.name === 'COMPLETED') return (await handle.result()) as OrderView;
          if (status.name === 'RUNNING' && memo?.[PLACED_ORDER_MEMO]) return memo[PLACED_ORDER_MEMO] as OrderView;
          return await handle.query<OrderView>(ORDER_QUERY);
        });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        if (err instanceof ServiceError) {
          throw new HttpError(503, 'unavailable', 'the order cannot be read right now (no worker answered); try again shortly', {
            'Retry-After': '5',
          });
        }
        throw err;
      }
    },
    isRunning: async (orderId) => (await statusOf(orderId)) === 'RUNNING',
    exists: async (orderId) => (await statusOf(orderId)) !== undefined,
    audit: (orderId, request) => update(orderId, AUDIT_UPDATE, request),
    cancel: (orderId, request) => update(orderId, CANCEL_UPDATE, request),
  };
}

/** The server's ApplicationFailure type for an Update it accepted but the workflow finished without answering. */
const ACCEPTED_UPDATE_COMPLETED_WORKFLOW = 'AcceptedUpdateCompletedWorkflow';

/**
 * How client 1.24 reports a failed Update:
 * - refused by the workflow's validator or handler: WorkflowUpdateFailedError, cause ApplicationFailure;
 * - sent to a closed workflow: the server answers gRPC NOT_FOUND "workflow execution already completed",
 *   which the client turns into WorkflowNotFoundError with that message (an unknown id also gives
 *   WorkflowNotFoundError, with another message);
 * - accepted, then the workflow finished before answering: WorkflowUpdateFailedError, cause ApplicationFailure
 *   of type AcceptedUpdateCompletedWorkflow.
 */
function updateOutcomeOf(err: unknown): UpdateOutcome {
  if (cannotTakeUpdateNow(err)) throw changeRefusedForNow();
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === ACCEPTED_UPDATE_COMPLETED_WORKFLOW) return { kind: 'closed' };
    return { kind: 'rejected', type: err.cause.type ?? null };
  }
  if (err instanceof WorkflowNotFoundError) {
    return /already completed/i.test(err.message) ? { kind: 'closed' } : { kind: 'not_found' };
  }
  throw err;
}

/** 503 for a change the order cannot take right now, though nothing was decided: the same request works shortly. */
export const changeRefusedForNow = (): HttpError =>
  new HttpError(503, 'unavailable', 'the order cannot take this change right now; try again shortly', { 'Retry-After': '2' });

/** gRPC status codes the server answers an Update with when it cannot take one now (@grpc/grpc-js `status`). */
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_FAILED_PRECONDITION = 9;
const GRPC_UNAVAILABLE = 14;

/**
 * The workflow cannot take an Update right now, and nothing was decided: the same request works shortly. The
 * client wraps the server's answer in a ServiceError whose message is only "Workflow Update failed"; the reason
 * is its gRPC cause (seen in the chaos runs):
 * - FAILED_PRECONDITION "Workflow Task in failed state": its task is being retried after a crash or a time-out;
 * - RESOURCE_EXHAUSTED: the workflow already holds as many Updates in flight as the server allows;
 * - UNAVAILABLE: the server aborted the Update (e.g. shutting down) or cannot be reached.
 * Or the call itself ran out of time.
 */
function cannotTakeUpdateNow(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (!(err instanceof ServiceError) || !isGrpcServiceError(err.cause)) return false;
  const { code, details } = err.cause;
  return (
    code === GRPC_UNAVAILABLE ||
    code === GRPC_RESOURCE_EXHAUSTED ||
    (code === GRPC_FAILED_PRECONDITION && /workflow task in failed state/i.test(details))
  );
}
