import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { Sequelize } from 'sequelize';
import { hashPassword } from '@omniflow/lib/auth';
import { REPO_ROOT, type InfraSettings } from './infra';

/**
 * `dev` is what `npm start` runs; `test`, `bench`, `chaos` and `demo` (`npm run screenshots`) share the
 * infrastructure but none of dev's topics, databases or ports, so they can run while `npm start` is up.
 */
export type Profile = 'dev' | 'test' | 'bench' | 'chaos' | 'demo';
export const PROFILES: readonly Profile[] = ['dev', 'test', 'bench', 'chaos', 'demo'];

/**
 * Every port stays below 32768, where Linux's range for outgoing connections' local ports begins: a port in that
 * range can be held by any connection to Kafka or a database, and a process restarted onto it fails with
 * EADDRINUSE until that connection closes (a chaos run's orchestrator once waited 80 s on 38114).
 */
const GATEWAY_PORTS: Record<Profile, number> = { dev: 8000, test: 18000, bench: 28000, chaos: 13000, demo: 23000 };
/** Health endpoints of the processes without an HTTP server: base + 1..4 (the gateway serves its own). */
const HEALTH_PORT_BASES: Record<Profile, number> = { dev: 8100, test: 18100, bench: 28100, chaos: 13100, demo: 23100 };
/** Keeps the highest profile (bench: 28100 + 4, a few copies) below 32768. */
const MAX_PORT_OFFSET = 4500;
const HEALTH_PORT_OFFSETS = { inventory: 1, payment: 2, shipping: 3, orchestrator: 4 } as const;
/** Further copies of a process (see Instance) answer this many ports further on per copy. */
const COPY_PORT_STRIDE = 10;

export const PROCESSES = ['inventory', 'payment', 'shipping', 'orchestrator', 'gateway'] as const;
export type ProcessName = (typeof PROCESSES)[number];

/**
 * One running copy of a process. Copy 0 is the process as `npm start` runs it; further copies (the chaos
 * stack runs two of each) share its consumer group and task queue, so partitions and workflow tasks move
 * between them, and each has its own ports, log and pid file.
 */
export interface Instance {
  name: ProcessName;
  copy: number;
}

export function instanceId({ name, copy }: Instance): string {
  return copy === 0 ? name : `${name}-${copy + 1}`;
}
/** The gateway and the orchestrator are the order side: they share its database (catalog, orders read model). */
export type Database = 'orders' | 'inventory' | 'payment' | 'shipping';
const DATABASES: readonly Database[] = ['orders', 'inventory', 'payment', 'shipping'];

/** A warehouse no carrier serves in the test profile, so tests can make a parcel fail on purpose. */
export const TEST_UNSERVICEABLE_WAREHOUSE = 'WH-NOCARRIER';

/**
 * The test profile's order policy. The timer paths themselves are tested with per-order policies of a few
 * seconds (workflows started through Temporal), so the gateway's clocks here are long: a flash sale of 200
 * orders on a loaded CI machine must not time a charge out. Replies retry sooner than in production. The
 * simulated slow payment takes longer than any per-order payment time-out a test sets.
 */
const TEST_TIMEOUTS = {
  REVIEW_TIMEOUT: '2m',
  PAYMENT_TIMEOUT: '2m',
  COMMAND_REPLY_TIMEOUT: '10s',
  SIMULATED_PROVIDER_DELAY_MS: '12000',
} as const;

export interface StackSettings {
  profile: Profile;
  infra: InfraSettings;
  topicPrefix: string;
  taskQueue: string;
  gatewayUrl: string;
  /** Where each copy of the gateway listens (copy 0's is gatewayUrl). */
  gatewayUrlOf(copy: number): string;
  /** Where each process answers GET /health/live and /health/ready. */
  healthUrl(name: ProcessName, copy?: number): string;
  logDir: string;
  /** Signs and verifies bearer tokens; made once per checkout and kept in .omniflow/auth-secret. */
  authSecret: string;
  /** The console's auditor login; the password is made once per checkout and kept in .omniflow/console-password. */
  consoleLogin: { username: string; password: string };
  databaseUrl(database: Database): string;
}

/**
 * STACK_PORT_OFFSET shifts every port of a profile, so a second checkout (with its own infra ports) can run its
 * stacks beside this one's.
 */
function portOffset(): number {
  const offset = Number(process.env.STACK_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_PORT_OFFSET) {
    throw new Error(`STACK_PORT_OFFSET must be an integer 0..${MAX_PORT_OFFSET}, got ${process.env.STACK_PORT_OFFSET}`);
  }
  return offset;
}

export function stackSettings(profile: Profile, infra: InfraSettings): StackSettings {
  const offset = portOffset();
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? GATEWAY_PORTS[profile] + offset);
  const healthPortBase = HEALTH_PORT_BASES[profile] + offset;
  const gatewayUrlOf = (copy: number) => `http://127.0.0.1:${gatewayPort + copy * COPY_PORT_STRIDE}`;
  return {
    profile,
    infra,
    topicPrefix: profile === 'dev' ? '' : `${profile}.`,
    taskQueue: profile === 'dev' ? 'omniflow-orders' : `omniflow-${profile}-orders`,
    gatewayUrl: gatewayUrlOf(0),
    gatewayUrlOf,
    healthUrl: (name, copy = 0) =>
      name === 'gateway'
        ? gatewayUrlOf(copy)
        : `http://127.0.0.1:${healthPortBase + HEALTH_PORT_OFFSETS[name] + copy * COPY_PORT_STRIDE}`,
    logDir: resolve(REPO_ROOT, '.omniflow/logs', profile),
    authSecret: authSecret(),
    consoleLogin: { username: CONSOLE_AUDITOR, password: keptSecret('console-password', 18) },
    databaseUrl(database) {
      const url = new URL(infra.MYSQL_URL);
      url.pathname = `/omniflow_${profile === 'dev' ? '' : `${profile}_`}${database}`;
      return url.toString();
    },
  };
}

/**
 * Drops a throw-away profile's databases and logs; its services recreate and seed the databases on start,
 * so every test or bench run begins from the seed data alone, and a log holds that run's lines only.
 * Refuses the dev profile: that data is someone's work.
 */
export async function resetProfile(settings: StackSettings): Promise<void> {
  if (settings.profile === 'dev') throw new Error('refusing to drop the dev databases');
  rmSync(settings.logDir, { recursive: true, force: true });
  await terminateLeftoverWorkflows(settings);
  await dropDatabases(settings.infra.MYSQL_URL, DATABASES.map((name) => settings.databaseUrl(name)));
}

/** Drops the databases the URLs name (those that exist) on the MySQL server at `serverUrl`. */
export async function dropDatabases(serverUrl: string, databaseUrls: string[]): Promise<void> {
  const server = new Sequelize(serverUrl, { dialect: 'mysql', logging: false });
  try {
    for (const url of databaseUrls) await server.query(`DROP DATABASE IF EXISTS \`${new URL(url).pathname.slice(1)}\``);
  } finally {
    await server.close();
  }
}

/**
 * Workflows an interrupted run left open on the profile's task queue would otherwise wake up on the new
 * stack (a durable timer, a retried activity) and act on databases that no longer hold their orders.
 */
export async function terminateLeftoverWorkflows(settings: StackSettings): Promise<void> {
  const connection = await Connection.connect({ address: settings.infra.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const query = `TaskQueue = "${settings.taskQueue}" AND ExecutionStatus = "Running"`;
    for await (const execution of client.workflow.list({ query })) {
      // A child may already be gone with its terminated parent: visibility lags behind.
      await client.workflow
        .getHandle(execution.workflowId, execution.runId)
        .terminate(`left over from an earlier ${settings.profile} run`)
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
    }
  } finally {
    await connection.close();
  }
}

/** The console account every stack creates. */
const CONSOLE_AUDITOR = 'auditor';

/** What the gateway needs for the console: its login, the inventory's stock endpoint, the Temporal UI. */
async function consoleEnvironment(settings: StackSettings): Promise<Record<string, string>> {
  const { username, password } = settings.consoleLogin;
  return {
    CONSOLE_USERS: `${username}:auditor:${await hashPassword(password)}`,
    INVENTORY_URL: settings.healthUrl('inventory'),
    TEMPORAL_UI_URL: settings.infra.TEMPORAL_UI_URL,
  };
}

/** The environment `npm start` gives one process: every setting it reads, for this profile. */
export function environmentFor({ name, copy }: Instance, settings: StackSettings, consoleEnv: Record<string, string>): Record<string, string> {
  // The chaos and bench stacks keep production's clocks: a review or payment time-out is not one of the paths
  // they drive, and `bench read` holds orders in review for longer than the test profile's 2 minutes.
  const test = settings.profile !== 'dev' && settings.profile !== 'chaos' && settings.profile !== 'bench';
  const env: Record<string, string> = {
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    KAFKA_BROKERS: settings.infra.KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: settings.topicPrefix,
    TEMPORAL_ADDRESS: settings.infra.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: settings.taskQueue,
    SEED_DEMO_DATA: 'true',
  };
  if (name !== 'gateway') env.HEALTH_PORT = new URL(settings.healthUrl(name, copy)).port;
  switch (name) {
    case 'gateway':
      return {
        ...env,
        DATABASE_URL: settings.databaseUrl('orders'),
        PORT: new URL(settings.gatewayUrlOf(copy)).port,
        AUTH_JWT_SECRET: settings.authSecret,
        ...consoleEnv,
        ...(test && {
          REVIEW_TIMEOUT: TEST_TIMEOUTS.REVIEW_TIMEOUT,
          PAYMENT_TIMEOUT: TEST_TIMEOUTS.PAYMENT_TIMEOUT,
          COMMAND_REPLY_TIMEOUT: TEST_TIMEOUTS.COMMAND_REPLY_TIMEOUT,
        }),
      };
    case 'orchestrator':
      return { ...env, DATABASE_URL: settings.databaseUrl('orders') };
    case 'payment':
      return {
        ...env,
        DATABASE_URL: settings.databaseUrl('payment'),
        ...(test && { SIMULATED_PROVIDER_DELAY_MS: TEST_TIMEOUTS.SIMULATED_PROVIDER_DELAY_MS }),
      };
    case 'shipping':
      return { ...env, DATABASE_URL: settings.databaseUrl('shipping'), ...(test && { UNSERVICEABLE_WAREHOUSES: TEST_UNSERVICEABLE_WAREHOUSE }) };
    case 'inventory':
      return { ...env, DATABASE_URL: settings.databaseUrl('inventory') };
  }
}

/** A random secret made on first use and kept beside the infrastructure, so tokens survive restarts. */
function authSecret(): string {
  return keptSecret('auth-secret', 32);
}

/** `bytes` random bytes (base64url) made on first use and kept in .omniflow/<name> (mode 600). */
function keptSecret(name: string, bytes: number): string {
  const file = resolve(REPO_ROOT, '.omniflow', name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(bytes).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const mainScript = (name: ProcessName): string =>
  resolve(REPO_ROOT, name === 'orchestrator' ? 'orchestrator' : `services/${name}`, 'dist/main.js');

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

/** The application's processes, each its own OS process with its own log file. */
export type CrashHandler = (instance: Instance, code: number | null, signal: NodeJS.Signals | null, stack: RunningStack) => void;

const RESTART_DELAY_MS = 1000;

/**
 * Supervision as in production: a process that dies is started again, and again if it dies while starting (a
 * server it needs may still be down), and each event is reported.
 */
export function restartAfterCrash(say: (line: string) => void): CrashHandler {
  return (instance, code, signal, stack) => {
    const id = instanceId(instance);
    say(`${id} exited (${code ?? signal}); restarting it, see ${stack.logFile(instance)}`);
    const restart = () =>
      stack.spawn(instance).then(
        () => say(`${id} is back`),
        (err: Error) => {
          say(`${err.message}\n${id}: trying again`);
          setTimeout(restart, RESTART_DELAY_MS);
        },
      );
    setTimeout(restart, RESTART_DELAY_MS);
  };
}

/** Where a running process's pid is kept, written once it is ready (so a new pid there means "back and ready"). */
export function pidFile(settings: StackSettings, instance: ProcessName | Instance): string {
  const id = typeof instance === 'string' ? instance : instanceId(instance);
  return resolve(REPO_ROOT, '.omniflow/run', settings.profile, `${id}.pid`);
}

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class RunningStack {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;

  private constructor(
    private readonly settings: StackSettings,
    private readonly onCrash: CrashHandler,
    private readonly consoleEnv: Record<string, string>,
  ) {}

  /**
   * Starts `copies` of every process at once (none depends on another being up) and resolves when all report
   * ready.
   */
  static async start(settings: StackSettings, onCrash: CrashHandler, copies = 1): Promise<RunningStack> {
    mkdirSync(settings.logDir, { recursive: true });
    mkdirSync(dirname(pidFile(settings, 'gateway')), { recursive: true });
    const stack = new RunningStack(settings, onCrash, await consoleEnvironment(settings));
    try {
      await Promise.all(stack.instancesOf(copies).map((instance) => stack.spawn(instance)));
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  private instancesOf(copies: number): Instance[] {
    return Array.from({ length: copies }, (_, copy) => PROCESSES.map((name) => ({ name, copy }))).flat();
  }

  logFile(instance: ProcessName | Instance): string {
    const id = typeof instance === 'string' ? instance : instanceId(instance);
    return resolve(this.settings.logDir, `${id}.log`);
  }

  pid(instance: Instance): number | undefined {
    return this.children.get(instanceId(instance))?.pid;
  }

  /** Starts (or restarts) one process and waits for its ready message; does nothing once the stack is stopping. */
  spawn(instance: Instance): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const id = instanceId(instance);
    const log = openSync(this.logFile(instance), 'a');
    const child = fork(mainScript(instance.name), [], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...environmentFor(instance, this.settings, this.consoleEnv) },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    this.children.set(id, child);
    return new Promise((ready, fail) => {
      let isReady = false;
      const timer = setTimeout(() => fail(this.failure(instance, `not ready after ${READY_TIMEOUT_MS / 1000}s`)), READY_TIMEOUT_MS);
      child.on('message', (message: { type?: string }) => {
        if (message.type !== 'ready') return;
        isReady = true;
        clearTimeout(timer);
        writeFileSync(pidFile(this.settings, instance), `${child.pid}\n`);
        ready();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.children.get(id) === child) this.children.delete(id);
        rmSync(pidFile(this.settings, instance), { force: true });
        // Dying before ready is a failed start, the caller's to handle; dying after is a crash.
        if (!isReady) fail(this.failure(instance, `exited (${code ?? signal}) before it was ready`));
        else if (!this.stopping) this.onCrash(instance, code, signal, this);
      });
    });
  }

  /**
   * SIGTERM to every process (each drains its in-flight work), SIGKILL to any still there after the timeout.
   * Resolves with how each one ended, by instance id.
   */
  async stop(): Promise<Map<string, Exit>> {
    this.stopping = true;
    const children = [...this.children];
    const exits = await Promise.all(children.map(([, child]) => this.stopChild(child)));
    return new Map(children.map(([id], i) => [id, exits[i]!]));
  }

  /** Sends `signal` to one process and resolves when it has exited (SIGKILL follows after the stop timeout). */
  async stopOne(instance: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.children.get(instanceId(instance));
    if (child) await this.stopChild(child, signal);
  }

  private async stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    const exited = new Promise<Exit>((done) => child.once('exit', (code, signalCode) => done({ code, signal: signalCode })));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  }

  private failure(instance: Instance, what: string): Error {
    let tail = '';
    try {
      tail = readFileSync(this.logFile(instance), 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      // No log yet: the message alone has to do.
    }
    return new Error(`${instanceId(instance)} ${what}; last lines of ${this.logFile(instance)}:\n${tail}`);
  }
}
