/** A function that runs tasks with at most `concurrency` of them in flight, queueing the rest in order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Makes a {@link Limiter} allowing `concurrency` (at least 1) tasks at a time. */
export function createLimiter(concurrency: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    active -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= Math.max(1, concurrency)) await new Promise<void>((resume) => waiting.push(resume));
    active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
