import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { AUDIT_UPDATE, CANCEL_UPDATE, ORDER_QUERY, UpdateRejection, placedOrder, type OrderWorkflowInput } from '@omniflow/contracts/orders';
import { POLICY, viewOf } from '../testing/gateway';
import { temporalOrderWorkflows } from './workflow-client';

/** A Temporal client that records what the gateway asks of it and answers or fails as each test says. */
function fakeClient(behaviour: {
  start?: () => Promise<unknown>;
  executeUpdate?: () => Promise<unknown>;
  memo?: Record<string, unknown>;
  status?: string;
  result?: () => Promise<unknown>;
  query?: () => Promise<unknown>;
}) {
  const sent: unknown[] = [];
  const handle = (workflowId: string) => ({
    describe: async () => ({ workflowId, memo: behaviour.memo, status: { name: behaviour.status ?? 'RUNNING' } }),
    executeUpdate: async (name: string, options: unknown) => {
      sent.push({ update: name, workflowId, options });
      return behaviour.executeUpdate!();
    },
    result: async () => {
      sent.push({ result: workflowId });
      return behaviour.result!();
    },
    query: async (name: string) => {
      sent.push({ query: name, workflowId });
      return behaviour.query!();
    },
  });
  const client = {
    workflow: {
      start: async (type: string, options: unknown) => {
        sent.push({ start: type, options });
        return behaviour.start?.();
      },
      getHandle: handle,
    },
    connection: { withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn() },
  } as unknown as Client;
  return { workflows: temporalOrderWorkflows(client, 'orders-queue'), sent };
}

const ORDER_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const input: OrderWorkflowInput = {
  orderId: ORDER_ID,
  customerId: 'alice',
  currency: 'USD',
  lines: [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }],
  totalCents: 500_00,
  shippingAddress: null,
  policy: POLICY,
  placedAt: '2026-12-01T10:00:00.000Z',
};
const audit = { action: 'APPROVE' as const, reason: null, auditor: 'audrey' };
/** What client 1.24 throws when the server refuses an Update: the gRPC error is the cause, the message is generic. */
function updateRefusedByServer(code: number, details: string): ServiceError {
  const grpc = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
  return new ServiceError('Workflow Update failed', { cause: grpc });
}
const rejectedWith = (type: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message: type }));

describe('temporalOrderWorkflows.start', () => {
  it('starts the order workflow refusing any duplicate id, with the request hash and the order as placed in the memo', async () => {
    const { workflows, sent } = fakeClient({});
    expect(await workflows.start(input, 'hash-1')).toEqual({ started: true });
    expect(sent).toEqual([
      {
        start: 'orderWorkflow',
        options: { taskQueue: 'orders-queue', workflowId: `order-${ORDER_ID}`, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE', memo: { requestHash: 'hash-1', placedOrder: placedOrder(input, '2026-12-01T10:00:00.000Z') } },
      },
    ]);
  });

  it('reads the existing workflow’s request hash from its memo when the id is taken', async () => {
    const taken = new WorkflowExecutionAlreadyStartedError('Workflow execution already started', `order-${ORDER_ID}`, 'orderWorkflow');
    const { workflows } = fakeClient({ start: async () => Promise.reject(taken), memo: { requestHash: 'hash-0' } });
    expect(await workflows.start(input, 'hash-1')).toEqual({ started: false, requestHash: 'hash-0' });
  });
});

describe('temporalOrderWorkflows updates', () => {
  it('sends the audit Update with the request as its one argument and returns the order', async () => {
    const order = viewOf(input, 'PAID');
    const { workflows, sent } = fakeClient({ executeUpdate: async () => order });
    expect(await workflows.audit(ORDER_ID, audit)).toEqual({ kind: 'applied', order });
    expect(sent).toEqual([{ update: AUDIT_UPDATE, workflowId: `order-${ORDER_ID}`, options: { args: [audit] } }]);
  });

  it.each([
    ["the workflow's own rejection", rejectedWith(UpdateRejection.tooLateToCancel), { kind: 'rejected', type: UpdateRejection.tooLateToCancel }],
    [
      'an Update to a closed workflow (gRPC NOT_FOUND "workflow execution already completed")',
      new WorkflowNotFoundError('workflow execution already completed', `order-${ORDER_ID}`, undefined),
      { kind: 'closed' },
    ],
    ['an accepted Update the workflow finished without answering', rejectedWith('AcceptedUpdateCompletedWorkflow'), { kind: 'closed' }],
    ['an unknown workflow', new WorkflowNotFoundError(`workflow not found for ID: order-${ORDER_ID}`, `order-${ORDER_ID}`, undefined), { kind: 'not_found' }],
  ])('reads %s', async (_name, error, outcome) => {
    const { workflows, sent } = fakeClient({ executeUpdate: async () => Promise.reject(error) });
    expect(await workflows.cancel(ORDER_ID, { reason: null, requestedBy: 'guest' })).toEqual(outcome);
    expect(sent).toMatchObject([{ update: CANCEL_UPDATE }]);
  });

  it.each([
    ['its task is being retried', updateRefusedByServer(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.')],
    ['it holds too many Updates', updateRefusedByServer(8, 'limit on number of concurrent in-flight updates has been reached (10)')],
    ['the server aborted it', updateRefusedByServer(14, 'workflow update was aborted')],
    ['the call ran out of time', new WorkflowUpdateRPCTimeoutOrCancelledError('context deadline exceeded', {})],
  ])('answers 503 + Retry-After when the workflow cannot take an Update right now: %s', async (_name, error) => {
    const { workflows } = fakeClient({ executeUpdate: async () => Promise.reject(error) });
    await expect(workflows.audit(ORDER_ID, audit)).rejects.toMatchObject({ status: 503, code: 'unavailable', headers: { 'Retry-After': '2' } });
  });

  it('lets another refusal of the server through', async () => {
    const refused = updateRefusedByServer(9, 'some other precondition');
    const { workflows } = fakeClient({ executeUpdate: async () => Promise.reject(refused) });
    await expect(workflows.audit(ORDER_ID, audit)).rejects.toBe(refused);
  });

  it('lets anything else through: Temporal being down is not an answer about the order', async () => {
    const down = new Error('14 UNAVAILABLE: connection refused');
    const { workflows } = fakeClient({ executeUpdate: async () => Promise.reject(down) });
    await expect(workflows.audit(ORDER_ID, audit)).rejects.toBe(down);
  });
});

describe('temporalOrderWorkflows.get', () => {
  it('reads an order in progress as it was placed, from its memo, asking no worker', async () => {
    const placed = placedOrder(input, input.placedAt!);
    const { workflows, sent } = fakeClient({ status: 'RUNNING', memo: { requestHash: 'hash-1', placedOrder: placed } });
    expect(await workflows.get(ORDER_ID)).toEqual(placed);
    expect(sent).toEqual([]);
  });

  it.each([
    ['an order in progress placed before the memo held it', 'RUNNING', 'RESERVED'],
    ['a terminated workflow, which has no result', 'TERMINATED', 'PENDING_REVIEW'],
  ] as const)('queries %s', async (_name, workflowStatus, orderStatus) => {
    const order = viewOf(input, orderStatus);
    const { workflows, sent } = fakeClient({ status: workflowStatus, query: async () => order });
    expect(await workflows.get(ORDER_ID)).toEqual(order);
    expect(sent).toEqual([{ query: ORDER_QUERY, workflowId: `order-${ORDER_ID}` }]);
  });

  it("reads a completed order from its workflow's result, asking no worker", async () => {
    const order = viewOf(input, 'COMPLETED');
    const { workflows, sent } = fakeClient({ status: 'COMPLETED', result: async () => order });
    expect(await workflows.get(ORDER_ID)).toEqual(order);
    expect(sent).toEqual([{ result: `order-${ORDER_ID}` }]);
  });

  it('answers 503 + Retry-After when no worker answers the query in time', async () => {
    const { workflows } = fakeClient({ query: async () => Promise.reject(new ServiceError('Query failed: deadline exceeded')) });
    await expect(workflows.get(ORDER_ID)).rejects.toMatchObject({ status: 503, code: 'unavailable', headers: { 'Retry-After': '5' } });
  });
});
