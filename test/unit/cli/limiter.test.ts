import { expect } from 'chai';
import { createLimiter } from '../../../src/cli/limiter';
import { rejection } from '../../helpers/rejection';

describe('createLimiter', () => {
  it('keeps at most n tasks in flight and runs them all, in order of arrival', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => limit(async () => {
      started.push(i);
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 2));
      active -= 1;
      return i;
    })));
    expect(peak).to.equal(2);
    expect(started).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = createLimiter(1);
    expect(((await rejection(limit(() => Promise.reject(new Error('no'))))) as Error).message).to.equal('no');
    expect(await limit(async () => 'next')).to.equal('next');
  });
});
