/**
 * The engine's ceiling: a worker that runs the real order workflows, with the real worker settings, on their
 * own task queue, but whose activities answer at once and do nothing. Orders started on that queue cost only
 * what Temporal and the workflow code cost, so `npm run bench -- order` can show how close the whole stack gets
 * to it. Started by the bench (devstack/src/bench/engine.ts) as its own process, like the orchestrator.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig, logConfig, runService, temporalConfig } from '@omniflow/lib';
import type { CommandActivities } from './commands/steps';
import type { ReadModelActivities } from './read-model/project';
import { installTemporalRuntime } from './temporal-runtime';
import { orderWorkflowOptions } from './worker-options';

const ENGINE_QUEUE_PREFIX = 'engine-ceiling-';

/** Each command's happy reply, at once: everything reserved in one warehouse, charged, booked. */
const noOpActivities: CommandActivities & ReadModelActivities = {
  reserveStock: async ({ lines }) => ({
    outcome: 'RESERVED',
    allocations: lines.map(({ sku, quantity }) => ({ sku, warehouseId: 'WH-EAST', quantity })),
    reason: null,
  }),
  releaseStock: async () => ({ released: [] }),
  chargePayment: async ({ amountCents }) => ({ outcome: 'CHARGED', paymentId: 'no-op', amountCents, reason: null }),
  refundPayment: async () => ({ refundedCents: 0 }),
  scheduleShipment: async () => ({ outcome: 'SCHEDULED', shipmentId: 'no-op', trackingNumber: 'NO-OP', reason: null }),
  commitParcelStock: async () => ({ committed: [] }),
  releaseParcelStock: async () => ({ released: [] }),
  refundParcel: async () => ({ refundedCents: 0 }),
  projectOrder: async () => undefined,
};

runService('engine-ceiling', async (logger, tracing) => {
  const config = loadConfig({
    ...logConfig,
    ...temporalConfig,
    // No default, and never the orders' queue: its no-op activities would "complete" real orders.
    TEMPORAL_TASK_QUEUE: temporalConfig.TEMPORAL_TASK_QUEUE.removeDefault().refine((queue) => queue.startsWith(ENGINE_QUEUE_PREFIX), {
      message: `must start with ${ENGINE_QUEUE_PREFIX}`,
    }),
  });
  await installTemporalRuntime(logger, 'WARN');
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...orderWorkflowOptions(tracing),
    activities: noOpActivities,
  });
  const running = worker.run();
  running.catch((err: unknown) => {
    logger.fatal({ err }, 'worker stopped unexpectedly');
    process.exit(1);
  });
  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
  };
});
