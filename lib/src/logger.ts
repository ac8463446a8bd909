import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout, one line per event; every line names the service it came from. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
