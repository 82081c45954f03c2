/**
 * Group commit: calls that arrive while a statement is running wait for it, then go together as
 * one statement. An idle store runs a call at once (no added wait); a busy one runs one statement
 * per wave instead of one per call. Each caller resolves only when its own statement has
 * committed, and every caller of a failed statement gets its error.
 */
export function createBatcher<I, R>(run: (items: I[]) => Promise<R[]>, maxItems = 200): (item: I) => Promise<R> {
  let queue: { item: I; resolve: (r: R) => void; reject: (err: unknown) => void }[] = [];
  let running = false;
  const flush = async () => {
    running = true;
    while (queue.length) {
      const wave = queue.slice(0, maxItems);
      queue = queue.slice(wave.length);
      try {
        const results = await run(wave.map((w) => w.item));
        wave.forEach((w, i) => w.resolve(results[i]!));
      } catch (err) {
        for (const w of wave) w.reject(err);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void flush();
    });
}
