/**
 * Build step: bundles the workflow code once, so a worker starts in about a second instead of running webpack
 * on every start (seconds of CPU and a few hundred MiB). Skipped when the bundle is newer than its inputs.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Two bundles of the same workflows, which differ only in their interceptors: `spans` has OpenTelemetry's, for
 * a worker that exports spans (the workflow's span continues the trace its starter, the gateway's request, put
 * in the start call's headers, and is the parent of every activity and child workflow it schedules); `context`
 * has workflow-trace-context.ts's, which only passes the trace context on, for a worker whose spans go nowhere.
 * A pre-built bundle ignores the worker's `interceptors.workflowModules`, so they are bundled here.
 */
export const WORKFLOW_BUNDLES = {
  spans: { path: resolve(__dirname, 'workflow-bundle-spans.js'), interceptors: require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors') },
  context: { path: resolve(__dirname, 'workflow-bundle-context.js'), interceptors: require.resolve('./workflow-trace-context') },
} as const;

/** What the bundles are made of, this build script included (it says what goes in). */
const inputs = [
  resolve(__dirname, 'workflows'),
  // Workflow code imports the proxies beside the activities they call.
  resolve(__dirname, 'commands/workflow-proxies.js'),
  resolve(__dirname, 'read-model/projection-proxies.js'),
  dirname(require.resolve('@omniflow/contracts/orders')),
  dirname(WORKFLOW_BUNDLES.spans.interceptors),
  WORKFLOW_BUNDLES.context.interceptors,
  __filename,
];

function newestInput(): number {
  const mtimes = inputs.flatMap((input) => {
    if (!statSync(input).isDirectory()) return [statSync(input).mtimeMs];
    return readdirSync(input, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => statSync(join(input, file)).mtimeMs);
  });
  return Math.max(...mtimes);
}

function age(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const newest = newestInput();
  for (const { path, interceptors } of Object.values(WORKFLOW_BUNDLES)) {
    if (age(path) > newest) continue;
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), workflowInterceptorModules: [interceptors] });
    writeFileSync(path, code);
    process.stdout.write(`workflow bundle written: ${path}\n`);
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`bundling workflows failed: ${err.message}\n`);
    process.exit(1);
  });
}
