import { expect } from 'chai';
import fc from 'fast-check';
import { crc32, deflateRawSync } from 'node:zlib';
import { decodeMetricHistories, encodeMetricHistories, HistoryFormatError, InvalidArgumentError } from '../../../../src';
import { historyOf } from '../../../helpers/metric-histories';

const good = encodeMetricHistories([historyOf('loss', [0.5, 0.25, NaN, 0.125]), historyOf('steps', [1, 2, 3])], { bomId: 'run' });

/** `body` with its CRC-32 appended: a file whose checksum is right, so that the later checks are reached. */
function sealed(body: readonly number[] | Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(body);
  const file = new Uint8Array(bytes.length + 4);
  file.set(bytes);
  new DataView(file.buffer).setUint32(bytes.length, crc32(bytes), true);
  return file;
}

/** The fixed header (magic, version 1, flags 0, a zero digest), an empty id, then `rest`. */
const header = (rest: readonly number[]): number[] => [0x54, 0x42, 0x4d, 0x48, 1, 0, ...new Array<number>(32).fill(0), 0, ...rest];
/** One metric `a` of `count` points; then `columns`. */
const metric = (count: number[], columns: number[]): number[] => header([1, 1, 0x61, ...count, ...columns]);
/** An uncompressed delta-of-delta column of one point, value 0. */
const oneIntColumn = [1, 0, 1, 1, 0];

function failure(bytes: Uint8Array, options?: { maxPoints?: number }): HistoryFormatError {
  try {
    decodeMetricHistories(bytes, options);
  } catch (error) {
    expect(error).to.be.instanceOf(HistoryFormatError);
    return error as HistoryFormatError;
  }
  throw new Error('expected a HistoryFormatError');
}

describe('metric history format: hostile files', () => {
  it('reads its own well-formed file (the fixtures below start from it)', () => {
    expect(decodeMetricHistories(good).histories.map((h) => h.key)).to.deep.equal(['loss', 'steps']);
    expect(decodeMetricHistories(sealed(metric([1], [...oneIntColumn, ...oneIntColumn, ...oneIntColumn]))).histories[0].length).to.equal(1);
  });

  it('refuses every truncation of a file', () => {
    for (let n = 0; n < good.length; n++) expect(failure(good.subarray(0, n)).code).to.equal('HISTORY_FORMAT');
  });

  it('refuses every single flipped bit (CRC-32)', () => {
    for (let i = 0; i < good.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = good.slice();
        bad[i] ^= 1 << bit;
        failure(bad);
      }
    }
  });

  it('names the field and offset: wrong magic, unknown version, reserved flags', () => {
    expect(failure(Uint8Array.from(Buffer.from('{"id": "a json file"}')))).to.include({ field: 'magic', offset: 4 });
    const v2 = good.slice();
    v2[4] = 2;
    expect(failure(v2).message).to.match(/version 2 is not supported/);
    const flags = Uint8Array.from(header([0]));
    flags[5] = 1;
    expect(failure(sealed(flags)).field).to.equal('flags');
  });

  it('refuses a huge metric count before allocating for it', () => {
    expect(failure(sealed(header([0xff, 0xff, 0xff, 0xff, 0x0f])))).to.include({ field: 'metric_count' });
  });

  it('refuses a point count over maxPoints before reading the columns', () => {
    expect(failure(sealed(metric([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], [])))).to.include({ field: 'metrics.0.count' });
    expect(failure(sealed(metric([3], [])), { maxPoints: 2 }).message).to.match(/exceed the limit of 2/);
  });

  it('refuses a varint over 8 bytes or over 2^53', () => {
    expect(failure(sealed(header([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))).message).to.match(/longer than 8 bytes/);
    expect(failure(sealed(header([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).message).to.match(/exceeds 2\^53/);
  });

  it('refuses a deflate bomb: a raw length no deflate stream of that size can reach', () => {
    const bomb = metric([0x80, 0x80, 0x80, 0x08], [2, 1, 0x80, 0x80, 0x80, 0x40, 1, 0]);
    expect(failure(sealed(bomb))).to.include({ field: 'metrics.0.steps.raw_length' });
  });

  it('stops inflating at the declared size', () => {
    const packed = deflateRawSync(new Uint8Array(800));
    const column = [2, 1, 8, packed.length, ...packed];
    expect(failure(sealed(metric([1], column))).message).to.match(/corrupt deflate data or more than 8 bytes/);
  });

  it('refuses corrupt deflate data', () => {
    expect(failure(sealed(metric([1], [2, 1, 8, 3, 0xff, 0xff, 0xff]))).field).to.equal('metrics.0.steps.data');
  });

  it('refuses unknown encodings and compressions, and lengths that cannot hold the count', () => {
    expect(failure(sealed(metric([1], [9, 0, 1, 1, 0]))).field).to.equal('metrics.0.steps.encoding');
    expect(failure(sealed(metric([1], [1, 7, 1, 1, 0]))).field).to.equal('metrics.0.steps.compression');
    expect(failure(sealed(metric([1], [2, 0, 4, 4, 0, 0, 0, 0]))).field).to.equal('metrics.0.steps.raw_length');
    expect(failure(sealed(metric([1], [1, 0, 2, 1, 0]))).field).to.equal('metrics.0.steps.stored_length');
  });

  it('refuses varints that do not add up to the count', () => {
    expect(failure(sealed(metric([2], [1, 0, 2, 2, 0x80, 0x80]))).message).to.match(/ends after 0 of 2 values/);
    expect(failure(sealed(metric([1], [1, 0, 2, 2, 0, 0]))).message).to.match(/1 bytes left after 1 values/);
  });

  it('refuses keys that are unsorted, repeated, empty or not UTF-8', () => {
    const col = [...oneIntColumn, ...oneIntColumn, ...oneIntColumn];
    const twoKeys = (a: number, b: number): Uint8Array => sealed(header([2, 1, a, 1, ...col, 1, b, 1, ...col]));
    expect(failure(twoKeys(0x62, 0x61)).message).to.match(/distinct and sorted/);
    expect(failure(twoKeys(0x61, 0x61)).message).to.match(/distinct and sorted/);
    expect(failure(sealed(header([1, 0, 1, ...col]))).message).to.match(/is empty/);
    expect(failure(sealed(header([1, 1, 0xff, 1, ...col]))).message).to.match(/not valid UTF-8/);
  });

  it('refuses bytes left over before the checksum', () => {
    expect(failure(sealed([...header([0]), 0])).field).to.equal('end');
  });

  it('gives a HistoryFormatError, never another error, for random and mutated bytes (property)', () => {
    const mutated = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => {
      const body = good.slice(0, good.length - 4);
      for (const [at, value] of edits) body[at % body.length] = value;
      return sealed(body);
    });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (bytes) => {
      try {
        decodeMetricHistories(bytes);
      } catch (error) {
        expect(error).to.be.instanceOf(HistoryFormatError);
      }
    }), { numRuns: 2000 });
  });

  it('checks its own arguments', () => {
    expect(() => decodeMetricHistories(good, { maxPoints: -1 })).to.throw(InvalidArgumentError);
    expect(() => decodeMetricHistories('TBMH' as unknown as Uint8Array)).to.throw(InvalidArgumentError);
  });
});
