/**
 * Model artifacts: what `registerModelArtifact` costs beside the streaming `hashPath` of the same bytes and
 * GNU `sha256sum`, for one 1 GiB model file and for a directory of 16 shards of the same total size,
 * rounds interleaved in one run. The files are written to a temporary directory (page cache warm for every
 * side) and deleted afterwards.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/model-artifacts.ts [--write] [--rounds N] [--mib N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostLine, median, writeSection } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hashModelArtifacts, hashPath, TrainingWorkflowTracker } = require(resolve(__dirname, '../dist')) as typeof import('../src');

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg('--rounds', 5);
const MIB = arg('--mib', 1024);
const SHARDS = 16;
const quiet = { info: (): void => undefined, warn: (): void => undefined };

/** `mib` MiB of pseudo-random bytes (weights do not compress; neither does this). */
function writeBytes(path: string, mib: number, seed: number): void {
  const block = Buffer.alloc(1 << 20);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < block.length; i += 4) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    block.writeUInt32LE(x >>> 0, i);
  }
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < mib; i++) {
      block.writeUInt32LE(i, 0);
      writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** registerModelArtifact on a running tracker with its journal on (the artifact record is written). */
async function register(path: string, journalDir: string): Promise<string> {
  const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, journal: { directory: journalDir } }).startTraining();
  const artifacts = await tracker.registerModelArtifact(path);
  await tracker.close();
  return artifacts[0].digest;
}

async function main(): Promise<void> {
  const free = statfsSync(tmpdir());
  if (free.bavail * free.bsize < 2 * MIB * 2 ** 20 * 1.3) throw new Error(`need ${((2 * MIB * 1.3) / 1024).toFixed(1)} GiB free in ${tmpdir()}`);
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-artifacts-bench-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => (cleanup(), process.exit(130)));
  try {
    const file = join(dir, 'model.bin');
    writeBytes(file, MIB, 7);
    const shards = join(dir, 'shards');
    mkdirSync(shards);
    for (let i = 0; i < SHARDS; i++) writeBytes(join(shards, `shard-${String(i).padStart(2, '0')}.bin`), MIB / SHARDS, i + 11);
    const journals = join(dir, 'journals');
    const sha256sum = (): string => `sha256:${execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]}`;
    const version = spawnSync('sha256sum', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'sha256sum';
    const expected = sha256sum();
    await hashPath(shards); // warm the shards' pages too
    const sides = {
      sha256sum: () => Promise.resolve(sha256sum()),
      hashPath: async () => (await hashPath(file)).digest,
      hashModelArtifacts: async () => (await hashModelArtifacts(file))[0].digest,
      register: async () => register(file, journals),
      dirHashPath: async () => (await hashPath(shards)).digest,
      dirArtifacts: async () => String((await hashModelArtifacts(shards)).length),
    } as const;
    type Side = keyof typeof sides;
    const names = Object.keys(sides) as Side[];
    const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Side, number[]>;
    let peakRss = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const side of r % 2 === 0 ? names : [...names].reverse()) {
        const before = process.memoryUsage().rss;
        const t = await timed(sides[side]);
        if ((side === 'hashPath' || side === 'hashModelArtifacts' || side === 'register') && t.value !== expected) throw new Error(`${side}: ${String(t.value)} != ${expected}`);
        if (side === 'dirArtifacts' && t.value !== String(SHARDS)) throw new Error(`${side}: ${String(t.value)} files`);
        times[side].push(t.ms);
        peakRss = Math.max(peakRss, process.memoryUsage().rss - before);
      }
    }
    const bytes = MIB * 2 ** 20;
    const gbps = (ms: number): string => `${(bytes / 1e9 / (ms / 1000)).toFixed(2)} GB/s`;
    const row = (name: string, side: Side, base: Side): string => {
      const ratios = times[side].map((t, i) => t / times[base][i]);
      return `| ${name} | ${median(times[side]).toFixed(0)} ms | ${gbps(median(times[side]))} | **${(median(times[side]) / median(times[base])).toFixed(2)}×** | ${Math.min(...ratios).toFixed(2)}×–${Math.max(...ratios).toFixed(2)}× |`;
    };
    const body = [
      `${hostLine()} ${version}. One ${(bytes / 2 ** 30).toFixed(2)} GiB file of pseudo-random bytes, and a directory of ${SHARDS} shards of the same total; ` +
        `page cache warm for every side; ${ROUNDS} interleaved rounds; medians.`,
      '',
      '| one file | time | throughput | ratio to `hashPath(file)` | per-round range |',
      '|---|--:|--:|--:|--:|',
      row('`hashPath(file)`', 'hashPath', 'hashPath'),
      row('`hashModelArtifacts(file)`', 'hashModelArtifacts', 'hashPath'),
      row('`tracker.registerModelArtifact(file)`, journal on', 'register', 'hashPath'),
      row('`sha256sum` (GNU coreutils, a child process)', 'sha256sum', 'hashPath'),
      '',
      `| ${SHARDS} shards | time | throughput | ratio to \`hashPath(dir)\` | per-round range |`,
      '|---|--:|--:|--:|--:|',
      row('`hashPath(dir)` (one manifest digest)', 'dirHashPath', 'dirHashPath'),
      row('`hashModelArtifacts(dir)` (a digest per file)', 'dirArtifacts', 'dirHashPath'),
      '',
      `Largest growth of this process's resident memory during one side: **${(peakRss / 2 ** 20).toFixed(1)} MiB** (files are streamed in 1 MiB chunks).`,
    ].join('\n');
    console.log(body);
    if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'model-artifacts', body);
  } finally {
    cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
