/**
 * Runs `task` now and then every `intervalMs`, one run at a time (a run that overlaps the next tick delays it),
 * until the returned stop, which waits for the run in hand. `task` handles its own failures: the next run is
 * the retry. The timer does not keep the process alive.
 */
export function repeatEvery(intervalMs: number, task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> = task();
  const timer = setInterval(() => (running = running.then(task)), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
