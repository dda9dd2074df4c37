/**
 * MLflow outages end to end: a private real MLflow server behind the fault proxy, a tracker with an
 * MlflowRunSink and its journal, and points logged while the fault lasts. For each fault every point
 * arrives exactly once, the loop finishes while the fault is still on, the sink's memory stays within its
 * queue (the rest waits in the journal), and close() reports delivery honestly. Sizes are shortened for
 * CI; `npm run soak` runs the sizes (100,000 points, 30 s of refused connections).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MlflowClient, MlflowRunSink, TrainingWorkflowTracker, type CloseReport, type MlflowClientOptions, type MlflowRunSinkStats } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { privateMlflowServer, type MlflowServerProcess } from '../../helpers/mlflow-server';

const POINTS = Number(process.env.OUTAGE_POINTS ?? 20_000);
const OUTAGE_MS = 1000 * Number(process.env.OUTAGE_SECONDS ?? 4);
const QUEUE = 2_000;
const KEYS = ['loss', 'accuracy', 'learning_rate', 'grad_norm'];
const CLIENT: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.2, backoffJitterSeconds: 0, maxRetries: 5, timeoutSeconds: 20 };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Mirrored {
  readonly tracker: TrainingWorkflowTracker;
  readonly sink: MlflowRunSink;
  readonly errors: unknown[];
  readonly journalDir: string;
}

function mirrored(url: string, extra: MlflowClientOptions = {}): Mirrored {
  const errors: unknown[] = [];
  const journalDir = mkdtempSync(join(tmpdir(), 'training-bom-outage-'));
  const sink = new MlflowRunSink({ clientOptions: { ...CLIENT, ...extra, trackingUri: url }, experimentName: `outage-${randomUUID()}`, scheduledDelayMillis: 100, maxQueueSize: QUEUE });
  const tracker = new TrainingWorkflowTracker({
    sinks: [sink], captureEnvironment: false, journal: { directory: journalDir },
    logger: { info: () => undefined, warn: () => undefined }, onError: (e) => errors.push(e),
  });
  tracker.startTraining().registerDataset('s3://bucket/train.parquet', 1000).registerFeatures(['a', 'b'], ['a']).registerModel('MLP', 'dense');
  return { tracker, sink, errors, journalDir };
}

/** Logs `count` points from `from` on, yielding to the event loop every 1,000 as a training loop awaiting a batch does; returns the largest queue seen. */
async function train(tracker: TrainingWorkflowTracker, sink: MlflowRunSink, count: number, from = 0): Promise<MlflowRunSinkStats[]> {
  const seen: MlflowRunSinkStats[] = [];
  for (let i = from; i < from + count; i++) {
    tracker.logMetric(KEYS[i % KEYS.length], i * 0.5, Math.floor(i / KEYS.length));
    if (i % 1000 === 999) {
      seen.push(sink.stats());
      await new Promise((r) => setImmediate(r));
    }
  }
  return seen;
}

/** Checks that the run has every point of `[0, total)` once, with its value and step. */
async function expectExactlyOnce(client: MlflowClient, runId: string, total: number): Promise<void> {
  for (const [k, key] of KEYS.entries()) {
    const steps = new Map<number, number>();
    for await (const m of client.getMetricHistory(runId, key)) {
      expect(steps.has(m.step), `${key} step ${m.step} twice`).to.equal(false);
      steps.set(m.step, m.value);
    }
    const expected = Math.ceil((total - k) / KEYS.length);
    expect(steps.size, `${key} points`).to.equal(expected);
    for (const [step, value] of steps) expect(value).to.equal((step * KEYS.length + k) * 0.5);
  }
}

describe('MLflow outages (private real server behind a fault proxy)', function () {
  this.timeout(600_000);
  let server: MlflowServerProcess;
  let proxy: FaultProxy;
  let client: MlflowClient;

  before(async () => {
    server = await privateMlflowServer();
    proxy = await FaultProxy.start(server.url);
    client = new MlflowClient({ trackingUri: server.url, env: {} });
  });

  after(async () => {
    await client?.close();
    await proxy?.close();
    await server?.stop();
  });

  afterEach(() => proxy.setMode({ kind: 'pass' }));

  /** Runs the whole scenario: fault on, train, fault off after the outage, finalize, close, check. */
  async function survives(fault: () => Promise<void>, lift: () => Promise<void>, url = proxy.url): Promise<{ report: CloseReport; m: Mirrored }> {
    const m = mirrored(url);
    await m.sink.ready();
    await fault();
    const began = Date.now();
    const seen = await train(m.tracker, m.sink, POINTS);
    const loopMs = Date.now() - began;
    expect(Math.max(...seen.map((s) => s.queuedPoints)), 'points in memory').to.be.at.most(QUEUE);
    expect(loopMs, 'the loop finished while the fault was still on').to.be.below(OUTAGE_MS);
    await sleep(OUTAGE_MS - loopMs);
    await lift();
    m.tracker.finalizeTraining();
    const report = await m.tracker.close();
    expect(report.complete, JSON.stringify(report)).to.equal(true);
    expect(report.journalPath).to.equal(undefined);
    await expectExactlyOnce(client, m.sink.runId as string, POINTS);
    expect((await client.getRun(m.sink.runId as string)).info.status).to.equal('FINISHED');
    return { report, m };
  }

  it(`delivers ${POINTS} points logged while connections are refused, spilling past the queue to the journal`, async () => {
    let spilled = 0;
    await survives(
      () => proxy.setMode({ kind: 'refuse' }),
      async () => proxy.setMode({ kind: 'pass' }),
    ).then(({ m }) => (spilled = m.sink.stats().sentPoints));
    expect(spilled).to.equal(POINTS);
  });

  it(`delivers ${POINTS} points through a storm of 503s`, async () => {
    await survives(
      () => proxy.setMode({ kind: 'status', status: 503, count: Number.MAX_SAFE_INTEGER }),
      () => proxy.setMode({ kind: 'pass' }),
    );
    expect(proxy.requests.filter((r) => r.outcome === 503)).to.have.length.of.at.least(3);
  });

  it(`delivers ${POINTS} points through 429s that ask to retry after a second`, async () => {
    await survives(
      () => proxy.setMode({ kind: 'status', status: 429, count: Number.MAX_SAFE_INTEGER, retryAfter: '1' }),
      () => proxy.setMode({ kind: 'pass' }),
    );
  });

  it(`delivers ${POINTS} points when responses take seconds`, async () => {
    await survives(
      () => proxy.setMode({ kind: 'delay', ms: 1500 }),
      () => proxy.setMode({ kind: 'pass' }),
    );
  });

  it(`delivers ${POINTS} points once each when responses are lost after the server stored the batch`, async () => {
    await survives(
      () => proxy.setMode({ kind: 'drop-response', count: 5 }),
      async () => undefined,
    );
  });

  it(`delivers ${POINTS} points across a killed and restarted server`, async () => {
    await survives(
      () => server.kill(),
      () => server.start(),
      server.url,
    );
  });

  it('reports what it could not deliver when the server never comes back, keeps the journal, and recover delivers it later', async () => {
    const m = mirrored(proxy.url, { maxRetries: 2, backoffFactorSeconds: 0.1, timeoutSeconds: 3 });
    await proxy.setMode({ kind: 'refuse' });
    await train(m.tracker, m.sink, 5_000);
    const bom = m.tracker.finalizeTraining();
    const report = await m.tracker.close();
    expect(report.complete).to.equal(false);
    expect(report.sinks[0]).to.deep.include({ complete: false, undeliveredPoints: 5_000 });
    expect(report.sinks[0]?.undelivered).to.include.members(['training_bom.json', 'run status']);
    expect(report.sinks[0]?.lastError).to.be.a('string');
    const journal = report.journalPath as string;
    expect(existsSync(journal)).to.equal(true);

    await proxy.setMode({ kind: 'pass' });
    const sink = new MlflowRunSink({ clientOptions: { ...CLIENT, trackingUri: proxy.url }, experimentName: `recovered-${randomUUID()}` });
    const recovered = await TrainingWorkflowTracker.recover(journal, { sinks: [sink], captureEnvironment: false });
    expect(recovered.recovered).to.equal(false);
    expect(recovered.bom?.toJSON()).to.deep.equal(bom.toJSON());
    expect(recovered.delivery.complete).to.equal(true);
    await expectExactlyOnce(client, sink.runId as string, 5_000);
    expect((await client.getRun(sink.runId as string)).info.status).to.equal('FINISHED');
  });
});
