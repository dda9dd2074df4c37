/**
 * Runs of any length in bounded memory: beyond the tracker's `metricHistory.maxMemoryBytes`, older points
 * spill to a local file and come back, bit for bit and in order, in `metricHistory`, at finalize and after
 * a resume; the memory charged stays within the budget plus the chunk being written.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { InvalidArgumentError, TrainingWorkflowTracker, type Logger, type MetricHistory } from '../../../src';
import { HistoryBudget } from '../../../src/tracker/history-budget';
import { MetricSeries } from '../../../src/tracker/metric-series';
import { FakeClock } from '../../helpers/fake-clock';

const quiet: Logger = { info: () => undefined, warn: () => undefined };
/** The largest chunk a series allocates: 4,096 points of 24 bytes. */
const MAX_CHUNK_BYTES = 4096 * 24;

/** The i-th point of metric k: a decreasing curve with NaN, ±Infinity and -0 where a real one might have them. */
function valueOf(k: number, i: number): number {
  if (i % 9973 === 17) return NaN;
  if (i % 12_007 === 5) return k % 2 === 0 ? Infinity : -Infinity;
  if (i === 3) return -0;
  return (k + 1) / (1 + i) + Math.sin(i * 0.001) * 1e-3;
}

function expectHistory(history: MetricHistory | undefined, k: number, n: number, firstTimestamp: number, stride: number): void {
  expect(history, `metric m${k}`).to.not.equal(undefined);
  const h = history as MetricHistory;
  expect(h.length).to.equal(n);
  for (let i = 0; i < n; i++) {
    if (!Object.is(h.values[i], valueOf(k, i)) || h.steps[i] !== i || h.timestamps[i] !== firstTimestamp + i * stride) {
      expect.fail(`m${k}[${i}] = (${h.values[i]}, ${h.steps[i]}, ${h.timestamps[i]}), expected (${valueOf(k, i)}, ${i}, ${firstTimestamp + i * stride})`);
    }
  }
}

describe('metric history in bounded memory', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'training-bom-spill-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps a series within the budget plus one chunk and reads every point back in order', () => {
    const budget = new HistoryBudget({ maxMemoryBytes: 64 * 1024, spillDirectory: directory });
    const series = new MetricSeries('loss', 0, budget);
    const n = 1_000_000;
    let peak = 0;
    for (let i = 0; i < n; i++) {
      series.push(valueOf(0, i), i, 1_700_000_000_000 + i);
      if (budget.inMemoryBytes > peak) peak = budget.inMemoryBytes;
    }
    expect(peak).to.be.at.most(64 * 1024 + MAX_CHUNK_BYTES);
    expect(series.byteLength()).to.equal(budget.inMemoryBytes);
    expect(series.spilledPoints()).to.be.greaterThan(n - (64 * 1024 + MAX_CHUNK_BYTES) / 24);
    expect(budget.spilledBytes).to.equal(series.spilledPoints() * 24);
    expectHistory(series.snapshot(), 0, n, 1_700_000_000_000, 1);
    expect(series.latest()).to.equal(valueOf(0, n - 1));
    expect(series.nonFiniteCount).to.equal([...Array(n).keys()].filter((i) => !Number.isFinite(valueOf(0, i))).length);
  });

  it('leaves no spill file in the directory, even while spilling (unlinked at once)', function () {
    if (process.platform === 'win32') this.skip();
    const budget = new HistoryBudget({ maxMemoryBytes: 1024, spillDirectory: directory });
    const series = new MetricSeries('loss', 0, budget);
    for (let i = 0; i < 50_000; i++) series.push(i, i, i);
    expect(budget.spilledBytes).to.be.greaterThan(0);
    expect(readdirSync(directory)).to.deep.equal([]);
    expect(series.snapshot().values[49_999]).to.equal(49_999);
  });

  it('keeps everything in memory under the default budget for an ordinary run', () => {
    const budget = new HistoryBudget({ spillDirectory: directory });
    const series = new MetricSeries('loss', 0, budget);
    for (let i = 0; i < 100_000; i++) series.push(i, i, i);
    expect(budget.spilledBytes).to.equal(0);
    expect(series.spilledPoints()).to.equal(0);
  });

  it('gives the tracker the whole history of several metrics at finalize and in metricHistory', () => {
    const clock = new FakeClock();
    const tracker = new TrainingWorkflowTracker({ clock, logger: quiet, captureEnvironment: false, metricHistory: { maxMemoryBytes: 32 * 1024, spillDirectory: directory } });
    tracker.startTraining('long-run');
    const first = clock.now();
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 3; k++) tracker.logMetric(`m${k}`, valueOf(k, i), i);
      clock.advance(1);
    }
    for (let k = 0; k < 3; k++) expectHistory(tracker.metricHistory(`m${k}`), k, n, first, 1);
    const bom = tracker
      .registerDataset('data.csv', 10).registerFeatures(['a'], ['a']).registerModel('m', 'a')
      .finalizeTraining();
    for (let k = 0; k < 3; k++) expect(bom.mlflowMetrics[`m${k}`]).to.equal(valueOf(k, n - 1));
  });

  it('rebuilds a spilled history from a durable journal on resume', async () => {
    const clock = new FakeClock();
    const options = { clock, logger: quiet, captureEnvironment: false as const, metricHistory: { maxMemoryBytes: 16 * 1024, spillDirectory: directory } };
    const tracker = new TrainingWorkflowTracker({ ...options, journal: { directory, durable: true } }).startTraining('resumed');
    const first = clock.now();
    for (let i = 0; i < 20_000; i++) {
      tracker.logMetric('m1', valueOf(1, i), i);
      clock.advance(2);
    }
    const path = tracker.journalPath as string;
    // A crash: the process ends without close(); the journal is all that is left.
    const resumed = TrainingWorkflowTracker.resume(path, options);
    expectHistory(resumed.metricHistory('m1'), 1, 20_000, first, 2);
    await resumed.close();
  });

  it('refuses a budget that is not a positive number, naming the option', () => {
    for (const maxMemoryBytes of [0, -1, NaN]) {
      expect(() => new TrainingWorkflowTracker({ metricHistory: { maxMemoryBytes } }))
        .to.throw(InvalidArgumentError, /metricHistory\.maxMemoryBytes.*positive/);
    }
  });
});
