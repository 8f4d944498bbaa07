/**
 * Runs `work` every `intervalMs` (and at once, with `immediately`), one run at a time, errors to `onError`;
 * the timer does not keep the process alive. `stop()` waits for a run in progress.
 */
export function every(
  intervalMs: number,
  work: () => Promise<unknown>,
  onError?: (error: unknown) => void,
  options: { immediately?: boolean } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = running.then(work).catch((error) => onError?.(error));
  };
  if (options.immediately) run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
