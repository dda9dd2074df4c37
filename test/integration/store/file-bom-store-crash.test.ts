/**
 * FileBomStore under SIGKILL: a child process rewrites one 16 MB BOM in a loop and is killed at random
 * moments, half of them the instant the file changes; whatever is on disk afterwards must be a whole BOM (the old one or the new one). Uses the built
 * package (`npx tsc -p .` first; npm test's pretest does it).
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileBomStore, TrainingBOM } from '../../../src';

const DIST = resolve(__dirname, '../../../dist');

const WRITER = `
const { FileBomStore, TrainingBOM } = require(${JSON.stringify(DIST)});
const store = new FileBomStore(process.argv[1]);
const features = Array.from({ length: 2000 }, (_, i) => 'feature_' + i);
const padding = 'x'.repeat(16 * 1024 * 1024);
(async () => {
  for (let version = 0; ; version++) {
    await store.put(new TrainingBOM({
      id: 'crash', startTime: '2024-09-05T10:00:00Z', endTime: '2024-09-05T11:00:00Z',
      datasetInfo: { origin: 'iris', size: version }, featureInfo: { originalFeatures: features, selectedFeatures: features.slice(0, version % 2000) },
      modelInfo: { type: 'RF', architecture: 'trees' }, mlflowParams: { version }, mlflowMetrics: {}, additionalValues: { padding },
    }));
  }
})();
`;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Resolves as soon as `file` is replaced or modified (polled on every turn of the event loop), or after 5 s. */
async function changeOf(file: string): Promise<void> {
  const first = statSync(file);
  const deadline = Date.now() + 5000;
  for (;;) {
    await new Promise((r) => setImmediate(r));
    const now = statSync(file, { throwIfNoEntry: false });
    if (now === undefined || now.ino !== first.ino || now.mtimeMs !== first.mtimeMs || now.size !== first.size || Date.now() > deadline) return;
  }
}

describe('FileBomStore when the writing process is killed', function () {
  this.timeout(120_000);

  it('never leaves a half-written BOM (8 SIGKILLs, half of them mid-write)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-crash-'));
    const file = join(dir, 'crash.json');
    const versions: number[] = [];
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, ['-e', WRITER, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      let ended = false;
      const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)).once('exit', () => (ended = true)));
      while (!existsSync(file)) {
        if (ended) throw new Error(`the writer exited before writing anything: ${stderr}`);
        await sleep(5);
      }
      // Half the rounds kill the moment the file changes (mid-write, if writes were not atomic), half at random.
      if (round % 2 === 0) await changeOf(file);
      else await sleep(20 + Math.random() * 200);
      child.kill('SIGKILL');
      expect(await exited, stderr).to.equal('SIGKILL');
      const bom = TrainingBOM.parse(readFileSync(file), { strict: true });
      versions.push(bom.mlflowParams['version'] as number);
      expect(bom.datasetInfo.size).to.equal(bom.mlflowParams['version']);
    }
    expect(versions.every((v) => Number.isInteger(v) && v >= 0)).to.equal(true);
    const stored = await new FileBomStore(dir).list();
    expect(stored.map((s) => s.id)).to.deep.equal(['crash']);
    expect(readdirSync(dir).filter((n) => !n.startsWith('.'))).to.deep.equal(['crash.json']);
  });
});
