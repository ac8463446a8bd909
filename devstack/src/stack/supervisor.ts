import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT } from '../infra';
import { consoleEnvironment, environmentFor } from './environment';
import { PROCESSES, WORKSPACES, instanceId, type Instance, type ProcessName } from './instances';
import { pidFile } from './pid-file';
import type { StackSettings } from './settings';

const mainScript = (name: ProcessName): string => resolve(REPO_ROOT, WORKSPACES[name], 'dist/main.js');

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

/** What to do when a process that was ready exits while the stack is not stopping (restartAfterCrash, or give up). */
export type CrashHandler = (instance: Instance, code: number | null, signal: NodeJS.Signals | null, stack: RunningStack) => void;

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The application's processes, each its own OS process with its own log file. */
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
