import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { JournalError } from '../../../src';
import { JournalWriter } from '../../../src/journal/journal-writer';
import { readJournal } from '../../../src/journal/read-journal';
import type { JournalRecord } from '../../../src/journal/journal-record';

const dir = (): string => mkdtempSync(join(tmpdir(), 'training-bom-journal-'));

function written(path: string, points: number, durable = false): JournalWriter {
  const writer = new JournalWriter(path, { mode: 'create' }, durable, (e) => {
    throw e;
  });
  writer.record({ type: 'start', id: 'run-1', start_ms: 1000 });
  writer.record({ type: 'key', index: 0, key: 'loss' });
  writer.record({ type: 'key', index: 1, key: '__proto__' });
  for (let i = 0; i < points; i++) writer.point(i % 2, i === 3 ? NaN : i / 10, i, 1000 + i);
  return writer;
}

function read(path: string): { state: ReturnType<typeof readJournal>; points: Array<[string, number, number, number]>; records: JournalRecord[] } {
  const points: Array<[string, number, number, number]> = [];
  const records: JournalRecord[] = [];
  const state = readJournal(path, (k, v, s, t) => points.push([k, v, s, t]), (r) => records.push(r));
  return { state, points, records };
}

describe('journal file', () => {
  it('reads back every record and point written, in order, NaN included', () => {
    const path = join(dir(), 'a.journal');
    const writer = written(path, 50_000);
    writer.record({ type: 'params', params: { lr: 0.1, ['__proto__']: 'kept' } });
    writer.close();
    const { state, points, records } = read(path);
    expect(state.warnings).to.deep.equal([]);
    expect(state.start).to.deep.equal({ id: 'run-1', startMs: 1000 });
    expect(points).to.have.length(50_000);
    expect(points[3]?.[1]).to.be.NaN;
    expect(points[49_999]).to.deep.equal(['__proto__', 4999.9, 49_999, 50_999]);
    const params = records.find((r) => r.type === 'params');
    expect(params?.type === 'params' ? Object.keys(params.params) : []).to.deep.equal(['lr', '__proto__']);
    expect(({} as Record<string, unknown>)['kept']).to.equal(undefined);
  });

  it('writes buffered points once 100 ms of timestamps have passed, without an explicit flush', () => {
    const path = join(dir(), 'b.journal');
    const writer = written(path, 100); // timestamps 1000..1099: the first point and nothing after, yet
    expect(read(path).points).to.have.length(1);
    writer.point(0, 1, 100, 1100);
    expect(read(path).points).to.have.length(101);
    writer.close();
  });

  it('writes every point at once when durable', () => {
    const path = join(dir(), 'c.journal');
    const writer = written(path, 7, true);
    expect(read(path).points).to.have.length(7);
    writer.close();
  });

  it('reads points back by sequence number across frames, as a sink reading its overflow does', () => {
    const path = join(dir(), 'd.journal');
    const writer = written(path, 40_000);
    expect(writer.readPoints(16_380, 10).map((p) => p.step)).to.deep.equal([16_380, 16_381, 16_382, 16_383, 16_384, 16_385, 16_386, 16_387, 16_388, 16_389]);
    expect(writer.readPoints(39_998, 10).map((p) => p.key)).to.deep.equal(['loss', '__proto__']);
    expect(writer.readPoints(40_000, 10)).to.deep.equal([]);
    writer.close();
  });

  it('skips a torn last frame at every cut point with a warning, keeping all frames before it', () => {
    const path = join(dir(), 'e.journal');
    written(path, 10, true).close();
    const full = readFileSync(path);
    const intact = read(path).points.length;
    const lastFrameStart = full.length - (9 + 8 + 16); // header, base time, one compact point
    for (let cut = lastFrameStart + 1; cut < full.length; cut++) {
      writeFileSync(path, full.subarray(0, cut));
      const { state, points } = read(path);
      expect(points, `cut at ${cut}`).to.have.length(intact - 1);
      expect(state.warnings[0]).to.match(/skipped the last \d+ bytes/);
      expect(state.validBytes).to.equal(lastFrameStart);
    }
  });

  it('stops at a frame whose checksum fails, with a warning', () => {
    const path = join(dir(), 'f.journal');
    written(path, 10, true).close();
    const bytes = readFileSync(path);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(path, bytes);
    const { state, points } = read(path);
    expect(points).to.have.length(9);
    expect(state.warnings.join()).to.contain('checksum');
  });

  it('appends after the last intact frame when continued, cutting the torn tail off', () => {
    const path = join(dir(), 'g.journal');
    written(path, 10, true).close();
    truncateSync(path, statSync(path).size - 5);
    const state = readJournal(path);
    const writer = new JournalWriter(path, { mode: 'append', from: state }, true, (e) => {
      throw e;
    });
    writer.point(0, 42, 10, 2000);
    writer.close();
    const again = read(path);
    expect(again.state.warnings).to.deep.equal([]);
    expect(again.points.map((p) => p[1]).slice(-2)).to.deep.equal([0.8, 42]);
  });

  it('refuses a file that is not a journal, and one that does not exist, with a JournalError', () => {
    const path = join(dir(), 'h.json');
    writeFileSync(path, '{"id": "x"}');
    expect(() => readJournal(path)).to.throw(JournalError, 'is not a training-bom journal');
    expect(() => readJournal(join(dir(), 'missing'))).to.throw(JournalError, 'ENOENT');
  });

  it('reads a journal cut inside its header as empty, with a warning', () => {
    const path = join(dir(), 'i.journal');
    writeFileSync(path, 'training-bom jour');
    const state = readJournal(path);
    expect(state.start).to.equal(undefined);
    expect(state.warnings[0]).to.contain('header is cut short');
  });

  it('reads back any point exactly, compact or wide: big steps, many keys, time going back or jumping, fractions (fast-check)', () => {
    const point = fc.record({
      key: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 70_000 })),
      value: fc.double(),
      step: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.maxSafeInteger(), fc.integer({ min: 2 ** 31 - 2, max: 2 ** 31 + 2 })),
      dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: -100, max: 0 }), fc.double({ min: 0, max: 10, noNaN: true })),
    });
    let round = 0;
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), fc.boolean(), (points, durable) => {
        const path = join(dir(), `p${round++}.journal`);
        const writer = new JournalWriter(path, { mode: 'create' }, durable, (e) => {
          throw e;
        });
        const keys = new Set<number>();
        let t = 1_700_000_000_000;
        const expected: Array<[string, number, number, number]> = [];
        for (const p of points) {
          if (!keys.has(p.key)) {
            keys.add(p.key);
            writer.record({ type: 'key', index: p.key, key: `k${p.key}` });
          }
          t += p.dt;
          writer.point(p.key, p.value, p.step, t);
          expected.push([`k${p.key}`, p.value, p.step, t]);
        }
        const fromWriter = writer.readPoints(0, points.length + 1).map((q) => [q.key, q.value, q.step, q.timestamp]);
        writer.close();
        expect(read(path).points).to.deep.equal(expected);
        expect(fromWriter).to.deep.equal(expected);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('takes 16 bytes a point in the common case', () => {
    const path = join(dir(), 'size.journal');
    const writer = new JournalWriter(path, { mode: 'create' }, false, (e) => {
      throw e;
    });
    for (let i = 0; i < 16_384; i++) writer.point(i % 100, i * 0.5, i, 1000 + Math.floor(i / 1000));
    writer.close();
    expect(statSync(path).size).to.equal(24 + 2 * (9 + 8) + 16 * 16_384); // the first point is written at once, alone
  });
});
