/**
 * `npm run topics -- <command>`: look at OmniFlow's Kafka topics, messages decoded from Avro with headers.
 *   list                                   topics, partitions, end offsets, each consumer group's lag
 *   tail <topic> [--order ID] [--limit N] [--follow]   messages from the start (or only one order's)
 *   get <topic> <partition> <offset>       one message
 * Add `--profile test` (or bench, chaos, demo) for that stack's topics; default dev. Works on `dead-letters` too.
 */
import { Kafka, logLevel } from 'kafkajs';
import { describeTopics, readMessages, type ReadOptions } from '@omniflow/lib';
import { infraSettings } from '../infra';
import { PROFILES, type Profile } from '../stack/profiles';
import { stackSettings } from '../stack/settings';

const USAGE = `usage: npm run topics -- list | tail <topic> [--order ID] [--limit N] [--follow] | get <topic> <partition> <offset>  [--profile ${PROFILES.join('|')}]`;

function parse(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (arg === '--follow') flags.follow = true;
    else flags[arg.slice(2)] = argv[++i] ?? '';
  }
  return { positional, flags };
}

async function main(argv: string[]): Promise<void> {
  const { positional, flags } = parse(argv);
  const [command, topic, partition, offset] = positional;
  const profile = (flags.profile ?? 'dev') as Profile;
  if (!PROFILES.includes(profile)) throw new Error(USAGE);
  const settings = stackSettings(profile, infraSettings());
  const kafka = new Kafka({ clientId: 'omniflow-topics', brokers: settings.infra.KAFKA_BROKERS.split(','), logLevel: logLevel.ERROR });
  // Pretty for a person at a terminal; one JSON object per line when piped (jq, scripts, tests).
  const print = (message: unknown) => process.stdout.write(`${JSON.stringify(message, null, process.stdout.isTTY ? 2 : 0)}\n`);

  if (command === 'list') {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const summary of await describeTopics(admin, settings.topicPrefix)) {
        const offsets = summary.partitions.map((p) => `${p.partition}:${p.endOffset}`).join(' ');
        const lag = Object.entries(summary.lag).map(([group, n]) => `${group}=${n}`).join(' ') || '-';
        process.stdout.write(`${summary.topic.padEnd(28)} end offsets ${offsets.padEnd(24)} lag ${lag}\n`);
      }
    } finally {
      await admin.disconnect();
    }
    return;
  }
  if (command === 'tail' && topic) {
    const options: ReadOptions = {
      orderId: typeof flags.order === 'string' ? flags.order : undefined,
      limit: flags.limit ? Number(flags.limit) : flags.follow ? Infinity : 100,
      idleMs: flags.follow ? Infinity : 1_500,
    };
    await readMessages(kafka, topic, options, print);
    return;
  }
  if (command === 'get' && topic && partition !== undefined && offset !== undefined) {
    const found = await readMessages(kafka, topic, { partition: Number(partition), offset, limit: 1, idleMs: 3_000 }, print);
    if (found === 0) throw new Error(`no message at ${topic}/${partition}/${offset}`);
    return;
  }
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
});
