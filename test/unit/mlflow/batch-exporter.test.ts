/** BatchExporter (src/mlflow/sink/batch-exporter.ts): scheduling, one export in flight, flush, shutdown, failures. */
import { expect } from 'chai';
import { BatchExporter, type BatchExporterOptions } from '../../../src/mlflow/sink/batch-exporter';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` holds (polling), failing after `ms`: robust on a loaded machine, unlike a fixed sleep. */
async function until(done: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms`);
    await sleep(5);
  }
}

/** A source of numbered items exported one per call after a macrotask, failing while `failures` lasts. */
class Items {
  readonly waiting: number[] = [];
  readonly exported: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failures: Error[] = [];

  hasWork(): boolean {
    return this.waiting.length > 0;
  }

  async exportNext(): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    await new Promise((r) => setImmediate(r));
    this.inFlight--;
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.exported.push(this.waiting.shift() as number);
  }
}

function exporter(items: Items, options: Partial<BatchExporterOptions> = {}): { exporter: BatchExporter; errors: unknown[] } {
  const errors: unknown[] = [];
  const e = new BatchExporter(items, { delayMillis: 20, isTransient: () => true, onError: (error) => errors.push(error), ...options });
  return { exporter: e, errors };
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('BatchExporter', () => {
  it('exports nothing before start', async () => {
    const items = new Items();
    const { exporter: e } = exporter(items);
    items.waiting.push(1);
    e.schedule(true);
    await e.flush();
    await sleep(40);
    expect(items.exported).to.deep.equal([]);
  });

  it('exports within the delay on its own, on a timer that does not keep the process alive', async () => {
    const items = new Items();
    const { exporter: e } = exporter(items, { delayMillis: 30 });
    e.start();
    await sleep(5);
    const before = activeTimers();
    items.waiting.push(1, 2);
    e.schedule(false);
    expect(activeTimers()).to.equal(before);
    await sleep(10);
    expect(items.exported).to.deep.equal([]);
    await until(() => items.exported.length === 2);
    expect(items.exported).to.deep.equal([1, 2]);
  });

  it('exports at once when asked to, even with a delayed export pending', async () => {
    const items = new Items();
    const { exporter: e } = exporter(items, { delayMillis: 10_000 });
    e.start();
    await sleep(5);
    items.waiting.push(1);
    e.schedule(false);
    e.schedule(true);
    await until(() => items.exported.length === 1, 2000);
    expect(items.exported).to.deep.equal([1]);
  });

  it('keeps one export in flight however often it is asked', async () => {
    const items = new Items();
    const { exporter: e } = exporter(items);
    e.start();
    items.waiting.push(...Array.from({ length: 50 }, (_, i) => i));
    for (let i = 0; i < 20; i++) e.schedule(true);
    await Promise.all([e.flush(), e.flush(), e.flush()]);
    expect(items.maxInFlight).to.equal(1);
    expect(items.exported).to.have.length(50);
  });

  it('routes a failure to onError, never to the caller, and tries a transient one again after the delay', async () => {
    const items = new Items();
    const { exporter: e, errors } = exporter(items);
    e.start();
    items.waiting.push(1, 2);
    items.failures.push(new Error('503'));
    await e.flush();
    expect(errors.map(String)).to.deep.equal(['Error: 503']);
    expect(e).to.deep.include({ failedExports: 1, lastExportFailed: true });
    await until(() => items.exported.length === 2);
    expect(items.exported).to.deep.equal([1, 2]);
    await e.flush();
    expect(e.lastExportFailed).to.equal(false);
  });

  it('does not try a permanent failure again by itself', async () => {
    const items = new Items();
    const { exporter: e } = exporter(items, { isTransient: () => false });
    e.start();
    await e.flush();
    items.waiting.push(1);
    items.failures.push(new Error('400'));
    e.schedule(true);
    await sleep(80);
    expect(items.exported).to.deep.equal([]);
    expect(e.lastError).to.be.an('error').with.property('message', '400');
  });

  it('survives an error handler that throws', async () => {
    const items = new Items();
    const { exporter: e } = exporter(items, { onError: () => { throw new Error('handler'); }, isTransient: () => false });
    e.start();
    items.waiting.push(1);
    items.failures.push(new Error('boom'));
    await e.flush();
    expect(e.failedExports).to.equal(1);
  });

  it('shuts down once: exports what is left, then schedules nothing more', async () => {
    const items = new Items();
    const { exporter: e } = exporter(items, { delayMillis: 10_000 });
    e.start();
    items.waiting.push(1, 2, 3);
    e.schedule(false);
    const first = e.shutdown();
    expect(e.shutdown()).to.equal(first);
    await first;
    expect(items.exported).to.deep.equal([1, 2, 3]);
    items.waiting.push(4);
    e.schedule(true);
    await sleep(20);
    expect(items.exported).to.deep.equal([1, 2, 3]);
  });
});
