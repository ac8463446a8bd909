import { ensureInfra, infraSettings } from '../infra';
import { ensureTopics } from '../stack/kafka-topics';
import { resetProfile } from '../stack/reset';
import { restartAfterCrash } from '../stack/restart-after-crash';
import { stackSettings } from '../stack/settings';
import { RunningStack } from '../stack/supervisor';

export interface TestRun {
  stack: RunningStack;
  startedInfra: boolean;
}

/**
 * Brings the real infrastructure up if it is not (and remembers that, to stop it afterwards), gives the test
 * profile fresh databases (so assertions on stock do not depend on earlier runs), and starts every OmniFlow process as its own OS process, as `npm start` would.
 */
export default async function globalSetup(): Promise<void> {
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('test', infra);
  await resetProfile(settings);
  await ensureTopics(infra.KAFKA_BROKERS, settings.topicPrefix);
  // Supervised as in production, so durability tests can kill a process and watch the order survive it.
  const stack = await RunningStack.start(settings, restartAfterCrash((line) => process.stderr.write(`\n[omniflow test] ${line}\n`)));
  (globalThis as { omniflowTestRun?: TestRun }).omniflowTestRun = { stack, startedInfra };
}
