import { expect } from 'chai';
import { forEachBounded, mapBounded } from '../../../src/core/bounded-pool';
import { rejection } from '../../helpers/rejection';

const tick = (ms = 1): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('forEachBounded', () => {
  it('runs every item with at most `concurrency` in flight', async () => {
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachBounded(Array.from({ length: 50 }, (_, i) => i), 4, async (i) => {
      peak = Math.max(peak, ++active);
      await tick();
      active -= 1;
      done.push(i);
    });
    expect(peak).to.equal(4);
    expect(done.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i));
  });

  it('pulls from an async source only as fast as the work drains it', async () => {
    let pulled = 0;
    let finished = 0;
    let maxAhead = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 30; i++) {
        pulled += 1;
        maxAhead = Math.max(maxAhead, pulled - finished);
        yield i;
      }
    }
    await forEachBounded(source(), 3, async () => {
      await tick();
      finished += 1;
    });
    expect(finished).to.equal(30);
    expect(maxAhead).to.be.at.most(3);
  });

  it('rejects with the first error and stops taking new items', async () => {
    const started: number[] = [];
    const error = await rejection(forEachBounded(Array.from({ length: 100 }, (_, i) => i), 2, async (i) => {
      started.push(i);
      await tick();
      if (i === 3) throw new Error('boom');
    }));
    expect((error as Error).message).to.equal('boom');
    expect(started.length).to.be.below(10);
  });

  it('rejects when the source fails', async () => {
    async function* source(): AsyncGenerator<number> {
      yield 1;
      throw new Error('search failed');
    }
    expect(((await rejection(forEachBounded(source(), 4, async () => undefined))) as Error).message).to.equal('search failed');
  });
});

describe('mapBounded', () => {
  it('returns the results in the items\' order though they finish out of order, with at most `concurrency` in flight', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 2, async (ms) => {
      peak = Math.max(peak, ++active);
      await tick(ms);
      active -= 1;
      return ms * 10;
    });
    expect(out).to.deep.equal([50, 10, 40, 20, 30]);
    expect(peak).to.equal(2);
  });

  it('rejects with the first error and starts no more work after it', async () => {
    const started: number[] = [];
    const error = await rejection(mapBounded([1, 2, 3, 4, 5, 6], 1, async (i) => {
      started.push(i);
      if (i === 2) throw new Error('boom');
      return i;
    }));
    expect((error as Error).message).to.equal('boom');
    expect(started).to.deep.equal([1, 2]);
  });
});
