/**
 * Runs `work` on every item of `source` with at most `concurrency` calls in flight. The workers share one
 * iterator, so an async source (a paged search) is read as fast as the work drains it, never ahead.
 * Rejects with the first error of `source` or of `work` (callers that must go on catch inside `work`).
 */
export async function forEachBounded<T>(source: Iterable<T> | AsyncIterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed) {
      const next = await iterator.next();
      if (next.done === true) return;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, () => worker().catch((error: unknown) => {
    failed = true;
    throw error;
  })));
}

/** `fn` of every item, in the items' order, with at most `concurrency` calls in flight; rejects as {@link forEachBounded}. */
export async function mapBounded<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  await forEachBounded(items.keys(), concurrency, async (i) => {
    out[i] = await fn(items[i]);
  });
  return out;
}
