import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Sequelize } from 'sequelize';
import { REPO_ROOT, type InfraSettings } from './infra';

/**
 * `dev` is what `npm start` runs; `test` and `bench` share the infrastructure but none of dev's topics,
 * databases or ports, so they can run while `npm start` is up.
 */
export type Profile = 'dev' | 'test' | 'bench';

const GATEWAY_PORTS: Record<Profile, number> = { dev: 8000, test: 18000, bench: 28000 };
/** Health endpoints of the processes without an HTTP server: base + 1..4 (the gateway serves its own). */
const HEALTH_PORT_BASES: Record<Profile, number> = { dev: 8100, test: 18100, bench: 28100 };
const HEALTH_PORT_OFFSETS = { inventory: 1, payment: 2, shipping: 3, orchestrator: 4 } as const;

export const PROCESSES = ['inventory', 'payment', 'shipping', 'orchestrator', 'gateway'] as const;
export type ProcessName = (typeof PROCESSES)[number];
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
  /** Where each process answers GET /health/live and /health/ready. */
  healthUrl(name: ProcessName): string;
  logDir: string;
  /** Signs and verifies bearer tokens; made once per checkout and kept in .omniflow/auth-secret. */
  authSecret: string;
  databaseUrl(database: Database): string;
}

/**
 * STACK_PORT_OFFSET shifts every port of a profile, so a second checkout (with its own infra ports) can run its
 * stacks beside this one's.
 */
function portOffset(): number {
  const offset = Number(process.env.STACK_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 30000) throw new Error(`STACK_PORT_OFFSET must be an integer 0..30000, got ${process.env.STACK_PORT_OFFSET}`);
  return offset;
}

export function stackSettings(profile: Profile, infra: InfraSettings): StackSettings {
  const offset = portOffset();
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? GATEWAY_PORTS[profile] + offset);
  const healthPortBase = HEALTH_PORT_BASES[profile] + offset;
  return {
    profile,
    infra,
    topicPrefix: profile === 'dev' ? '' : `${profile}.`,
    taskQueue: profile === 'dev' ? 'omniflow-orders' : `omniflow-${profile}-orders`,
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    healthUrl: (name) =>
      name === 'gateway' ? `http://127.0.0.1:${gatewayPort}` : `http://127.0.0.1:${healthPortBase + HEALTH_PORT_OFFSETS[name]}`,
    logDir: resolve(REPO_ROOT, '.omniflow/logs', profile),
    authSecret: authSecret(),
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
  const server = new Sequelize(settings.infra.MYSQL_URL, { dialect: 'mysql', logging: false });
  try {
    for (const name of DATABASES) {
      const database = new URL(settings.databaseUrl(name)).pathname.slice(1);
      await server.query(`DROP DATABASE IF EXISTS \`${database}\``);
    }
  } finally {
    await server.close();
  }
}

/** The environment `npm start` gives one process: every setting it reads, for this profile. */
export function environmentFor(name: ProcessName, settings: StackSettings): Record<string, string> {
  const test = settings.profile !== 'dev';
  const env: Record<string, string> = {
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    KAFKA_BROKERS: settings.infra.KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: settings.topicPrefix,
    TEMPORAL_ADDRESS: settings.infra.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: settings.taskQueue,
    SEED_DEMO_DATA: 'true',
  };
  if (name !== 'gateway') env.HEALTH_PORT = new URL(settings.healthUrl(name)).port;
  switch (name) {
    case 'gateway':
      return {
        ...env,
        DATABASE_URL: settings.databaseUrl('orders'),
        PORT: new URL(settings.gatewayUrl).port,
        AUTH_JWT_SECRET: settings.authSecret,
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
  const file = resolve(REPO_ROOT, '.omniflow/auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const mainScript = (name: ProcessName): string =>
  resolve(REPO_ROOT, name === 'orchestrator' ? 'orchestrator' : `services/${name}`, 'dist/main.js');

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

/** The application's processes, each its own OS process with its own log file. */
export type CrashHandler = (name: ProcessName, code: number | null, signal: NodeJS.Signals | null, stack: RunningStack) => void;

const RESTART_DELAY_MS = 1000;

/** Supervision as in production: a process that dies is started again, and each event is reported. */
export function restartAfterCrash(say: (line: string) => void): CrashHandler {
  return (name, code, signal, stack) => {
    say(`${name} exited (${code ?? signal}); restarting it, see ${stack.logFile(name)}`);
    setTimeout(() => stack.spawn(name).then(() => say(`${name} is back`), (err: Error) => say(err.message)), RESTART_DELAY_MS);
  };
}

/** Where a running process's pid is kept, written once it is ready (so a new pid there means "back and ready"). */
export function pidFile(settings: StackSettings, name: ProcessName): string {
  return resolve(REPO_ROOT, '.omniflow/run', settings.profile, `${name}.pid`);
}

export class RunningStack {
  private readonly children = new Map<ProcessName, ChildProcess>();
  private stopping = false;

  private constructor(
    private readonly settings: StackSettings,
    private readonly onCrash: CrashHandler,
  ) {}

  /** Starts every process at once (none depends on another being up) and resolves when all report ready. */
  static async start(settings: StackSettings, onCrash: CrashHandler): Promise<RunningStack> {
    mkdirSync(settings.logDir, { recursive: true });
    mkdirSync(dirname(pidFile(settings, 'gateway')), { recursive: true });
    const stack = new RunningStack(settings, onCrash);
    try {
      await Promise.all(PROCESSES.map((name) => stack.spawn(name)));
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  logFile(name: ProcessName): string {
    return resolve(this.settings.logDir, `${name}.log`);
  }

  pid(name: ProcessName): number | undefined {
    return this.children.get(name)?.pid;
  }

  /** Starts (or restarts) one process and waits for its ready message; does nothing once the stack is stopping. */
  spawn(name: ProcessName): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const log = openSync(this.logFile(name), 'a');
    const child = fork(mainScript(name), [], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...environmentFor(name, this.settings) },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    this.children.set(name, child);
    return new Promise((ready, fail) => {
      let isReady = false;
      const timer = setTimeout(() => fail(this.failure(name, `not ready after ${READY_TIMEOUT_MS / 1000}s`)), READY_TIMEOUT_MS);
      child.on('message', (message: { type?: string }) => {
        if (message.type !== 'ready') return;
        isReady = true;
        clearTimeout(timer);
        writeFileSync(pidFile(this.settings, name), `${child.pid}\n`);
        ready();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.children.get(name) === child) this.children.delete(name);
        rmSync(pidFile(this.settings, name), { force: true });
        // Dying before ready is a failed start, the caller's to handle; dying after is a crash.
        if (!isReady) fail(this.failure(name, `exited (${code ?? signal}) before it was ready`));
        else if (!this.stopping) this.onCrash(name, code, signal, this);
      });
    });
  }

  /** SIGTERM to every process (each drains its in-flight work), SIGKILL to any still there after the timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.children.keys()].map((name) => this.stopOne(name)));
  }

  async stopOne(name: ProcessName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private failure(name: ProcessName, what: string): Error {
    let tail = '';
    try {
      tail = readFileSync(this.logFile(name), 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      // No log yet: the message alone has to do.
    }
    return new Error(`${name} ${what}; last lines of ${this.logFile(name)}:\n${tail}`);
  }
}
