/**
 * One OmniFlow process started alone, as an operator deploys it: `npm run start -w <workspace>` (which builds
 * it and its dependencies first), configured by environment variables only.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../infra';
import { environmentFor } from './environment';
import { WORKSPACES, type ProcessName } from './instances';
import type { StackSettings } from './settings';

/**
 * A profile's environment for one process, moved off that profile's work: its own databases (`…_standalone`),
 * topics and consumer groups (`<prefix>standalone.`), task queue and port. So a process started alone beside
 * a running stack of the same profile serves none of that stack's commands, replies or workflow tasks.
 */
export function isolatedEnvironment(name: ProcessName, settings: StackSettings, port: number): Record<string, string> {
  // No console logins: a gateway started alone serves the API; its console login is configured by hand.
  const env = environmentFor({ name, copy: 0 }, settings, {});
  const database = new URL(env.DATABASE_URL!);
  database.pathname = `${database.pathname}_standalone`;
  return {
    ...env,
    DATABASE_URL: database.toString(),
    KAFKA_TOPIC_PREFIX: standaloneTopicPrefix(settings),
    TEMPORAL_TASK_QUEUE: `${settings.taskQueue}-standalone`,
    [name === 'gateway' ? 'PORT' : 'HEALTH_PORT']: String(port),
  };
}

export const standaloneTopicPrefix = (settings: StackSettings): string => `${settings.topicPrefix}standalone.`;

/** A port nothing listens on right now (the OS picks it), for a process that is told its port up front. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface AloneProcess {
  /** The process started: npm forwards SIGTERM to the service (its child) and exits with the service's status. */
  readonly pid: number;
  /** Everything printed so far, stdout and stderr interleaved by line. */
  readonly output: string[];
  /** Resolves when the service logs that it is ready; rejects, with its output, if it exits first. */
  readonly ready: Promise<void>;
  /** The exit status (null when ended by a signal). */
  readonly exited: Promise<number | null>;
}

/**
 * Runs `npm run start -w <workspace>` (or, with `via: 'node'`, the built `node <workspace>/dist/main.js`, as a
 * container does) with exactly `env`, plus PATH and HOME, which npm needs.
 */
export function startAlone(name: ProcessName, env: Record<string, string>, via: 'npm' | 'node' = 'npm'): AloneProcess {
  const [command, args] = via === 'npm' ? ['npm', ['run', 'start', '-w', WORKSPACES[name]]] : [process.execPath, [`${WORKSPACES[name]}/dist/main.js`]];
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let onReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    output.push(line);
    if (isReadyLine(line)) onReady();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyOrExited = Promise.race([
    ready,
    exited.then((code) => {
      throw new Error(`${name} exited (${code}) before it was ready:\n${output.join('\n')}`);
    }),
  ]);
  // A caller that expects the process to fail awaits `exited` only; that is not an unhandled rejection.
  readyOrExited.catch(() => undefined);
  return { pid: child.pid!, output, ready: readyOrExited, exited };
}

/** lib's runService logs `{"msg": "ready"}` once the process serves. */
function isReadyLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    return (JSON.parse(line) as { msg?: unknown }).msg === 'ready';
  } catch {
    return false;
  }
}
