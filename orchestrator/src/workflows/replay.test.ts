import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { startTracing } from '@omniflow/lib';
import { workerTracing } from '../tracing';

/**
 * Replays histories recorded from real runs (see devstack/src/record-histories.ts) against today's workflow
 * code. A change that would make a running workflow take another path on replay (non-determinism) fails here,
 * before it reaches a worker with orders in flight.
 */
const HISTORIES = resolve(__dirname, 'histories');
/** The bundle workers run, as `npm run build` makes it (`npm test` builds first). */
const WORKFLOW_BUNDLE = resolve(__dirname, '../../dist/workflow-bundle.js');
const files = readdirSync(HISTORIES).filter((file) => file.endsWith('.pb'));
/** As the worker runs it: the bundle's tracing interceptors replay too, and their span sink is registered. */
const tracing = startTracing('replay-test', { asyncContext: true }, {});
afterAll(() => tracing.shutdown());

it('has recorded histories to replay, for every path that matters', () => {
  const paths = files.map((file) => file.replace('.pb', ''));
  for (const path of [
    'orderWorkflow-COMPLETED',
    'orderWorkflow-PAYMENT_FAILED',
    'orderWorkflow-REJECTED',
    'orderWorkflow-CANCELLED',
    'orderWorkflow-TIMED_OUT',
    'orderWorkflow-PARTIALLY_SHIPPED',
    'shipmentWorkflow-SCHEDULED',
    'shipmentWorkflow-FAILED',
  ]) {
    expect(paths).toContain(path);
  }
});

it.each(files)('replays %s deterministically', async (file) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(resolve(HISTORIES, file)));
  await Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE }, ...workerTracing(tracing) }, history, file);
});
