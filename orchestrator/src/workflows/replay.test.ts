import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { startTracing } from '@omniflow/lib';
import { workerTracing } from '../tracing';

/**
 * Replays histories recorded from real runs (see devstack/src/cli/record-histories.ts) against today's workflow
 * code. A change that would make a running workflow take another path on replay (non-determinism) fails here,
 * before it reaches a worker with orders in flight.
 */
const HISTORIES = resolve(__dirname, 'histories');
/**
 * The bundles workers run, as `npm run build` makes them (`npm test` builds first): one with OpenTelemetry's
 * workflow spans, one that only passes the trace on (see bundle-workflows.ts). Every history replays with both,
 * so a worker may switch between them with orders in flight.
 */
const BUNDLES = ['spans', 'context'].map((name) => [name, resolve(__dirname, `../../dist/workflow-bundle-${name}.js`)] as const);
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

it.each(files.flatMap((file) => BUNDLES.map(([name, bundle]) => [file, name, bundle])))('replays %s deterministically (bundle with %s)', async (file, _name, bundle) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(resolve(HISTORIES, file)));
  await Worker.runReplayHistory({ workflowBundle: { codePath: bundle }, ...workerTracing(tracing) }, history, file);
});
