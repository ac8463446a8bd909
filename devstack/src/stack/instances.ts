export const PROCESSES = ['inventory', 'payment', 'shipping', 'orchestrator', 'gateway'] as const;
export type ProcessName = (typeof PROCESSES)[number];

/** Each process's npm workspace: its code, its `npm run start`, its built dist/main.js. */
export const WORKSPACES: Record<ProcessName, string> = {
  inventory: 'services/inventory',
  payment: 'services/payment',
  shipping: 'services/shipping',
  orchestrator: 'orchestrator',
  gateway: 'services/gateway',
};

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
