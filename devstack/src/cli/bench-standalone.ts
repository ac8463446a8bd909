/**
 * `npm run bench:standalone [-- --runs N]`: starts each OmniFlow process alone, N times, and reports the
 * median time from spawn to its `ready` log line and its resident memory once ready; both through its npm
 * script (which first checks the build with `tsc -b`, and keeps npm resident as the parent) and as a
 * container runs it (`node dist/main.js`). Uses the bench profile's infrastructure settings, moved to its
 * own databases and topics (see stack/standalone.ts); run `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ensureInfra, infraSettings, stopInfra } from '../infra';
import { PROCESSES, type ProcessName } from '../stack/instances';
import { ensureTopics } from '../stack/kafka-topics';
import { stackSettings } from '../stack/settings';
import { freePort, isolatedEnvironment, standaloneTopicPrefix, startAlone } from '../stack/standalone';

const IDLE_AFTER_READY_MS = 2_000;

function parseRuns(argv: string[]): number {
  if (argv.length === 0) return 3;
  const runs = Number(argv[1]);
  if (argv[0] !== '--runs' || argv.length !== 2 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: npm run bench:standalone [-- --runs N]');
  }
  return runs;
}

/** Resident memory in MiB, from the kernel's own accounting of the process. */
function rssMiB(pid: number): number {
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kib / 1024;
}

/** npm execs the service's start script, so the service is npm's only child. */
function childOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]);
}

interface Sample {
  readyMs: number;
  serviceMiB: number;
  npmMiB: number;
}

async function startOnce(name: ProcessName, via: 'npm' | 'node', env: Record<string, string>): Promise<Sample> {
  const began = performance.now();
  const alone = startAlone(name, env, via);
  try {
    await alone.ready;
    const readyMs = performance.now() - began;
    await new Promise((settle) => setTimeout(settle, IDLE_AFTER_READY_MS));
    const service = via === 'npm' ? childOf(alone.pid) : alone.pid;
    return { readyMs, serviceMiB: rssMiB(service), npmMiB: via === 'npm' ? rssMiB(alone.pid) : 0 };
  } finally {
    process.kill(alone.pid, 'SIGTERM');
    const code = await alone.exited;
    if (code !== 0) throw new Error(`${name} exited ${code} on SIGTERM:\n${alone.output.join('\n')}`);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2));
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('bench', infra);
  await ensureTopics(infra.KAFKA_BROKERS, standaloneTopicPrefix(settings));
  try {
    console.log(`median of ${runs} starts; memory ${IDLE_AFTER_READY_MS / 1000}s after ready`);
    console.log('process       | npm run start: ready | node dist/main.js: ready | RSS service | RSS npm parent');
    for (const name of PROCESSES) {
      const env = isolatedEnvironment(name, settings, await freePort());
      const npm: Sample[] = [];
      const node: Sample[] = [];
      // The first start creates and migrates the process's database; it is a start like any other.
      for (let run = 0; run < runs; run++) {
        npm.push(await startOnce(name, 'npm', env));
        node.push(await startOnce(name, 'node', env));
      }
      const ms = (samples: Sample[]) => `${median(samples.map((s) => s.readyMs)).toFixed(0)} ms`;
      const mib = (values: number[]) => `${median(values).toFixed(0)} MiB`;
      console.log(
        `${name.padEnd(13)} | ${ms(npm).padStart(20)} | ${ms(node).padStart(24)} | ` +
          `${mib(node.map((s) => s.serviceMiB)).padStart(11)} | ${mib(npm.map((s) => s.npmMiB)).padStart(14)}`,
      );
    }
  } finally {
    if (startedInfra) stopInfra();
  }
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
