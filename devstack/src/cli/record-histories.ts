/**
 * `npm run record-histories` (after `npm test`): saves, from the test run's workflows, one history per
 * distinct path (workflow type + final order status) into orchestrator/src/workflows/histories/, where the
 * replay test replays them against the current workflow code. Re-record when a workflow change is meant to
 * alter histories, and guard old histories with `patched()` while such workflows may still be running.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { OrderView } from '@omniflow/contracts/orders';
import { REPO_ROOT, infraSettings } from '../infra';
import { stackSettings } from '../stack/settings';

const HISTORIES = resolve(REPO_ROOT, 'orchestrator/src/workflows/histories');

async function main(): Promise<void> {
  const settings = stackSettings('test', infraSettings());
  const connection = await Connection.connect({ address: settings.infra.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: 'default' });
  mkdirSync(HISTORIES, { recursive: true });
  const seen = new Set<string>();
  const query = `TaskQueue = "${settings.taskQueue}" AND ExecutionStatus = "Completed"`;
  for await (const execution of client.workflow.list({ query })) {
    const handle = client.workflow.getHandle(execution.workflowId, execution.runId);
    const result = (await handle.result()) as OrderView | { status: string; warehouseId: string };
    const path = `${execution.type}-${result.status}`.replace(/[^A-Za-z0-9_-]/g, '_');
    if (seen.has(path)) continue;
    seen.add(path);
    // Binary protobuf: exact, and independent of the JSON helpers (which need one protobufjs copy throughout).
    writeFileSync(resolve(HISTORIES, `${path}.pb`), temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish());
    console.log(`recorded ${path} from ${execution.workflowId}`);
  }
  await connection.close();
}

main().catch((err: Error) => {
  console.error(`recording failed: ${err.message}`);
  process.exit(1);
});
