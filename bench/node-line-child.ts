/**
 * One measurement of bench/node-lines.ts, run in a fresh process of whichever Node the parent chose:
 * prints one JSON line and exits.
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/node-line-child.ts parse-dump PATH ITERATIONS
 *   node --expose-gc -r ts-node/register/transpile-only bench/node-line-child.ts log-metric CALLS
 */
import { resolve } from 'node:path';
import { bare, journaled, tracked } from './log-metric-loops';
import { readFileSync } from 'node:fs';
import { NodeSide, perOpNs, type Lib } from './node-side';

// The compiled package, as users get it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require(resolve(__dirname, '../dist')) as Lib;
const [mode, arg1, arg2] = process.argv.slice(2);

if (mode === 'parse-dump') {
  const side = new NodeSide(lib, arg1);
  const iterations = Number(arg2);
  side.round(iterations); // warm-up: JIT, inline caches, a first garbage collection
  const timings = side.round(iterations);
  // The floor of our own dump: V8's stringify of the wire object ours builds (the plain JSON.parse result
  // is a different object, which need not stringify at the same speed on every V8).
  const wire = lib.TrainingBOM.parse(readFileSync(arg1, 'utf8')).toJSON();
  const stringifyWire = (): string => JSON.stringify(wire, null, 2);
  perOpNs(stringifyWire, iterations);
  const wireStringify = perOpNs(stringifyWire, iterations);
  console.log(JSON.stringify({ ...timings, wireStringify, dumpIsInput: side.dumpSha256() === side.textSha256() }));
} else if (mode === 'log-metric') {
  const calls = Number(arg1);
  const Tracker = lib.TrainingWorkflowTracker;
  bare(calls); // warm-up of the bare loop; the trackers warm up within their first calls
  tracked(Tracker, Math.min(calls, 100_000));
  journaled(Tracker, Math.min(calls, 100_000), false);
  // Bare before and after, averaged, so that neither tracker is compared with a bare loop run at another load.
  const before = bare(calls);
  const t = tracked(Tracker, calls).ns;
  const j = journaled(Tracker, calls, false).ns;
  const after = bare(calls);
  console.log(JSON.stringify({ bare: (before + after) / 2, tracked: t, journaled: j }));
} else {
  throw new Error(`unknown mode ${String(mode)}: use parse-dump or log-metric`);
}
