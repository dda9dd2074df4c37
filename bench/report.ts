/** Results table and the docs/benchmarks.md section of bench/parse-dump.ts. */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';

/** One compared operation on one document, summarised over all rounds. */
export interface Row {
  doc: string;
  op: 'parse' | 'dump';
  oursNs: number;
  pydanticNs: number;
  /** Ours / pydantic in each round (paired), to show how much the noise moved the ratio. */
  roundRatios: number[];
  floorNs: number;
  target: number;
}

/** The machine and toolchain a run was measured on. */
export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  python: string;
  pydantic: string;
  commit: string;
  date: string;
}

/** Reads the CPU model, core count, versions and the measured commit. */
export function describeMachine(python: string, pydantic: string): Machine {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '') commit += ' + uncommitted src changes';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    cpu: model?.[1].trim() ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    python,
    pydantic,
    commit,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function time(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e3).toPrecision(3)} µs`;
}

const ratio = (x: number): string => `${x.toFixed(2)}×`;

/** The ratio against its target, with a third decimal when two would hide which side of it the ratio is. */
function vsTarget(x: number, target: number): string {
  return x > target && x.toFixed(2) === target.toFixed(2) ? `${x.toFixed(3)}×` : ratio(x);
}

/** The results as a Markdown table (also printed to the console). */
export function table(rows: readonly Row[]): string {
  const head = [
    '| Doc | Op | ours | pydantic | ours / pydantic | per-round range | target | met | V8 floor | ours / floor |',
    '|---|---|--:|--:|--:|--:|--:|:-:|--:|--:|',
  ];
  const lines = rows.map((r) => {
    const q = r.oursNs / r.pydanticNs;
    const range = `${ratio(Math.min(...r.roundRatios))}–${ratio(Math.max(...r.roundRatios))}`;
    const cells = [r.doc, r.op, time(r.oursNs), time(r.pydanticNs), `**${vsTarget(q, r.target)}**`, range, `≤ ${ratio(r.target)}`];
    return `| ${[...cells, q <= r.target ? 'yes' : '**no**', time(r.floorNs), ratio(r.oursNs / r.floorNs)].join(' | ')} |`;
  });
  return [...head, ...lines].join('\n');
}

function missedText(r: Row): string {
  const floor = ratio(r.floorNs / r.pydanticNs);
  return `${r.op} at ${r.doc}, ${vsTarget(r.oursNs / r.pydanticNs, r.target)} against ≤ ${ratio(r.target)} (the V8 floor alone is ${floor} pydantic)`;
}

/** The generated body of the parse-dump section. */
export function section(rows: readonly Row[], machine: Machine, rounds: number, notes: readonly string[]): string {
  const missed = rows.filter((r) => r.oursNs / r.pydanticNs > r.target);
  const verdict =
    missed.length === 0
      ? 'Every target was met in this run.'
      : `**Missed in this run:** ${missed.map(missedText).join('; ')}.`;
  return [
    `Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ` +
      `Python ${machine.python}, pydantic ${machine.pydantic}; training-bom at ${machine.commit}. ` +
      `${rounds} interleaved rounds; times are medians per operation.`,
    '',
    table(rows),
    '',
    verdict,
    ...notes.map((n) => `\n${n}`),
  ].join('\n');
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in a Markdown file. */
export function writeSection(path: string, name: string, body: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const doc = readFileSync(path, 'utf8');
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${path} has no ${start} … ${end} section`);
  writeFileSync(path, `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`);
}

/** "Measured <date> on <cpu> (<n> cores), Node <v>; training-bom at <commit>." for a section's first line. */
export function hostLine(): string {
  const m = describeMachine('', '');
  return `Measured ${m.date} on ${m.cpu} (${m.cores} cores), Node ${m.node}; training-bom at ${m.commit}.`;
}
