/**
 * Runs `task` every `everyMs` in this process, one run at a time (a tick while the previous run is still going is
 * skipped), optionally once right away; failures go to `log`. Returns the stop function. The timer does not keep the
 * process alive.
 */
export function repeat(task: () => Promise<unknown>, everyMs: number, log: (e: unknown) => void, opts: { now?: boolean } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    task()
      .catch(log)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (opts.now) tick();
  return () => clearInterval(timer);
}
