/**
 * The sink's two metric queues behind one interface: memory only, and a bounded cache of a real journal
 * (a JournalWriter in a temp dir, written as the tracker writes it: each point journaled, then pushed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { JournalWriter } from '../../../src/journal/journal-writer';
import { readJournal } from '../../../src/journal/read-journal';
import { SinkJournalHandle } from '../../../src/journal/sink-journal';
import type { JournalSinkState } from '../../../src/journal/journal-state';
import { JournalMetricQueue } from '../../../src/mlflow/sink/journal-metric-queue';
import { MemoryMetricQueue } from '../../../src/mlflow/sink/memory-metric-queue';
import type { MetricQueue } from '../../../src/mlflow/sink/metric-queue';

const SINK = 'MlflowRunSink#0';

function steps(queue: MetricQueue, max: number): number[] {
  return queue.take(max).map((p) => p.step);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe('MemoryMetricQueue', () => {
  it('asks for an export at once when a full batch of 1,000 points waits', () => {
    const queue = new MemoryMetricQueue(5000);
    const urgent = range(0, 1000).map((i) => queue.push('loss', i, i, 1000 + i));
    expect(urgent.indexOf(true)).to.equal(999);
  });

  it('drops and counts points beyond its capacity, and reports them undelivered until taken', () => {
    const queue = new MemoryMetricQueue(10);
    for (const i of range(0, 15)) queue.push('loss', i, i, i);
    expect(queue).to.deep.include({ queued: 10, spilled: 0, dropped: 5, undelivered: 10 });
  });

  it('puts a transiently failed batch back in front, and counts a refused one as dropped', () => {
    const queue = new MemoryMetricQueue(100);
    for (const i of range(0, 20)) queue.push('loss', i, i, i);
    queue.retry(queue.take(5));
    expect(steps(queue, 8)).to.deep.equal(range(0, 8));
    queue.refused(8, 6);
    expect(queue.dropped).to.equal(6);
    expect(steps(queue, 100)).to.deep.equal(range(8, 20));
  });
});

describe('JournalMetricQueue (real journal)', () => {
  let writer: JournalWriter;
  let path: string;

  function open(capacity: number, previous?: JournalSinkState): MetricQueue {
    return new JournalMetricQueue(new SinkJournalHandle(SINK, writer, previous), capacity);
  }

  function log(queue: MetricQueue | undefined, from: number, to: number): void {
    for (const i of range(from, to)) {
      writer.point(0, i * 0.5, i, 1000 + i);
      queue?.push('loss', i * 0.5, i, 1000 + i);
    }
  }

  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'training-bom-queue-')), 'run.journal');
    writer = new JournalWriter(path, { mode: 'create' }, false, (e) => {
      throw e;
    });
    writer.record({ type: 'key', index: 0, key: 'loss' });
  });

  afterEach(() => writer.close());

  it('keeps at most its capacity in memory; the rest waits on disk and comes back in order', () => {
    const queue = open(100);
    log(queue, 0, 2_350);
    expect(queue).to.deep.include({ queued: 100, spilled: 2_250, undelivered: 2_350 });
    const taken = [];
    for (let batch = queue.take(1000); batch.length > 0; batch = queue.take(1000)) {
      taken.push(...batch);
      queue.delivered(batch.length);
    }
    expect(taken.map((p) => p.step)).to.deep.equal(range(0, 2_350));
    expect(taken[2_349]).to.deep.equal({ key: 'loss', value: 1174.5, step: 2_349, timestamp: 3_349 });
    expect(queue).to.deep.include({ queued: 0, spilled: 0, undelivered: 0, dropped: 0 });
  });

  it('asks for an export at once when it starts spilling', () => {
    const queue = open(3);
    const urgent = range(0, 5).map((i) => {
      writer.point(0, i, i, i);
      return queue.push('loss', i, i, i);
    });
    expect(urgent).to.deep.equal([false, false, false, true, false]);
  });

  it('reads a failed batch again from the journal, with what came after it', () => {
    const queue = open(1000);
    log(queue, 0, 50);
    queue.delivered(queue.take(10).length);
    queue.take(30);
    queue.retry([]);
    log(queue, 50, 60);
    expect(queue).to.deep.include({ queued: 0, spilled: 50, undelivered: 50 });
    expect(steps(queue, 1000)).to.deep.equal(range(10, 60));
  });

  it('acknowledges each delivered batch in the journal', () => {
    const queue = open(1000);
    log(queue, 0, 25);
    queue.delivered(queue.take(10).length);
    queue.delivered(queue.take(5).length);
    writer.close();
    expect(readJournal(path).sinks.get(SINK)?.acknowledged).to.equal(15);
  });

  it('settles a refused batch: its points are dropped, counted and acknowledged', () => {
    const queue = open(1000);
    log(queue, 0, 10);
    queue.refused(queue.take(4).length, 3);
    expect(queue).to.deep.include({ dropped: 3, undelivered: 6 });
    writer.close();
    expect(readJournal(path).sinks.get(SINK)?.acknowledged).to.equal(4);
  });

  it('on resume, starts from the position the journal acknowledged', () => {
    log(undefined, 0, 100);
    const queue = open(1000, { acknowledged: 40, state: {} });
    expect(queue).to.deep.include({ queued: 0, spilled: 60, undelivered: 60 });
    log(queue, 100, 110);
    expect(steps(queue, 1000)).to.deep.equal(range(40, 110));
  });

  it('counts the points it cannot read back when the journal failed', () => {
    const queue = open(10);
    log(queue, 0, 30);
    queue.delivered(queue.take(10).length);
    writer.close();
    expect(queue.take(10)).to.deep.equal([]);
    expect(queue).to.deep.include({ dropped: 20, undelivered: 0, spilled: 0 });
  });
});
