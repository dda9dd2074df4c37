/**
 * Node 24 beside the machine's Node, in one run: parse and dump at M (ours, the V8 floor, pydantic),
 * `logMetric` against a bare `Map.set` + `Date.now()` (and with the journal on), and the CLI's start-up.
 * Node 24 is the npm registry's `node` package, resolved once through npx. Every measurement is a fresh
 * child process of the compiled package (dist/); the rounds alternate which Node goes first, and pydantic
 * is timed once a round, so both Node lines meet the same machine load.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/node-lines.ts [--write] [--rounds N] [--node24 VERSION]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { writeBenchData } from './bench-data';
import { describeMachine, median, writeSection } from './report';

const ROOT = resolve(__dirname, '..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : (process.argv[i + 1]);
};
const ROUNDS = Number(arg('--rounds', '11'));
const VERSION = arg('--node24', '24.21.0');
const PYTHON = process.env.BENCH_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const EXAMPLE = join(ROOT, 'test', 'fixtures', 'reference-vectors', 'valid', 'seed-basic.json');
const CHILD = ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'node-line-child.ts')];
const LOG_METRIC_CALLS = 5_000_000;
const CLI_SPAWNS = 4; // of each command, each Node, each round
const TARGETS = { parse: 1.3, dump: 1.2, logMetric: 3, validate: 2 };

interface Line {
  node: string;
  version: string;
}
type Sample = Record<string, number>;

function output(file: string, args: string[]): string {
  return execFileSync(file, args, { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 24 });
}

function wallMs(node: string, args: string[]): number {
  const began = process.hrtime.bigint();
  const r = spawnSync(node, args, { encoding: 'utf8', cwd: ROOT });
  const elapsed = Number(process.hrtime.bigint() - began) / 1e6;
  if (r.status !== 0) throw new Error(`${node} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return elapsed;
}

/** One round on one Node: parse/dump at M, logMetric, and the CLI's start-up. */
function nodeRound(line: Line, mPath: string, iterations: number): Sample {
  const pd = JSON.parse(output(line.node, [...CHILD, 'parse-dump', mPath, String(iterations)])) as Sample & { dumpIsInput: boolean };
  if (!pd.dumpIsInput) throw new Error(`Node ${line.version}: our dump at M is not the input bytes`);
  const lm = JSON.parse(output(line.node, [...CHILD, 'log-metric', String(LOG_METRIC_CALLS)])) as Sample;
  const cli: Record<string, number[]> = { floor: [], version: [], validate: [] };
  for (let i = 0; i < CLI_SPAWNS; i++) {
    cli.floor.push(wallMs(line.node, ['-e', '0']));
    cli.version.push(wallMs(line.node, [CLI, '--version']));
    cli.validate.push(wallMs(line.node, [CLI, 'validate', EXAMPLE]));
  }
  return {
    parse: pd.parse,
    dump: pd.dump,
    jsonParse: pd.jsonParse,
    jsonStringify: pd.jsonStringify,
    wireStringify: pd.wireStringify,
    bare: lm.bare,
    tracked: lm.tracked,
    journaled: lm.journaled,
    floorMs: median(cli.floor),
    versionMs: median(cli.version),
    validateMs: median(cli.validate),
  };
}

const us = (ns: number): string => `${(ns / 1e3).toPrecision(3)} µs`;
const x = (v: number): string => `${v.toFixed(2)}×`;
const range = (vs: number[]): string => `${x(Math.min(...vs))}–${x(Math.max(...vs))}`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ');

function main(): void {
  const loadBefore = load();
  const node24 = output('npx', ['--yes', '-p', `node@${VERSION}`, 'node', '-p', 'process.execPath']).trim();
  const lines: Line[] = [
    { node: process.execPath, version: process.version },
    { node: node24, version: output(node24, ['--version']).trim() },
  ];
  const v8 = lines.map((l) => output(l.node, ['-p', 'process.versions.v8']).trim());
  const m = writeBenchData().find((d) => d.name === 'M')!;
  const info = JSON.parse(output(PYTHON, [join(__dirname, 'pydantic_bench.py'), '--info'])) as { python: string; pydantic: string };
  const samples: Sample[][] = lines.map(() => []);
  const py: Array<{ parse_ns: number; dump_ns: number }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    samples[order[0]].push(nodeRound(lines[order[0]], m.path, m.iterations));
    py.push(JSON.parse(output(PYTHON, [join(__dirname, 'pydantic_bench.py'), 'M', String(m.iterations)])) as (typeof py)[number]);
    samples[order[1]].push(nodeRound(lines[order[1]], m.path, m.iterations));
    process.stderr.write(`round ${r + 1}/${ROUNDS} done (load ${load()})\n`);
  }
  const loadAfter = load();

  const pyParse = median(py.map((p) => p.parse_ns));
  const pyDump = median(py.map((p) => p.dump_ns));
  const med = (l: number, k: string): number => median(samples[l].map((s) => s[k]));
  const perRound = (l: number, f: (s: Sample, r: number) => number): number[] => samples[l].map(f);
  const cells = (f: (l: number) => string): string => lines.map((_, l) => f(l)).join(' | ');
  const met = (f: (l: number) => number, target: number): string =>
    lines.map((_, l) => (f(l) <= target ? 'yes' : '**no**')).join(' / ');
  const vsPy = (l: number, op: 'parse' | 'dump'): number => med(l, op) / (op === 'parse' ? pyParse : pyDump);
  const floorVsPy = (l: number, op: 'parse' | 'dump'): number =>
    med(l, op === 'parse' ? 'jsonParse' : 'jsonStringify') / (op === 'parse' ? pyParse : pyDump);
  const ratioRow = (label: string, op: 'parse' | 'dump', target: number): string =>
    `| ${label} | ${cells((l) => `**${x(vsPy(l, op))}** (${range(perRound(l, (s, r) => (s[op]) / py[r][`${op}_ns`]))})`)} | ≤ ${x(target)} | ${met((l) => vsPy(l, op), target)} |`;
  const lmRatio = (l: number, k: string): number => med(l, k) / med(l, 'bare');
  const lmRow = (label: string, k: string): string =>
    `| ${label} | ${cells((l) => `**${x(lmRatio(l, k))}** (${range(perRound(l, (s) => (s[k]) / (s.bare)))})`)} | ≤ ${x(TARGETS.logMetric)} | ${met((l) => lmRatio(l, k), TARGETS.logMetric)} |`;
  const validateRatio = (l: number): number => med(l, 'validateMs') / med(l, 'floorMs');
  const machine = describeMachine(info.python, info.pydantic);
  const body = [
    `Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores), Node ${lines[0].version} (the machine's) and ` +
      `Node ${lines[1].version} (npm \`node@${VERSION}\`; V8 ${v8[0]} and ${v8[1]}), Python ${machine.python}, pydantic ${machine.pydantic}; ` +
      `training-bom at ${machine.commit}. Load average (1 / 5 / 15 min) ${loadBefore} at the start, ${loadAfter} at the end. ` +
      `${ROUNDS} rounds; in each, one Node then pydantic then the other Node, the first Node alternating; ` +
      `every figure is the median over the rounds, each from a fresh child process (ranges: per round).`,
    '',
    `| | Node ${lines[0].version} | Node ${lines[1].version} | target | met |`,
    '|---|--:|--:|--:|:-:|',
    `| parse M: ours | ${cells((l) => us(med(l, 'parse')))} | | |`,
    `| parse M: V8 floor \`JSON.parse\` | ${cells((l) => us(med(l, 'jsonParse')))} | | |`,
    `| parse M: pydantic \`model_validate_json\` (the same runs for both) | ${cells(() => us(pyParse))} | | |`,
    ratioRow('parse M: ours / pydantic', 'parse', TARGETS.parse),
    `| parse M: floor / pydantic, ours / floor | ${cells((l) => `${x(floorVsPy(l, 'parse'))}, ${x(med(l, 'parse') / med(l, 'jsonParse'))}`)} | | |`,
    `| dump M: ours | ${cells((l) => us(med(l, 'dump')))} | | |`,
    `| dump M: V8 floor \`JSON.stringify(…, null, 2)\` | ${cells((l) => us(med(l, 'jsonStringify')))} | | |`,
    `| dump M: pydantic \`model_dump_json(indent=2)\` (the same runs for both) | ${cells(() => us(pyDump))} | | |`,
    `| dump M: \`JSON.stringify(…, null, 2)\` of our wire object (ours without building it) | ${cells((l) => us(med(l, 'wireStringify')))} | | |`,
    ratioRow('dump M: ours / pydantic', 'dump', TARGETS.dump),
    `| dump M: floor / pydantic, ours / floor | ${cells((l) => `${x(floorVsPy(l, 'dump'))}, ${x(med(l, 'dump') / med(l, 'jsonStringify'))}`)} | | |`,
    `| dump M: wire stringify / pydantic, ours / wire stringify | ${cells((l) => `${x(med(l, 'wireStringify') / pyDump)}, ${x(med(l, 'dump') / med(l, 'wireStringify'))}`)} | | |`,
    `| bare \`Map.set\` + \`Date.now()\` (${LOG_METRIC_CALLS.toLocaleString('en')} calls) | ${cells((l) => `${med(l, 'bare').toFixed(1)} ns`)} | | |`,
    lmRow('`logMetric` / bare', 'tracked'),
    lmRow('`logMetric` with the journal on (batched) / bare', 'journaled'),
    `| \`node -e 0\` (median of ${CLI_SPAWNS} a round) | ${cells((l) => `${med(l, 'floorMs').toFixed(1)} ms`)} | | |`,
    `| \`training-bom --version\` | ${cells((l) => `${med(l, 'versionMs').toFixed(1)} ms`)} | | |`,
    `| \`training-bom validate <spec example>\` | ${cells((l) => `${med(l, 'validateMs').toFixed(1)} ms`)} | | |`,
    `| validate / \`node -e 0\` | ${cells((l) => `**${x(validateRatio(l))}**`)} | ≤ ${x(TARGETS.validate)} | ${met(validateRatio, TARGETS.validate)} |`,
  ].join('\n');
  console.log(body);
  if (process.argv.includes('--write')) {
    writeSection(join(ROOT, 'docs', 'benchmarks.md'), 'node-lines', body);
    console.log('docs/benchmarks.md updated');
  }
}

main();
