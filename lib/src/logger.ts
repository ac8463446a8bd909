import pino, { type Logger, type LoggerOptions } from 'pino';
import { activeTraceIds } from './tracing';

export type { Logger };

/**
 * JSON logs, one line per event; every line names the service it came from, and a line written while a trace is
 * active (an HTTP request, a command, an activity) names its traceId and spanId, so one order's path can be
 * followed across every process's log.
 */
export function loggerOptions(service: string, level = 'info'): LoggerOptions {
  return { level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime, mixin: activeTraceIds };
}

/** The process's logger, on stdout. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino(loggerOptions(service, level));
}
