/**
 * Build step: bundles the workflow code once, so a worker starts in about a second instead of running webpack
 * on every start (seconds of CPU and a few hundred MiB). Skipped when the bundle is newer than its inputs.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

export const WORKFLOW_BUNDLE = resolve(__dirname, 'workflow-bundle.js');

/**
 * OpenTelemetry's workflow interceptors: the workflow's span continues the trace its starter (the gateway's
 * request) put in the start call's headers, and passes it on to every activity and child workflow it schedules.
 * A pre-built bundle ignores the worker's `interceptors.workflowModules`, so they are bundled here.
 */
const WORKFLOW_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** What the bundle is made of, this build script included (it says what goes in). */
const inputs = [
  resolve(__dirname, 'workflows'),
  // Workflow code imports the proxies beside the activities they call.
  resolve(__dirname, 'commands/workflow-proxies.js'),
  resolve(__dirname, 'read-model/workflow-proxies.js'),
  dirname(require.resolve('@omniflow/contracts/orders')),
  dirname(WORKFLOW_INTERCEPTORS),
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

function bundleAge(): number {
  try {
    return statSync(WORKFLOW_BUNDLE).mtimeMs;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  if (bundleAge() > newestInput()) return;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./workflows'),
    workflowInterceptorModules: [WORKFLOW_INTERCEPTORS],
  });
  writeFileSync(WORKFLOW_BUNDLE, code);
  process.stdout.write(`workflow bundle written: ${WORKFLOW_BUNDLE}\n`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`bundling workflows failed: ${err.message}\n`);
    process.exit(1);
  });
}
