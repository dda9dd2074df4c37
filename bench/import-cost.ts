/**
 * What `require('training-bom')` costs a training process, and what installing the package costs a disk.
 * Packs the repository, installs the tarball with its production dependencies into an empty project (from
 * the npm cache where it can), then:
 *  - import cost: wall time (spawn to exit) and peak resident memory (`process.resourceUsage().maxRSS`) of
 *    `node -e` processes, interleaved round by round, medians, against `node -e 0`; also what the import
 *    would cost if it loaded every optional feature's library, or class-validator's index;
 *  - installed size: `du` of the project's node_modules, and the largest packages in it.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/import-cost.ts [--write] [--rounds N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostLine, median, writeSection } from './report';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 30) || 30;
const ROOT = resolve(__dirname, '..');
const OPTIONAL = ['@cyclonedx/cyclonedx-library', 'ajv-formats', 'undici', 'hyparquet', 'commander', 'cli-progress'];

function install(work: string): string {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as Array<{ filename: string; size: number; unpackedSize: number }>;
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name":"bench-import-cost","private":true}');
  const tarball = join(work, (packed[0] as { filename: string }).filename);
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', tarball], { cwd: project, stdio: 'ignore' });
  return project;
}

const REPORT = ';const u=process.resourceUsage();process.stdout.write(`${u.maxRSS} ${u.userCPUTime+u.systemCPUTime}`)';

/** One process: its wall time in ms, its CPU time (user + system) in ms and its peak RSS in MiB. */
function sample(code: string, cwd: string): [number, number, number] {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', code + REPORT], { cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (r.status !== 0) throw new Error(`node -e ${code} exited ${r.status}: ${r.stderr}`);
  const [rssKib, cpuUs] = r.stdout.split(' ').map(Number) as [number, number];
  return [ms, cpuUs / 1000, rssKib / 1024];
}

function kib(path: string, apparent: boolean): number {
  return Number(execFileSync('du', ['-sk', ...(apparent ? ['--apparent-size'] : []), path], { encoding: 'utf8' }).split('\t')[0]);
}

/** Top-level package folders of node_modules (scoped ones expanded). */
function packages(modules: string): string[] {
  return readdirSync(modules).filter((n) => !n.startsWith('.')).flatMap((n) => (n.startsWith('@') ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : [n]));
}

const work = mkdtempSync(join(tmpdir(), 'bench-import-cost-'));
try {
  const project = install(work);
  const cases: Array<[string, string]> = [
    ['`node -e 0`', '0'],
    ["`require('training-bom')`", "require('training-bom')"],
    ['… + every optional feature\'s library (an eager import)', `require('training-bom');${OPTIONAL.map((p) => `require('${p}')`).join(';')}`],
    ["… + class-validator's index (instead of its modules)", "require('training-bom');require('class-validator')"],
  ];
  const loadBefore = loadavg()[0];
  for (const [, code] of cases) sample(code, project); // warm the file cache
  const samples = cases.map(() => [[], [], []] as [number[], number[], number[]]);
  for (let r = 0; r < ROUNDS; r++) {
    cases.forEach(([, code], i) => sample(code, project).forEach((v, k) => samples[i]?.[k]?.push(v)));
  }
  const load = `Load average (1 min) ${loadBefore.toFixed(1)} before the rounds, ${(loadavg()[0]).toFixed(1)} after.`;
  const medians = samples.map((s) => s.map(median) as [number, number, number]);
  const floor = medians[0];
  const cell = (v: number, k: number, i: number): string => {
    const unit = k === 2 ? 'MiB' : 'ms';
    return i === 0 ? `${v.toFixed(1)} ${unit}` : `${v.toFixed(1)} ${unit} (+${(v - floor[k]).toFixed(1)})`;
  };
  const importRows = cases.map(([name], i) => `| ${name} | ${(medians[i] as number[]).map((v, k) => cell(v, k, i)).join(' | ')} |`);

  const modules = join(project, 'node_modules');
  const sizes = packages(modules).map((name) => [name, kib(join(modules, name), true)] as const).sort((a, b) => b[1] - a[1]);
  const total = kib(modules, true);
  const sizeRows = sizes.slice(0, 10).map(([name, k]) => `| ${name} | ${(k / 1024).toFixed(2)} MiB |`);
  const body = [
    `${hostLine()} The package packed and installed with its production dependencies (\`npm install --omit=dev <tarball>\`) into an empty project; each import a fresh \`node -e\` process in it, ${ROUNDS} interleaved rounds, medians. Wall time is spawn to exit; CPU time is the process's user + system time (less moved by other load on a shared machine); memory is its peak resident set (\`maxRSS\`). In brackets: more than \`node -e 0\`. ${load}`,
    '',
    '| process | wall time | CPU time | peak RSS |',
    '|---|--:|--:|--:|',
    ...importRows,
    '',
    `Installed: **${(total / 1024).toFixed(1)} MiB** in ${sizes.length} packages (\`du --apparent-size\` of node_modules; ${(kib(modules, false) / 1024).toFixed(1)} MiB on disk). The largest:`,
    '',
    '| package | size |',
    '|---|--:|',
    ...sizeRows,
  ].join('\n');
  console.log(body);
  if (process.argv.includes('--write')) writeSection(resolve(ROOT, 'docs/benchmarks.md'), 'import-cost', body);
} finally {
  rmSync(work, { recursive: true, force: true });
}
