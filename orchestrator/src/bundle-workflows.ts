/**
 * Build step: bundles the workflow code once, so a worker starts in about a second instead of running webpack
 * on every start (seconds of CPU and a few hundred MiB). Skipped when the bundle is newer than its inputs.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

export const WORKFLOW_BUNDLE = resolve(__dirname, 'workflow-bundle.js');

const inputs = [resolve(__dirname, 'workflows'), resolve(require.resolve('@omniflow/contracts/orders'), '..')];

function newestInput(): number {
  const mtimes = inputs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => statSync(join(dir, file)).mtimeMs),
  );
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
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows') });
  writeFileSync(WORKFLOW_BUNDLE, code);
  process.stdout.write(`workflow bundle written: ${WORKFLOW_BUNDLE}\n`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`bundling workflows failed: ${err.message}\n`);
    process.exit(1);
  });
}
