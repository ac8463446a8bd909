/**
 * `npm start`: infrastructure, topics, then every OmniFlow process; Ctrl-C (or SIGTERM) stops it all.
 * A process that crashes is started again, as a supervisor in production would.
 */
import { signToken } from '@omniflow/lib/auth';
import { ensureInfra, infraSettings, stopInfra } from '../infra';
import { PROCESSES } from '../stack/instances';
import { ensureTopics } from '../stack/kafka-topics';
import { restartAfterCrash } from '../stack/restart-after-crash';
import { stackSettings } from '../stack/settings';
import { RunningStack } from '../stack/supervisor';


async function main(): Promise<void> {
  const began = Date.now();
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('dev', infra);
  await ensureTopics(infra.KAFKA_BROKERS, settings.topicPrefix);

  let stack: RunningStack;
  try {
    stack = await RunningStack.start(settings, restartAfterCrash(say));
  } catch (err) {
    if (startedInfra) stopInfra();
    throw err;
  }

  say(`ready in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  say(`API          ${settings.gatewayUrl}/api/v1/orders`);
  say(`console      ${settings.gatewayUrl}/console/  (log in as ${settings.consoleLogin.username} / ${settings.consoleLogin.password})`);
  say(`Temporal UI  ${infra.TEMPORAL_UI_URL}/namespaces/default/workflows`);
  say(`metrics      ${PROCESSES.map((name) => `${settings.healthUrl(name)}/metrics`).join('  ')}`);
  say(`logs         ${settings.logDir}/<process>.log`);
  // A ready-made auditor token (8 h) so the README's audit call works as written; `npm run token` makes others.
  say(`auditor token (8h, for /audit): ${signToken(settings.authSecret, { sub: 'auditor', role: 'auditor' }, '8h')}`);
  say('Ctrl-C stops everything');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping OmniFlow`);
    await stack.stop();
    if (startedInfra) stopInfra();
    else say('infrastructure was already running before npm start; left running');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function say(line: string): void {
  process.stdout.write(`[omniflow] ${line}\n`);
}

main().catch((err: Error) => {
  say(`start failed: ${err.message}`);
  process.exit(1);
});
