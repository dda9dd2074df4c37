/**
 * Parse+validate and dump, ours against pydantic v2, side by side in one interleaved run.
 *
 *   node -r ts-node/register/transpile-only bench/parse-dump.ts [--write] [--rounds N] [--no-build]
 *
 * Builds dist/, writes the documents to bench/.data/, checks that both sides dump the input bytes back,
 * then alternates Node and Python rounds (a fresh Python process per round, warmed up before timing)
 * and reports median per-op times and their ratio. `--write` updates docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { writeBenchData, type BenchDoc } from './bench-data';
import { NodeSide, type Lib, type NodeTimings } from './node-side';
import { describeMachine, median, section, table, writeSection, type Row } from './report';

interface PyTimings {
  parse_ns: number;
  dump_ns: number;
  dump_sha256: string;
}

const ROOT = resolve(__dirname, '..');
const PYTHON = process.env.BENCH_PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
const PY_SCRIPT = join(__dirname, 'pydantic_bench.py');
const TARGETS: Record<string, { parse: number; dump: number }> = {
  S: { parse: 1.5, dump: 1.2 },
  M: { parse: 1.3, dump: 1.2 },
  L: { parse: 1.3, dump: 1.2 },
};

function python(...args: string[]): string {
  return execFileSync(PYTHON, [PY_SCRIPT, ...args], { encoding: 'utf8' });
}

function pyRound(doc: BenchDoc): PyTimings {
  return JSON.parse(python(doc.name, String(doc.iterations))) as PyTimings;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

function main(): void {
  const rounds = option('--rounds', 11);
  if (!process.argv.includes('--no-build')) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', ROOT], { stdio: 'inherit' });
  }
  const docs = writeBenchData();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build made a moment ago, loaded after it
  const lib = require(join(ROOT, 'dist', 'index.js')) as Lib;
  const info = JSON.parse(python('--info')) as { python: string; pydantic: string };
  const notes: string[] = [];
  const sides = docs.map((doc) => new NodeSide(lib, doc.path));
  const node: NodeTimings[][] = docs.map(() => []);
  const py: PyTimings[][] = docs.map(() => []);

  docs.forEach((doc, d) => {
    sides[d].round(doc.iterations); // warm-up: JIT, inline caches, a first garbage collection
    const first = pyRound(doc);
    const same = [sides[d].dumpSha256(), first.dump_sha256].every((sha) => sha === sides[d].textSha256());
    if (!same) notes.push(`Warning: at ${doc.name} the two dumps and the input are not all the same bytes.`);
  });
  for (let r = 0; r < rounds; r++) {
    docs.forEach((doc, d) => {
      // Alternate who goes first so that drift in the machine's load does not favour one side.
      if (r % 2 === 0) node[d].push(sides[d].round(doc.iterations));
      py[d].push(pyRound(doc));
      if (r % 2 === 1) node[d].push(sides[d].round(doc.iterations));
    });
    process.stderr.write(`round ${r + 1}/${rounds} done\n`);
  }

  const rows: Row[] = [];
  docs.forEach((doc, d) => {
    const n = node[d];
    const p = py[d];
    const row = (op: 'parse' | 'dump', floor: 'jsonParse' | 'jsonStringify'): Row => ({
      doc: doc.name,
      op,
      oursNs: median(n.map((t) => t[op])),
      pydanticNs: median(p.map((t) => t[`${op}_ns`])),
      roundRatios: n.map((t, i) => t[op] / p[i][`${op}_ns`]),
      floorNs: median(n.map((t) => t[floor])),
      target: TARGETS[doc.name][op],
    });
    rows.push(row('parse', 'jsonParse'), row('dump', 'jsonStringify'));
  });

  console.log(table(rows));
  for (const note of notes) console.log(note);
  if (process.argv.includes('--write')) {
    const machine = describeMachine(info.python, info.pydantic);
    writeSection(join(ROOT, 'docs', 'benchmarks.md'), 'parse-dump', section(rows, machine, rounds, notes));
    console.log('docs/benchmarks.md updated');
  }
}

main();
