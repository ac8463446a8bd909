/** Kills test-stack processes the hard way, as a crash would, and waits for the supervisor to bring them back. */
import { readFileSync } from 'node:fs';
import type { ProcessName } from '../stack/instances';
import { pidFile } from '../stack/pid-file';
import { testStack } from './test-stack';

export { crashAndRestartInfra, whileInfraDown } from '../infra';

function readPid(name: ProcessName): number | undefined {
  try {
    return Number(readFileSync(pidFile(testStack(), name), 'utf8'));
  } catch {
    return undefined;
  }
}

/** SIGKILLs the process (no shutdown hooks run) and returns once a new one is up and ready. */
export async function crashAndAwaitRestart(name: ProcessName): Promise<void> {
  const pid = readPid(name);
  if (!pid) throw new Error(`${name} is not running`);
  process.kill(pid, 'SIGKILL');
  for (;;) {
    const current = readPid(name);
    if (current && current !== pid) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `during` with the process frozen (SIGSTOP), as a hung or swamped process would be, then thaws it. */
export async function whileFrozen<T>(name: ProcessName, during: () => Promise<T>): Promise<T> {
  const pid = readPid(name);
  if (!pid) throw new Error(`${name} is not running`);
  process.kill(pid, 'SIGSTOP');
  try {
    return await during();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}
