/**
 * Attestations: `signBom` and `verifyAttestation` of a 10,000-feature BOM against a bare `crypto.sign` /
 * `crypto.verify` of the same bytes (the PAE of the same payload), for Ed25519 and ECDSA P-256; and verifying a
 * 1 GiB model file against its subject against the streaming `hashPath` of the same file. Rounds interleaved,
 * on the compiled `dist/`; keys are KeyObjects parsed once (as a tracker's `sign` option holds them).
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/attestation.ts [--write] [--iterations N] [--rounds N] [--mib N]
 */
import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostLine, median, writeSection } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require(resolve(__dirname, '../dist')) as typeof import('../src');

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const ITERATIONS = arg('--iterations', 101);
const ROUNDS = arg('--rounds', 5);
const MIB = arg('--mib', 1024);
const FEATURES = 10_000;

function bigBom(): import('../src').TrainingBOM {
  const original = Array.from({ length: FEATURES }, (_, i) => `feature_${String(i).padStart(5, '0')}`);
  return new lib.TrainingBOM({
    id: 'bench-attestation', startTime: '2026-12-04T10:00:00.000Z', endTime: '2026-12-04T11:00:00.000Z',
    datasetInfo: { origin: 's3://bucket/train.parquet', size: 1_000_000 },
    featureInfo: { originalFeatures: original, selectedFeatures: original.filter((_, i) => i % 2 === 0) },
    modelInfo: { type: 'GradientBoostingClassifier', architecture: 'trees' },
    mlflowParams: { n_estimators: 500, learning_rate: 0.05 }, mlflowMetrics: { accuracy: 0.93, loss: 0.21 },
    additionalValues: { model_artifacts: [{ name: 'model.bin', digest: `sha256:${'ab'.repeat(32)}`, bytes: 123 }] },
  });
}

function ns(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0);
}

async function nsAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0);
}

const ms = (n: number): string => `${(n / 1e6).toFixed(3)} ms`;

async function signVerifyRows(): Promise<string[]> {
  const bom = bigBom();
  const rows: string[] = [];
  for (const algorithm of ['ed25519', 'ecdsa-p256'] as const) {
    const pair = algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const envelope = lib.signBom(bom, pair.privateKey);
    const payload = Buffer.from(envelope.payload, 'base64');
    const pae = lib.preAuthEncoding(envelope.payloadType, payload);
    const bareSign = (key: KeyObject): Buffer => (algorithm === 'ed25519' ? sign(null, pae, key) : sign('sha256', pae, { key, dsaEncoding: 'der' }));
    const bareSig = bareSign(pair.privateKey);
    const bareVerify = (): boolean => (algorithm === 'ed25519' ? verify(null, pae, pair.publicKey, bareSig) : verify('sha256', pae, { key: pair.publicKey, dsaEncoding: 'der' }, bareSig));
    const t = { sign: [] as number[], bareSign: [] as number[], verify: [] as number[], bareVerify: [] as number[] };
    for (let i = 0; i < ITERATIONS; i++) {
      t.sign.push(ns(() => lib.signBom(bom, pair.privateKey)));
      t.bareSign.push(ns(() => bareSign(pair.privateKey)));
      t.verify.push(await nsAsync(() => lib.verifyAttestation(envelope, { keys: [pair.publicKey] })));
      t.bareVerify.push(ns(() => {
        if (!bareVerify()) throw new Error('bare verify failed');
      }));
    }
    const row = (op: string, ours: number[], bare: number[]): string =>
      `| ${algorithm} | ${op} | ${ms(median(ours))} | ${ms(median(bare))} | **${(median(ours) / median(bare)).toFixed(1)}×** | ${median(ours) < 5e6 ? 'yes' : '**no**'} |`;
    rows.push(row('`signBom`', t.sign, t.bareSign), row('`verifyAttestation`', t.verify, t.bareVerify));
    if (rows.length === 2) rows.push(`<!-- payload ${payload.length} bytes -->`);
  }
  return rows;
}

function writeBytes(path: string, mib: number): void {
  const block = Buffer.alloc(1 << 20);
  let x = 7;
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

async function artifactRows(): Promise<string[]> {
  const free = statfsSync(tmpdir());
  if (free.bavail * free.bsize < MIB * 2 ** 20 * 1.3) throw new Error(`need ${((MIB * 1.3) / 1024).toFixed(1)} GiB free in ${tmpdir()}`);
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-attestation-bench-'));
  try {
    const file = join(dir, 'model.bin');
    writeBytes(file, MIB);
    const digest = (await lib.hashPath(file)).digest;
    const pair = generateKeyPairSync('ed25519');
    const envelope = lib.signBom(bigBom(), pair.privateKey, { subjects: [{ name: 'model.bin', digest }] });
    const t = { verify: [] as number[], hashPath: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      const sides = [
        async () => t.hashPath.push(await nsAsync(() => lib.hashPath(file))),
        async () => t.verify.push(await nsAsync(() => lib.verifyAttestation(envelope, { keys: [pair.publicKey], artifacts: [file] }))),
      ];
      for (const side of r % 2 === 0 ? sides : sides.reverse()) await side();
    }
    const ratios = t.verify.map((v, i) => v / t.hashPath[i]);
    const gib = (MIB / 1024).toFixed(2);
    return [
      `| \`hashPath(file)\` (${gib} GiB) | ${ms(median(t.hashPath))} | **1.00×** | |`,
      `| \`verifyAttestation(envelope, { artifacts: [file] })\` | ${ms(median(t.verify))} | **${(median(t.verify) / median(t.hashPath)).toFixed(2)}×** | ${Math.min(...ratios).toFixed(2)}×–${Math.max(...ratios).toFixed(2)}× |`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const signRows = await signVerifyRows();
  const payloadNote = signRows.find((r) => r.startsWith('<!--')) ?? '';
  const bytes = /payload (\d+) bytes/.exec(payloadNote)?.[1] ?? '?';
  const artifact = await artifactRows();
  const body = [
    `${hostLine()} A BOM of ${FEATURES.toLocaleString('en')} original features (5,000 selected), one subject; statement payload ${bytes} bytes; ` +
      `${ITERATIONS} iterations per side, interleaved; medians. Keys are KeyObjects; the bare side signs or verifies the very PAE bytes of the envelope.`,
    '',
    '| key | operation | ours | bare `crypto.sign`/`verify` of the same bytes | ratio | under 5 ms |',
    '|---|---|--:|--:|--:|:-:|',
    ...signRows.filter((r) => !r.startsWith('<!--')),
    '',
    `Verifying a model file against its subject (one ${(MIB / 1024).toFixed(2)} GiB file of pseudo-random bytes, page cache warm, ${ROUNDS} interleaved rounds, medians):`,
    '',
    '| side | time | ratio to `hashPath` | per-round range |',
    '|---|--:|--:|--:|',
    ...artifact,
  ].join('\n');
  console.log(body);
  if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'attestation', body);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
