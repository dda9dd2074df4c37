/** Node side of bench/parse-dump.ts: times our parse and dump, and bare V8 JSON as the floor. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TrainingBOM } from '../src/index';

/** Per-op nanoseconds of each Node operation in one round. */
export interface NodeTimings {
  parse: number;
  dump: number;
  jsonParse: number;
  jsonStringify: number;
}

/** The built library, loaded from dist/ at run time (after the build) rather than from src/. */
export type Lib = typeof import('../src/index');

// Results land here so that no timed call is ever dead code.
const sink: { last: unknown } = { last: undefined };

// A full collection before each timed loop, so that no operation pays for the previous one's garbage.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Nanoseconds a call of `fn` over `iterations` calls, after a full garbage collection. */
export function perOpNs(fn: () => unknown, iterations: number): number {
  collectGarbage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink.last = fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** One document prepared for timing: its text, our parsed BOM and V8's plain parse of the same text. */
export class NodeSide {
  private readonly text: string;
  private readonly bom: TrainingBOM;
  private readonly plain: unknown;

  constructor(
    private readonly lib: Lib,
    path: string,
  ) {
    this.text = readFileSync(path, 'utf8');
    this.bom = lib.TrainingBOM.parse(this.text);
    this.plain = JSON.parse(this.text);
  }

  /** SHA-256 of our `toJSONString(2)`, to compare with pydantic's dump and with the input bytes. */
  dumpSha256(): string {
    return createHash('sha256').update(this.bom.toJSONString(2)).digest('hex');
  }

  /** SHA-256 of the document's own text. */
  textSha256(): string {
    return createHash('sha256').update(this.text).digest('hex');
  }

  /** Times each operation for `iterations` calls, one operation after another. */
  round(iterations: number): NodeTimings {
    const { lib, text, bom, plain } = this;
    return {
      parse: perOpNs(() => lib.TrainingBOM.parse(text), iterations),
      dump: perOpNs(() => bom.toJSONString(2), iterations),
      jsonParse: perOpNs(() => JSON.parse(text), iterations),
      jsonStringify: perOpNs(() => JSON.stringify(plain, null, 2), iterations),
    };
  }
}
