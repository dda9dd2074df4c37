import { expect } from 'chai';
import { PointQueue } from '../../../src/mlflow/sink/point-queue';

function fill(queue: PointQueue, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) queue.push(`k${i % 7}`, i * 0.5, i, 1000 + i);
}

describe('PointQueue', () => {
  it('gives points back in order across chunk boundaries', () => {
    const queue = new PointQueue(100000);
    fill(queue, 10000);
    const taken = [...queue.take(4000), ...queue.take(4000), ...queue.take(4000)];
    expect(taken).to.have.length(10000);
    expect(taken.every((p, i) => p.step === i && p.value === i * 0.5 && p.timestamp === 1000 + i && p.key === `k${i % 7}`)).to.equal(true);
    expect(queue.length).to.equal(0);
  });

  it('keeps working after being drained and refilled', () => {
    const queue = new PointQueue(100);
    fill(queue, 50);
    queue.take(50);
    fill(queue, 30, 50);
    expect(queue.take(100).map((p) => p.step)).to.deep.equal([...Array(30).keys()].map((i) => i + 50));
  });

  it('drops and counts points beyond its capacity', () => {
    const queue = new PointQueue(10);
    fill(queue, 15);
    expect(queue.length).to.equal(10);
    expect(queue.dropped).to.equal(5);
  });

  it('puts a failed batch back in front, within capacity', () => {
    const queue = new PointQueue(10);
    fill(queue, 8);
    const batch = queue.take(5);
    fill(queue, 4, 8);
    queue.unshift(batch);
    expect(queue.take(10).map((p) => p.step)).to.deep.equal([0, 1, 2, 5, 6, 7, 8, 9, 10, 11]);
    expect(queue.dropped).to.equal(2);
    expect(queue.length).to.equal(0);
  });

  it('forgets everything on clear, without counting it as dropped, and keeps working', () => {
    const queue = new PointQueue(10_000);
    fill(queue, 9_000);
    queue.take(100);
    queue.clear();
    expect(queue.length).to.equal(0);
    expect(queue.dropped).to.equal(0);
    fill(queue, 3, 42);
    expect(queue.take(10).map((p) => p.step)).to.deep.equal([42, 43, 44]);
  });
});
