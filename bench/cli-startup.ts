/**
 * The cost of `training-bom validate` on the specification's example BOM as a whole process, against
 * `node -e 0` (the floor any Node.js command pays). Target: ≤ 2×. Also, for reference, the other commands'
 * start (`--version`, `show`, `list` on an empty store).
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/cli-startup.ts [--write] [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostLine, median, writeSection } from './report';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 40) || 40;
const CLI = resolve(__dirname, '../dist/cli/main.js');
// The specification's "Basic Training BOM Creation" example, as the Python reference emits it.
const EXAMPLE = resolve(__dirname, '../test/fixtures/reference-vectors/valid/seed-basic.json');

function ms(args: string[]): number {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - began) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return elapsed;
}

const store = mkdtempSync(join(tmpdir(), 'bench-cli-'));
const cases: Array<[string, string[]]> = [
  ['`node -e 0`', ['-e', '0']],
  ['`training-bom validate <spec example>`', [CLI, 'validate', EXAMPLE]],
  ['`training-bom validate --strict <spec example>`', [CLI, 'validate', '--strict', EXAMPLE]],
  ['`training-bom --version`', [CLI, '--version']],
  ['`training-bom show <spec example>`', [CLI, 'show', EXAMPLE]],
  ['`training-bom list` (empty store)', [CLI, 'list', '--store', store]],
];
for (const [, args] of cases) ms(args);   // warm the file cache
const times = cases.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) cases.forEach(([, args], i) => times[i]?.push(ms(args)));
rmSync(store, { recursive: true, force: true });

const floor = median(times[0]);
const ratio = (i: number): number => median(times[i]) / floor;
const rows = cases.map(([name], i) => {
  const target = i === 1 ? `≤ 2× | ${ratio(i) <= 2 ? 'yes' : '**no**'}` : ' | ';
  return `| ${name} | ${median(times[i]).toFixed(1)} ms | ${i === 0 ? '1.00×' : `**${ratio(i).toFixed(2)}×**`} | ${target} |`;
});
const body = [
  `${hostLine()} ${ROUNDS} interleaved rounds of each process (spawned and waited for); medians. The example is \`test/fixtures/reference-vectors/valid/seed-basic.json\`.`,
  '',
  '| process | time | vs `node -e 0` | target | met |',
  '|---|--:|--:|--:|:-:|',
  ...rows,
].join('\n');
console.log(body);
if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'cli-startup', body);
