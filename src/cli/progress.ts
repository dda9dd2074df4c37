import { printable } from './printable';

/** How a long command shows progress: a bar on a terminal, a line per item otherwise, or nothing. */
export interface Progress {
  /** The number of items is now known to be at least `total`. */
  grow(total: number): void;
  /** One item finished; `line` is printed in line mode, escaped ({@link printable}) so it stays one line. */
  tick(line: string): void;
  /** Ends the bar (a no-op in the other modes). */
  stop(): void;
}

/**
 * A progress display on `stream`: `bar` (cli-progress, loaded only then) redraws one line; `lines` writes
 * each item's line; `none` is silent.
 */
export function createProgress(mode: 'bar' | 'lines' | 'none', stream: NodeJS.WriteStream, label: string): Progress {
  if (mode === 'none') return { grow: () => undefined, tick: () => undefined, stop: () => undefined };
  if (mode === 'lines') return { grow: () => undefined, tick: (line) => void stream.write(`${printable(line)}\n`), stop: () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for a bar
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted}`, stream, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  let total = 0;
  let started = false;
  return {
    grow: (n) => {
      if (n <= total) return;
      total = n;
      if (started) bar.setTotal(total);
      else {
        bar.start(total, 0);
        started = true;
      }
    },
    tick: () => bar.increment(),
    stop: () => {
      if (started) bar.stop();
    },
  };
}
