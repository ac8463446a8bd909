import { stopInfra } from '../infra';
import type { TestRun } from './global-setup';

/** Stops the OmniFlow processes, and the infrastructure too if the tests were the ones that started it. */
export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { omniflowTestRun?: TestRun }).omniflowTestRun;
  if (!run) return;
  await run.stack.stop();
  if (run.startedInfra) stopInfra();
}
