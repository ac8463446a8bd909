/**
 * Kills things at random moments: any copy of any OmniFlow process (SIGKILL; the stack's supervisor starts it
 * again) and the Kafka broker, the Temporal server, its PostgreSQL and MariaDB (SIGKILL, then `infra.sh up`).
 * The first round
 * hits every kind once, in a seeded order, so even a short run has killed each; after that victims are drawn
 * at random, processes more often than servers.
 */
import { existsSync } from 'node:fs';
import { crashAndRestartInfra, infraPidFile, type InfraComponent } from '../infra';
import { PROCESSES, instanceId, type ProcessName } from '../stack/instances';
import type { RunningStack } from '../stack/supervisor';
import type { Random } from './random';

export type VictimKind = ProcessName | InfraComponent;

export interface MonkeyOptions {
  copies: number;
  /** Pause between two kills, drawn uniformly from this range. */
  gapMs: [number, number];
}

export class ChaosMonkey {
  readonly kills = new Map<VictimKind, number>();
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly kinds: VictimKind[];

  constructor(
    private readonly stack: RunningStack,
    private readonly random: Random,
    private readonly options: MonkeyOptions,
    private readonly say: (line: string) => void,
  ) {
    // Servers infra.sh runs: MariaDB unless MYSQL_URL points at someone's server, and Temporal's PostgreSQL
    // with TEMPORAL_PERSISTENCE=postgres.
    const running = (component: InfraComponent) => existsSync(infraPidFile(component));
    this.kinds = [...PROCESSES, 'kafka', 'temporal', ...(['postgres', 'mariadb'] as const).filter(running)];
  }

  get total(): number {
    return [...this.kills.values()].reduce((sum, n) => sum + n, 0);
  }

  start(): void {
    this.running = this.loop();
  }

  /** Stops after the kill in progress (and its server restart) is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    const firstRound = this.random.shuffle(this.kinds);
    while (!this.stopped) {
      await new Promise((resolve) => setTimeout(resolve, this.random.between(...this.options.gapMs)));
      if (this.stopped) return;
      const kind = firstRound.shift() ?? this.random.weighted(this.weights());
      if (await this.kill(kind)) this.kills.set(kind, (this.kills.get(kind) ?? 0) + 1);
    }
  }

  /** Processes four times as often as servers: they are five kinds to three, and each server restart stalls all. */
  private weights(): Record<VictimKind, number> {
    return Object.fromEntries(this.kinds.map((kind) => [kind, (PROCESSES as readonly string[]).includes(kind) ? 4 : 1])) as Record<VictimKind, number>;
  }

  private async kill(kind: VictimKind): Promise<boolean> {
    if (!(PROCESSES as readonly string[]).includes(kind)) {
      this.say(`killing ${kind} (SIGKILL) and restarting it`);
      const began = Date.now();
      await crashAndRestartInfra(kind as InfraComponent);
      this.say(`${kind} back after ${((Date.now() - began) / 1000).toFixed(1)}s`);
      return true;
    }
    const instance = { name: kind as ProcessName, copy: this.random.between(0, this.options.copies - 1) };
    // A copy still restarting from an earlier kill has nothing to kill.
    if (this.stack.pid(instance) === undefined) return false;
    this.say(`killing ${instanceId(instance)} (SIGKILL)`);
    await this.stack.stopOne(instance, 'SIGKILL');
    return true;
  }
}
