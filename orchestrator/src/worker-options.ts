import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '@omniflow/lib';
import { WORKFLOW_BUNDLES } from './bundle-workflows';
import { workerTracing } from './tracing';

/**
 * How the order workflows are run, whatever their activities do: the orchestrator's worker and the engine
 * ceiling's (engine-ceiling.ts) share it, so the ceiling measures the workflows as they really run.
 */
export function orderWorkflowOptions(tracing: Tracing): Pick<WorkerOptions, 'workflowBundle' | 'maxCachedWorkflows' | 'interceptors' | 'sinks'> {
  return {
    // Built by `npm run build` (bundle-workflows.ts); see there for why it is not bundled at start, and why two.
    workflowBundle: { codePath: WORKFLOW_BUNDLES[tracing.exportsSpans ? 'spans' : 'context'].path },
    // No sticky cache: every workflow task replays the history the server has. With a cache, a task whose
    // completion was lost (server restart mid-task) was retried on the cached, already-advanced state, so an
    // Update delivered with the retry was applied after the task's other work; a later replay from history
    // applies it first (SDK 1.24 orders Updates before activity results), and the order stalled with a
    // non-determinism error. The chaos suite found it. The price is real (bench engine, c=16, PostgreSQL:
    // ~1.8x the workflows/s with a cache); it stays off until the SDK replays an activation's jobs in the
    // order the live worker applied them (issue #12 has the reproduction).
    maxCachedWorkflows: 0,
    ...workerTracing(tracing),
  };
}
