/**
 * Dataset hashing: `hashPath` (streaming SHA-256) and `inspectDataset` (SHA-256 + CSV row count in the
 * same pass) on a 1 GiB CSV, against GNU `sha256sum` on the same file, rounds interleaved in one run.
 * The file is written to a temporary directory (page cache warm for every side) and deleted afterwards.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/hash.ts [--write] [--rounds N] [--mib N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostLine, median, writeSection } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hashPath, inspectDataset } = require(resolve(__dirname, '../dist')) as typeof import('../src');

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg('--rounds', 5);
const MIB = arg('--mib', 1024);

/** A header and MIB blocks of just under 1 MiB of CSV records, one in ten with a quoted newline. */
function writeCsv(path: string): { rows: number; bytes: number } {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < (1 << 20) - 80; i++) {
    const line = i % 10 === 0 ? `${i},"note with, comma\nand newline",${(i * 0.37).toFixed(4)}\n` : `${i},plain,${(i * 0.37).toFixed(4)}\n`;
    lines.push(line);
    size += line.length;
  }
  const block = Buffer.from(lines.join(''));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'id,text,value\n');
    for (let i = 0; i < MIB; i++) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return { rows: lines.length * MIB, bytes: 'id,text,value\n'.length + block.length * MIB };
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

async function main(): Promise<void> {
  const free = statfsSync(tmpdir());
  const needed = (MIB + 64) * 2 ** 20;
  if (free.bavail * free.bsize < needed * 1.5) throw new Error(`need ${(needed * 1.5 / 2 ** 30).toFixed(1)} GiB free in ${tmpdir()}`);
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-hash-bench-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => (cleanup(), process.exit(130)));
  try {
    const path = join(dir, 'data.csv');
    const { rows, bytes } = writeCsv(path);
    const sha256sum = (): string => `sha256:${execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]}`;
    const version = spawnSync('sha256sum', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'sha256sum';
    const expected = sha256sum(); // also warms the page cache
    const times = { sha256sum: [] as number[], hashPath: [] as number[], inspect: [] as number[] };
    let peakRss = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (['sha256sum', 'hashPath', 'inspect'] as const) : (['inspect', 'hashPath', 'sha256sum'] as const);
      for (const side of order) {
        const before = process.memoryUsage().rss;
        if (side === 'sha256sum') {
          const t = await timed(sha256sum);
          if (t.value !== expected) throw new Error('sha256sum changed its mind');
          times.sha256sum.push(t.ms);
        } else if (side === 'hashPath') {
          const t = await timed(() => hashPath(path));
          if (t.value.digest !== expected) throw new Error(`hashPath: ${t.value.digest} != ${expected}`);
          times.hashPath.push(t.ms);
        } else {
          const t = await timed(() => inspectDataset(path));
          if (t.value.digest !== expected || t.value.rows !== rows) throw new Error(`inspectDataset: ${t.value.digest} ${String(t.value.rows)} rows`);
          times.inspect.push(t.ms);
        }
        peakRss = Math.max(peakRss, process.memoryUsage().rss - before);
      }
    }
    const base = median(times.sha256sum);
    const gbps = (ms: number): string => `${(bytes / 1e9 / (ms / 1000)).toFixed(2)} GB/s`;
    const row = (name: string, list: number[], target: string): string => {
      const ratio = median(list) / base;
      const ratios = list.map((t, i) => t / times.sha256sum[i]);
      const met = target === '' ? '' : ratio <= 1.2 ? 'yes' : '**no**';
      return `| ${name} | ${median(list).toFixed(0)} ms | ${gbps(median(list))} | **${ratio.toFixed(2)}×** | ${Math.min(...ratios).toFixed(2)}×–${Math.max(...ratios).toFixed(2)}× | ${target} | ${met} |`;
    };
    const body = [
      `${hostLine()} ${version}. A ${(bytes / 2 ** 30).toFixed(2)} GiB CSV (${bytes.toLocaleString('en')} bytes, ${rows.toLocaleString('en')} data rows, one in ten with a quoted newline), ` +
        `page cache warm for every side; ${ROUNDS} interleaved rounds; medians.`,
      '',
      '| | time | throughput | ratio to `sha256sum` | per-round range | target | met |',
      '|---|--:|--:|--:|--:|--:|:-:|',
      `| \`sha256sum\` (GNU coreutils, a child process) | ${base.toFixed(0)} ms | ${gbps(base)} | 1.00× | | | |`,
      row('`hashPath(file)`', times.hashPath, '≤ 1.20×'),
      row('`inspectDataset(file)`: SHA-256 and row count, one pass', times.inspect, ''),
      '',
      `Largest growth of this process's resident memory during one hashing or inspection: **${(peakRss / 2 ** 20).toFixed(1)} MiB** ` +
        '(the file is read in 1 MiB chunks through two reused buffers; it is never held in memory).',
    ].join('\n');
    console.log(body);
    if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'hash', body);
  } finally {
    cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
