import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
const INFRA_SCRIPT = resolve(REPO_ROOT, 'devstack/infra/infra.sh');

/** Where the running infrastructure answers, as `infra.sh env` reports it (the script owns ports and defaults). */
export interface InfraSettings {
  KAFKA_BROKERS: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_UI_URL: string;
  MYSQL_URL: string;
  /** Which Temporal server runs: the CLI's dev server on one SQLite file, or the full server on PostgreSQL. */
  TEMPORAL_PERSISTENCE: 'sqlite' | 'postgres';
  /** With sqlite: the dev server's database file. */
  TEMPORAL_SQLITE_FILE?: string;
  /** With postgres: the full server's history database. */
  TEMPORAL_POSTGRES_URL?: string;
}

export function infraSettings(): InfraSettings {
  const output = execFileSync('bash', [INFRA_SCRIPT, 'env'], { encoding: 'utf8' });
  const settings = Object.fromEntries(
    output
      .split('\n')
      .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
      .filter((match): match is RegExpMatchArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
  for (const key of ['KAFKA_BROKERS', 'TEMPORAL_ADDRESS', 'TEMPORAL_UI_URL', 'MYSQL_URL', 'TEMPORAL_PERSISTENCE']) {
    if (!settings[key]) throw new Error(`infra.sh env did not report ${key}`);
  }
  return settings as unknown as InfraSettings;
}

/**
 * Brings Kafka, Temporal (and its PostgreSQL) and MySQL up unless all already answer. Returns whether it started
 * them, so the caller stops only what it started and leaves a stack someone else runs alone.
 */
export async function ensureInfra(settings: InfraSettings): Promise<boolean> {
  const endpoints = [settings.KAFKA_BROKERS.split(',')[0]!, settings.TEMPORAL_ADDRESS, hostPortOf(settings.MYSQL_URL, 3306)];
  if (settings.TEMPORAL_POSTGRES_URL) endpoints.push(hostPortOf(settings.TEMPORAL_POSTGRES_URL, 5432));
  const answering = await Promise.all(endpoints.map(isListening));
  if (answering.every(Boolean)) return false;
  runInfra('up');
  return true;
}

export function stopInfra(): void {
  runInfra('down');
}

export type InfraComponent = 'kafka' | 'temporal' | 'postgres' | 'mariadb';

/** Where infra.sh keeps a server's pid: under OMNIFLOW_HOME when set (relative to the working directory, as there). */
export function infraPidFile(component: InfraComponent): string {
  return resolve(process.env.OMNIFLOW_HOME ?? resolve(REPO_ROOT, '.omniflow'), 'run', `${component}.pid`);
}

/**
 * Kills one infrastructure process outright (no clean shutdown), then brings it back with `infra.sh up`, which
 * resolves once it answers again. The caller's event loop keeps running meanwhile (its clients must go on).
 */
export async function crashAndRestartInfra(component: InfraComponent): Promise<void> {
  await whileInfraDown(component, async () => undefined);
}

/** Kills one infrastructure process outright, runs `during` while it is down, then brings it back (as above). */
export async function whileInfraDown<T>(component: InfraComponent, during: () => Promise<T>): Promise<T> {
  const pid = Number(readFileSync(infraPidFile(component), 'utf8'));
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  try {
    return await during();
  } finally {
    const exit = await new Promise<number | null>((done) => spawn('bash', [INFRA_SCRIPT, 'up'], { stdio: 'inherit' }).once('exit', done));
    if (exit !== 0) throw new Error(`infra.sh up failed (exit ${exit}) after ${component} was killed`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runInfra(command: 'up' | 'down'): void {
  const result = spawnSync('bash', [INFRA_SCRIPT, command], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`infra.sh ${command} failed (exit ${result.status ?? result.signal})`);
}

function hostPortOf(databaseUrl: string, defaultPort: number): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || defaultPort}`;
}

function isListening(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((done) => {
    const socket = connect({ host, port: Number(port) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
  });
}
