/**
 * Group commit for a hot write. A call made while no batch is in flight runs at once, alone; calls made while one is
 * in flight wait and go together in the next batch (at most `max`), so that N concurrent writes cost one statement,
 * one round trip and one commit instead of N. `run` gets the items in arrival order and returns one result per item,
 * in the same order. A batch that throws is retried item by item, so one bad item fails alone and the others still
 * land (the statement is all-or-nothing, so nothing of the failed batch was kept).
 */
export function batched<T, R>(run: (items: T[]) => Promise<R[]>, opts: { max?: number } = {}): (item: T) => Promise<R> {
  const max = opts.max ?? 64;
  const queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let flying = false;
  const settle = async (batch: typeof queue) => {
    let results: R[];
    try {
      results = await run(batch.map((b) => b.item));
    } catch (e) {
      if (batch.length === 1) batch[0].reject(e);
      else await Promise.all(batch.map((b) => run([b.item]).then(([r]) => b.resolve(r), b.reject)));
      return;
    }
    // A miscount is a bug in `run`, not in an item: the batch may have been written, so it is not run again.
    const miscount = results.length === batch.length ? undefined : new Error(`batched: ${results.length} results for ${batch.length} items`);
    batch.forEach((b, i) => (miscount ? b.reject(miscount) : b.resolve(results[i])));
  };
  const flush = () => {
    if (flying || !queue.length) return;
    flying = true;
    void settle(queue.splice(0, max)).finally(() => {
      flying = false;
      flush();
    });
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      flush();
    });
}
