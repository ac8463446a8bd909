import { instanceId } from './instances';
import type { CrashHandler } from './supervisor';

const RESTART_DELAY_MS = 1000;

/**
 * Supervision as in production: a process that dies is started again, and again if it dies while starting (a
 * server it needs may still be down), and each event is reported.
 */
export function restartAfterCrash(say: (line: string) => void): CrashHandler {
  return (instance, code, signal, stack) => {
    const id = instanceId(instance);
    say(`${id} exited (${code ?? signal}); restarting it, see ${stack.logFile(instance)}`);
    const restart = () =>
      stack.spawn(instance).then(
        () => say(`${id} is back`),
        (err: Error) => {
          say(`${err.message}\n${id}: trying again`);
          setTimeout(restart, RESTART_DELAY_MS);
        },
      );
    setTimeout(restart, RESTART_DELAY_MS);
  };
}
