import type { ProcessName } from './instances';
import type { Profile } from './profiles';

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

/** Where a profile's processes listen. */
export interface ProfileUrls {
  /** Where each copy of the gateway listens. */
  gatewayUrlOf(copy: number): string;
  /** Where each process answers GET /health/live and /health/ready. */
  healthUrl(name: ProcessName, copy?: number): string;
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

export function profileUrls(profile: Profile): ProfileUrls {
  const offset = portOffset();
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? GATEWAY_PORTS[profile] + offset);
  const healthPortBase = HEALTH_PORT_BASES[profile] + offset;
  const gatewayUrlOf = (copy: number) => `http://127.0.0.1:${gatewayPort + copy * COPY_PORT_STRIDE}`;
  return {
    gatewayUrlOf,
    healthUrl: (name, copy = 0) =>
      name === 'gateway'
        ? gatewayUrlOf(copy)
        : `http://127.0.0.1:${healthPortBase + HEALTH_PORT_OFFSETS[name] + copy * COPY_PORT_STRIDE}`,
  };
}
