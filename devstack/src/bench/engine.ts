/**
 * The engine's ceiling: the real order workflows run by a worker whose activities answer at once
 * (orchestrator/src/engine-ceiling.ts), on the same Temporal server as the bench stack, on a task queue of
 * their own. What an order costs there is what Temporal and the workflow code cost; the rest of `bench order`'s
 * time is Kafka, the participants, MySQL and the gateway.
 */
import { fork } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { ORDER_WORKFLOW, workflowIdFor, type OrderWorkflowInput } from '@omniflow/contracts/orders';
import { REPO_ROOT } from '../infra';
import type { StackSettings } from '../stack/settings';
import { measure, type Measured } from './measure';

const WORKER_SCRIPT = resolve(REPO_ROOT, 'orchestrator/dist/engine-ceiling.js');
const READY_TIMEOUT_MS = 60_000;

/** A seed-shaped order (one iPhone15, 500.00), below the review threshold: the happy path, one parcel. */
function seedOrder(): OrderWorkflowInput {
  return {
    orderId: randomUUID(),
    customerId: 'guest',
    currency: 'USD',
    lines: [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }],
    totalCents: 500_00,
    shippingAddress: null,
    policy: { reviewThresholdCents: 10_000_00, reviewTimeoutMs: 1_800_000, paymentTimeoutMs: 600_000, replyTimeoutMs: 15_000 },
  };
}

/** Starts the no-op worker as its own process (logging to the bench's log folder) on a fresh task queue. */
async function startWorker(settings: StackSettings, taskQueue: string): Promise<() => Promise<void>> {
  mkdirSync(settings.logDir, { recursive: true });
  const log = openSync(resolve(settings.logDir, 'engine-ceiling.log'), 'a');
  const child = fork(WORKER_SCRIPT, [], {
    cwd: REPO_ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: settings.infra.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn' },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`engine-ceiling worker not ready after ${READY_TIMEOUT_MS / 1000}s`)), READY_TIMEOUT_MS);
    child.on('message', (message: { type?: string }) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      ready();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`engine-ceiling worker exited (${code}); see ${settings.logDir}/engine-ceiling.log`));
    });
  });
  return async () => {
    child.kill('SIGTERM');
    await exited;
  };
}

/** Times `count` orders start → result with `concurrency` in flight, after a warm-up of 10. */
export async function engineCeiling(settings: StackSettings, client: Client, count: number, concurrency: number): Promise<Measured> {
  const taskQueue = `engine-ceiling-${randomUUID().slice(0, 8)}`;
  const stop = await startWorker(settings, taskQueue);
  try {
    const order = async () => {
      const input = seedOrder();
      await client.workflow.execute(ORDER_WORKFLOW, { taskQueue, workflowId: workflowIdFor(input.orderId), args: [input] });
    };
    await measure(Math.min(10, count), concurrency, order);
    return await measure(count, concurrency, order);
  } finally {
    await stop();
  }
}
