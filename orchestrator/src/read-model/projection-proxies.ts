import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ReadModelActivities } from './project';

const readModelTimeouts = { startToCloseTimeout: '10 seconds' } as const;

/**
 * How a workflow writes the read model when no command it sends carries the write (see OrderSaga.project): with
 * an ordinary activity. It was a local activity (the worker's own database, no task-queue round trip), but a
 * workflow task that waits for a local activity can take in an Update half-way, and the TypeScript SDK (1.24)
 * replays such a task with the Update first: a non-determinism error that stops the order for good. The chaos
 * suite found it: a cancel arriving while the RESERVED projection ran.
 */
export const { projectOrder } = proxyActivities<ReadModelActivities>(readModelTimeouts);
/** Only for orders started before the change (their histories record local-activity markers); see saga.ts. */
export const { projectOrder: projectOrderLocally } = proxyLocalActivities<ReadModelActivities>(readModelTimeouts);
