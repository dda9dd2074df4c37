/**
 * MlflowRunSink when MLflow goes away (the real server behind the fault proxy): it says so once per outage,
 * at the first failed attempt, naming the journal; `close({ timeoutMs })` stops waiting for a server that
 * does not answer, keeps the journal and says why, but lets a slow server that answers finish.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MlflowRunSink, MlflowUnavailableError, TrainingWorkflowTracker, type MlflowClientOptions } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';

const quiet = { info: (): void => undefined, warn: (): void => undefined };
/** MLflow's default backoff (2 s factor) and retries: a close that waited for them would take a minute. */
const DEFAULT_POLICY: MlflowClientOptions = { env: {}, backoffJitterSeconds: 0 };

function mirrored(url: string, client: MlflowClientOptions): { tracker: TrainingWorkflowTracker; sink: MlflowRunSink; errors: unknown[] } {
  const errors: unknown[] = [];
  const sink = new MlflowRunSink({ clientOptions: { ...client, trackingUri: url }, experimentName: `notice-${randomUUID()}`, scheduledDelayMillis: 20 });
  const tracker = new TrainingWorkflowTracker({
    sinks: [sink], logger: quiet, onError: (e) => errors.push(e), captureEnvironment: false,
    journal: { directory: mkdtempSync(join(tmpdir(), 'training-bom-notice-')) },
  });
  tracker.startTraining().registerDataset('s3://bucket/train.parquet', 10).registerFeatures(['a'], ['a']).registerModel('MLP', 'dense');
  return { tracker, sink, errors };
}

const unavailable = (errors: unknown[]): MlflowUnavailableError[] => errors.filter((e): e is MlflowUnavailableError => e instanceof MlflowUnavailableError);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('MlflowRunSink when MLflow goes away (real server behind the fault proxy)', function () {
  this.timeout(60_000);
  let proxy: FaultProxy;

  beforeEach(async () => {
    proxy = await FaultProxy.start((await mlflowServer()).url);
  });

  afterEach(() => proxy.close());

  it('warns once per outage, at the first failed attempt, naming the journal and recover; again after MLflow was back', async () => {
    const m = mirrored(proxy.url, { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 2 });
    await m.sink.ready();
    await proxy.setMode({ kind: 'refuse' });
    for (let i = 0; i < 10; i++) {
      m.tracker.logMetric('loss', i, i);
      await sleep(100);   // several exports fail meanwhile, each after its retries
    }
    expect(m.sink.stats().failedExports).to.be.at.least(2);
    const first = unavailable(m.errors);
    expect(first).to.have.length(1);
    expect(first[0].journalPath).to.equal(m.tracker.journalPath);
    expect(first[0].message).to.contain('does not answer').and.contain(`training-bom recover ${m.tracker.journalPath}`);
    expect(first[0].message, 'what the attempt met').to.match(/ECONNREFUSED|ECONNRESET|other side closed/);
    expect(m.errors, 'nothing else was reported during the outage').to.have.length(1);

    await proxy.setMode({ kind: 'pass' });
    await m.tracker.flush();
    await proxy.setMode({ kind: 'refuse' });
    m.tracker.logMetric('loss', 10, 10);
    await m.tracker.flush({ timeoutMs: 2000 });
    expect(unavailable(m.errors)).to.have.length(2);
    await proxy.setMode({ kind: 'pass' });
    m.tracker.finalizeTraining();
    expect((await m.tracker.close()).complete).to.equal(true);
  });

  it('close({ timeoutMs }) stops waiting for a server that refuses, reports why, and keeps the journal', async () => {
    const m = mirrored(proxy.url, DEFAULT_POLICY);
    await m.sink.ready();
    await proxy.setMode({ kind: 'refuse' });
    for (let i = 0; i < 100; i++) m.tracker.logMetric('loss', i, i);
    m.tracker.finalizeTraining();
    const started = Date.now();
    const report = await m.tracker.close({ timeoutMs: 1500 });
    expect(Date.now() - started, 'not the minute of the retry policy').to.be.below(10_000);
    expect(report.complete).to.equal(false);
    expect(report.sinks[0].undeliveredPoints).to.equal(100);
    expect(report.sinks[0].lastError).to.contain('close() stopped waiting: MLflow acknowledged nothing for 1.5 s').and.match(/ECONNREFUSED|ECONNRESET|other side closed/);
    expect(report.journalPath).to.be.a('string');
    expect(existsSync(report.journalPath as string)).to.equal(true);
  });

  it('close({ timeoutMs }) lets a slow server that keeps answering finish, however long it takes in all', async () => {
    await proxy.setMode({ kind: 'delay', ms: 400 });
    const m = mirrored(proxy.url, DEFAULT_POLICY);
    for (let i = 0; i < 5000; i++) m.tracker.logMetric('loss', i, i);
    m.tracker.finalizeTraining();
    const started = Date.now();
    const report = await m.tracker.close({ timeoutMs: 1500 });
    expect(Date.now() - started, 'longer than the timeout in all').to.be.above(1500);
    expect(report.complete, JSON.stringify(report)).to.equal(true);
    expect(m.sink.stats().sentPoints).to.equal(5000);
  });
});
