import { expect } from 'chai';
import {
  RetriesFailed, backoffMs, parseRetryAfter, runWithRetries, systemRetryRuntime, type RetryNotice, type RetryPolicy, type RetryRuntime,
  type RetryVerdict,
} from '../../../src/mlflow/client/retry';

/** MLflow 3's defaults: 7 retries, factor 2 s, jitter 1 s, 120 s. */
const MLFLOW_DEFAULTS: RetryPolicy = { maxRetries: 7, backoffFactorMs: 2000, backoffJitterMs: 1000, timeoutMs: 120_000, respectRetryAfter: true };

/** Time that moves only when the code under test sleeps. */
class FakeRuntime implements RetryRuntime {
  readonly sleeps: number[] = [];
  constructor(public ms = 1_700_000_000_000, private readonly rnd = 0.5) {}
  now(): number { return this.ms; }
  async sleep(ms: number): Promise<void> { this.sleeps.push(ms); this.ms += ms; }
  random(): number { return this.rnd; }
}

const transient = (retryAfterMs?: number): RetryVerdict => ({ retry: true, retryAfterMs });

async function failing(policy: RetryPolicy, rt: RetryRuntime, verdict: RetryVerdict = transient(), hooks = {}): Promise<RetriesFailed> {
  try {
    await runWithRetries(async () => { throw new Error('boom'); }, () => verdict, policy, rt, hooks);
  } catch (error) {
    if (error instanceof RetriesFailed) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('MLflow retry policy', () => {
  it('backs off like urllib3 2.x: no sleep after the first failure, then factor * 2^(n-1) + jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, MLFLOW_DEFAULTS, () => 0.5));
    expect(delays).to.deep.equal([0, 4500, 8500, 16500, 32500, 64500, 120_000]);
  });

  it('sleeps that sequence between 8 attempts when the deadline allows, then reports retries exhausted', async () => {
    const rt = new FakeRuntime();
    const failed = await failing({ ...MLFLOW_DEFAULTS, timeoutMs: 3_600_000 }, rt);
    expect(rt.sleeps).to.deep.equal([4500, 8500, 16500, 32500, 64500, 120_000]);
    expect(failed.attempts).to.equal(8);
    expect(failed.reason).to.equal('retries-exhausted');
    expect((failed.failure as Error).message).to.equal('boom');
  });

  it('bounds the whole call by the timeout: gives up before a sleep that would cross the deadline', async () => {
    const rt = new FakeRuntime();
    const failed = await failing(MLFLOW_DEFAULTS, rt);
    // 0 + 4.5 + 8.5 + 16.5 + 32.5 = 62 s slept; the next 64.5 s would end at 126.5 s > 120 s.
    expect(rt.sleeps).to.deep.equal([4500, 8500, 16500, 32500]);
    expect(failed.attempts).to.equal(6);
    expect(failed.reason).to.equal('deadline');
    expect(failed.elapsedMs).to.equal(62_000);
  });

  it('hands each attempt the time left before the deadline', async () => {
    const rt = new FakeRuntime();
    const remaining: number[] = [];
    await runWithRetries(async (ms) => { remaining.push(ms); if (remaining.length < 3) throw new Error('x'); return 'ok'; },
      () => transient(), MLFLOW_DEFAULTS, rt);
    expect(remaining).to.deep.equal([120_000, 120_000, 115_500]);
  });

  it('sleeps for Retry-After instead of the backoff', async () => {
    const rt = new FakeRuntime();
    await failing({ ...MLFLOW_DEFAULTS, maxRetries: 3 }, rt, transient(7000));
    expect(rt.sleeps).to.deep.equal([7000, 7000, 7000]);
  });

  it('uses the backoff when Retry-After is 0, as urllib3 does', async () => {
    const rt = new FakeRuntime();
    await failing({ ...MLFLOW_DEFAULTS, maxRetries: 2 }, rt, transient(0));
    expect(rt.sleeps).to.deep.equal([4500]);
  });

  it('ignores Retry-After when respectRetryAfter is off', async () => {
    const rt = new FakeRuntime();
    await failing({ ...MLFLOW_DEFAULTS, maxRetries: 2, respectRetryAfter: false }, rt, transient(7000));
    expect(rt.sleeps).to.deep.equal([4500]);
  });

  it('gives up at once when Retry-After points past the deadline', async () => {
    const rt = new FakeRuntime();
    const failed = await failing(MLFLOW_DEFAULTS, rt, transient(600_000));
    expect(rt.sleeps).to.deep.equal([]);
    expect(failed.reason).to.equal('deadline');
  });

  it('does not retry what the classifier calls final', async () => {
    const rt = new FakeRuntime();
    const failed = await failing(MLFLOW_DEFAULTS, rt, { retry: false });
    expect(failed.attempts).to.equal(1);
    expect(failed.reason).to.equal('not-retryable');
  });

  it('makes exactly one attempt with maxRetries 0', async () => {
    const failed = await failing({ ...MLFLOW_DEFAULTS, maxRetries: 0 }, new FakeRuntime());
    expect(failed.attempts).to.equal(1);
    expect(failed.reason).to.equal('retries-exhausted');
  });

  it('returns the first success', async () => {
    let calls = 0;
    const value = await runWithRetries(async () => (++calls < 3 ? Promise.reject(new Error('x')) : 42), () => transient(), MLFLOW_DEFAULTS, new FakeRuntime());
    expect(value).to.equal(42);
    expect(calls).to.equal(3);
  });

  it('stops retrying a failure whose verdict grants a grace once the next sleep would pass it', async () => {
    const rt = new FakeRuntime();
    const failed = await failing(MLFLOW_DEFAULTS, rt, { retry: true, withinMs: 5000 });
    expect(rt.sleeps).to.deep.equal([4500]);
    expect(failed).to.include({ reason: 'grace', attempts: 3, elapsedMs: 4500 });
  });

  it('ignores a grace longer than the deadline', async () => {
    const failed = await failing({ ...MLFLOW_DEFAULTS, timeoutMs: 10_000 }, new FakeRuntime(), { retry: true, withinMs: 60_000 });
    expect(failed.reason).to.equal('deadline');
  });

  it('tells onRetry of each retry with the attempts so far, the most allowed and the sleep', async () => {
    const notices: RetryNotice[] = [];
    await failing({ ...MLFLOW_DEFAULTS, maxRetries: 2 }, new FakeRuntime(), transient(), { onRetry: (n: RetryNotice) => notices.push(n) });
    expect(notices.map((n) => [n.attempts, n.maxAttempts, n.delayMs, n.elapsedMs])).to.deep.equal([[1, 3, 0, 0], [2, 3, 4500, 0]]);
  });

  it('is not disturbed by an onRetry that throws', async () => {
    const failed = await failing({ ...MLFLOW_DEFAULTS, maxRetries: 1 }, new FakeRuntime(), transient(), { onRetry: () => { throw new Error('x'); } });
    expect(failed.reason).to.equal('retries-exhausted');
  });

  it('ends a real sleep at once when the signal fires, with reason aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    // A minute of backoff: without the abort, mocha's timeout fails the test.
    const failed = await failing({ ...MLFLOW_DEFAULTS, backoffFactorMs: 60_000, timeoutMs: 3_600_000 }, systemRetryRuntime, transient(), { signal: controller.signal });
    expect(failed.reason).to.equal('aborted');
    expect(failed.attempts).to.equal(2);
  });

  it('adds no jitter when the jitter is 0', () => {
    expect(backoffMs(3, { ...MLFLOW_DEFAULTS, backoffJitterMs: 0 }, () => 0.99)).to.equal(8000);
  });
});

describe('Retry-After parsing', () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).to.equal(3000);
    expect(parseRetryAfter(' 120 ', now)).to.equal(120_000);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Mon, 01 Jan 2024 12:00:05 GMT', now)).to.equal(5000);
  });

  it('treats an HTTP-date in the past as 0', () => {
    expect(parseRetryAfter('Mon, 01 Jan 2024 11:00:00 GMT', now)).to.equal(0);
  });

  it('ignores absent and malformed values', () => {
    for (const value of [null, undefined, '', '1.5', '-1', 'soon']) expect(parseRetryAfter(value, now), String(value)).to.equal(undefined);
  });
});
