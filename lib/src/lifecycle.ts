import { ConfigError, logConfig } from './config';
import { loadEnvFiles } from './env-file';
import { createLogger, type Logger } from './logger';
import { startTracing, type Tracing, type TracingOptions } from './tracing';

export type Stop = () => Promise<void>;

/**
 * Runs a service's main: loads any `--env-file`, registers its tracer, starts it, reports readiness to a parent
 * launcher (over IPC when there is one), and stops it once on SIGTERM or SIGINT so in-flight work drains (and
 * the last spans are flushed) before the process exits. A configuration error is printed as one readable
 * message listing every problem, not a stack trace, and the process exits with status 2.
 */
export function runService(
  name: string,
  start: (logger: Logger, tracing: Tracing) => Promise<Stop>,
  tracingOptions: TracingOptions = { asyncContext: true },
): void {
  try {
    loadEnvFiles(process.argv.slice(2));
  } catch (err) {
    exitOnConfigError(name, err);
    throw err;
  }
  // A wrong LOG_LEVEL must not crash the logger before the configuration can report it with everything else.
  const level = logConfig.LOG_LEVEL.safeParse(process.env.LOG_LEVEL);
  const logger = createLogger(name, level.success ? level.data : 'info');
  let tracing: Tracing | undefined;
  const started = (async () => {
    tracing = startTracing(name, tracingOptions);
    return start(logger, tracing);
  })();
  let stopping = false;

  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      // A signal during start-up waits for it to finish, then stops cleanly: exiting half-started would leave
      // e.g. a consumer group member behind that stalls its group until the broker expires it.
      const stop = await started.catch(() => undefined);
      await stop?.();
      await tracing?.shutdown();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error while stopping');
      process.exit(1);
    }
  }

  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  started.then(
    () => {
      if (stopping) return;
      logger.info('ready');
      process.send?.({ type: 'ready', service: name });
    },
    (err: unknown) => {
      exitOnConfigError(name, err);
      logger.fatal({ err }, 'failed to start');
      process.exit(1);
    },
  );
}

/** A configuration error ends the process with status 2 and its list of problems; any other error is the caller's. */
function exitOnConfigError(name: string, err: unknown): void {
  if (!(err instanceof ConfigError)) return;
  process.stderr.write(`${name}: ${err.message}\n`);
  process.exit(2);
}
