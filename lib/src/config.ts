import { z } from 'zod/v4';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates environment variables; on failure lists every problem at once, not just the first. */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}${received(issue)}`));
}

/** Names the value of a variable outside its set of choices (never of others: a too-short secret stays unsaid). */
function received(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_value' && typeof issue.input === 'string' ? `, received '${issue.input}'` : '';
}

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** A variable's message when it is not set at all: what to set it to. Other problems keep their own message. */
export const requiredAs = (hint: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? hint : undefined),
});

export const logConfig = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
};

export const kafkaConfig = {
  KAFKA_BROKERS: z
    .string(requiredAs('required, e.g. 127.0.0.1:9092'))
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .refine((brokers) => brokers.every((broker) => hostPort.test(broker)), 'must be host:port[,host:port...]'),
  /** Lets several stacks (dev, test) share one broker without sharing topics or consumer groups. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
    .default(''),
};

export const databaseConfig = {
  DATABASE_URL: z
    .string(requiredAs('required, e.g. mysql://user:password@127.0.0.1:3307/omniflow_inventory'))
    .url('must be a URL like mysql://user:password@host:port/database')
    .refine((url) => url.startsWith('mysql://'), 'must start with mysql://')
    // Checks go on after a failed one, so this one must not throw on what is not a URL at all (said above).
    .refine((url) => !URL.canParse(url) || /^\/[A-Za-z0-9_]+$/.test(new URL(url).pathname), 'must name a database ([A-Za-z0-9_]+)'),
  /** Inserts the demo catalog and stock on start-up; for development and tests, never for production. */
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
};

export const temporalConfig = {
  TEMPORAL_ADDRESS: z
    .string()
    .regex(hostPort, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('omniflow-orders'),
};
