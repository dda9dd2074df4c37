/**
 * Crashes for real: a training process killed with SIGKILL, its journal recovered or resumed by this one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { MlflowClient, MlflowRunSink, modelArtifactsOf, TrainingWorkflowTracker, type TrainingBOM } from '../../../src';
import { JOURNAL_FLUSH_MS } from '../../../src/journal/journal-writer';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';

const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/journal/crashing-run.ts');
const quiet = { info: () => undefined, warn: () => undefined };

/** Spawns the fixture and calls `onLine` with each line it prints until `onLine` returns true; then kills it with SIGKILL. */
function runUntil(args: string[], onLine: (line: string) => boolean): Promise<void> {
  return new Promise((ok, fail) => {
    const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', FIXTURE, ...args], {
      cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let stderr = '';
    let done = false;
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while (!done && (nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (onLine(line)) {
          done = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? ok() : fail(new Error(`fixture exited with ${code}: ${stderr}`))));
  });
}

describe('crash recovery (SIGKILL)', function () {
  this.timeout(120_000);

  for (const durable of [false, true]) {
    it(`recovers every point logged ${durable ? 'before the kill (durable)' : `more than ${JOURNAL_FLUSH_MS} ms before the kill (batched)`}`, async () => {
      const journal = join(mkdtempSync(join(tmpdir(), 'training-bom-crash-')), 'run.journal');
      const samples: Array<{ points: number; at: number }> = [];
      await runUntil(['local', journal, String(durable)], (line) => {
        const [, points, at] = line.split(' ');
        samples.push({ points: Number(points), at: Number(at) });
        return samples.length === 300;
      });
      const last = samples[samples.length - 1];
      const history = TrainingWorkflowTracker.resume(journal, { logger: quiet, captureEnvironment: false }).metricHistory('loss') as NonNullable<ReturnType<TrainingWorkflowTracker['metricHistory']>>;
      const r = await TrainingWorkflowTracker.recover(journal, { logger: quiet, captureEnvironment: false });
      // At most the points of the last 100 ms (of the process's own clock) may be missing; durable: none.
      const safe = durable ? last : ([...samples].reverse().find((s) => s.at <= last.at - JOURNAL_FLUSH_MS) ?? { points: 0 });
      expect(r.points).to.be.at.least(safe.points);
      expect(Array.from(history.values.subarray(0, r.points)), 'a gapless prefix').to.deep.equal(Array.from({ length: r.points }, (_, i) => i));
      expect(r.bom?.additionalValues?.['recovery']).to.be.an('object');
    }).timeout(120_000);
  }

  it('recovers the model artifacts a killed run registered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-crash-'));
    const model = join(dir, 'model');
    mkdirSync(model);
    writeFileSync(join(model, 'model.json'), '{"format":"layers-model"}');
    writeFileSync(join(model, 'weights.bin'), Buffer.alloc(100_000, 3));
    const journal = join(dir, 'run.journal');
    let lines = 0;
    await runUntil(['local', journal, 'false', model], () => ++lines === 3);
    const r = await TrainingWorkflowTracker.recover(journal, { logger: quiet, captureEnvironment: false });
    const sha256 = (name: string): string => `sha256:${createHash('sha256').update(readFileSync(join(model, name))).digest('hex')}`;
    expect(modelArtifactsOf(r.bom as TrainingBOM)).to.deep.equal([
      { name: 'model.json', digest: sha256('model.json'), bytes: 25 },
      { name: 'weights.bin', digest: sha256('weights.bin'), bytes: 100_000 },
    ]);
    expect(r.recovered).to.equal(true);
  });

  it('resumes a killed run in a new process: same MLflow run, what MLflow lacked sent, every point once', async () => {
    const server = await mlflowServer();
    const proxy = await FaultProxy.start(server.url);
    const client = new MlflowClient({ trackingUri: server.url, env: {} });
    try {
      await proxy.setMode({ kind: 'delay', ms: 200 }); // MLflow lags behind: the kill leaves points undelivered
      let runId = '';
      let journal = '';
      await runUntil(['mlflow', proxy.url, `crash-${randomUUID()}`, mkdtempSync(join(tmpdir(), 'training-bom-crash-')), '20000'], (line) => {
        if (line.startsWith('run ')) runId = line.slice(4);
        if (line.startsWith('logged ')) journal = line.slice(7);
        return journal !== '';
      });
      await proxy.setMode({ kind: 'pass' });
      let before = 0;
      for await (const _ of client.getMetricHistory(runId, 'loss')) before++;
      expect(before, 'delivered before the kill').to.be.below(20_000);

      const sink = new MlflowRunSink({ clientOptions: { trackingUri: proxy.url, env: {} } });
      const tracker = TrainingWorkflowTracker.resume(journal, { sinks: [sink], logger: quiet, captureEnvironment: false });
      for (let i = 20_000; i < 25_000; i++) tracker.logMetric('loss', i, i);
      tracker.finalizeTraining();
      const report = await tracker.close();
      expect(report.complete, JSON.stringify(report)).to.equal(true);
      expect(sink.runId).to.equal(runId);
      const steps = new Set<number>();
      let count = 0;
      for await (const m of client.getMetricHistory(runId, 'loss')) {
        steps.add(m.step);
        count++;
        expect(m.value).to.equal(m.step);
      }
      expect(count).to.equal(25_000);
      expect(steps.size).to.equal(25_000);
      const run = await client.getRun(runId);
      expect(run.info.status).to.equal('FINISHED');
      expect(run.datasetInputs, "the dataset is logged once").to.have.length(1);
    } finally {
      await client.close();
      await proxy.close();
    }
  });
});
