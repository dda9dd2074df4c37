import { expect } from 'chai';
import fc from 'fast-check';
import type { JsonValue } from '../../../src';
import { isAbsoluteIri, isIriReference } from '../../../src/standards/iri';
import { readTimestamp, rfc3339Utc, spdxDateTime } from '../../../src/standards/timestamps';
import { BOM_ID_NAMESPACE, bomUuid, uuidV5 } from '../../../src/standards/uuid-v5';
import { decodeValueText, encodeValueText } from '../../../src/standards/value-text';

describe('uuidV5', () => {
  it('matches RFC 4122 (Python: uuid5(NAMESPACE_DNS, "python.org"))', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).to.equal('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('derives BOM UUIDs in the documented namespace', () => {
    expect(BOM_ID_NAMESPACE).to.equal(uuidV5('https://www.npmjs.com/package/training-bom', '6ba7b811-9dad-11d1-80b4-00c04fd430c8'));
    expect(BOM_ID_NAMESPACE).to.equal('abd56748-80df-5d6f-9c16-3828d8f79ba2');
    expect(bomUuid('fraud-detection-v3.2')).to.equal(uuidV5('fraud-detection-v3.2', BOM_ID_NAMESPACE));
  });
});

describe('readTimestamp', () => {
  it('reads a naive ISO 8601 time as UTC, to the microsecond', () => {
    expect(readTimestamp('2024-09-05T10:00:00.123456')).to.equal(Date.UTC(2024, 8, 5, 10) * 1000 + 123456);
  });

  it('applies an offset', () => {
    expect(readTimestamp('2024-09-05T12:00:00+02:00')).to.equal(Date.UTC(2024, 8, 5, 10) * 1000);
  });

  it("reads MLflow's 13-digit epoch milliseconds", () => {
    expect(readTimestamp('1725530400000')).to.equal(Date.UTC(2024, 8, 5, 10) * 1000);
  });

  it('does not read other digit strings, dates without a time or words', () => {
    for (const text of ['20240905', '1725530400', '2024-09-05', 'yesterday', '']) expect(readTimestamp(text), text).to.equal(undefined);
  });

  it('does not read times that would leave four-digit years', () => {
    expect(readTimestamp('9999-12-31T23:00:00-05:00')).to.equal(undefined);
  });
});

describe('rfc3339Utc and spdxDateTime', () => {
  const micros = Date.UTC(2024, 8, 5, 10, 0, 0, 123) * 1000;

  it('writes milliseconds, or microseconds when there are any', () => {
    expect(rfc3339Utc(micros)).to.equal('2024-09-05T10:00:00.123Z');
    expect(rfc3339Utc(micros + 456)).to.equal('2024-09-05T10:00:00.123456Z');
  });

  it('writes SPDX times in whole seconds, truncated', () => {
    expect(spdxDateTime(micros + 999)).to.equal('2024-09-05T10:00:00Z');
  });
});

describe('encodeValueText / decodeValueText', () => {
  it('writes plain strings as they are and everything else as JSON', () => {
    expect(['adam', 'NaN', '', 'a b'].map((v) => encodeValueText(v))).to.deep.equal(['adam', 'NaN', '', 'a b']);
    expect([0.1, true, null, [64, 32], { a: 1 }].map((v) => encodeValueText(v))).to.deep.equal(['0.1', 'true', 'null', '[64,32]', '{"a":1}']);
  });

  it('quotes a string that would read as another JSON value', () => {
    expect(['0.95', 'true', 'null', '"x"', ' 5', '[1]'].map((v) => encodeValueText(v))).to.deep.equal(['"0.95"', '"true"', '"null"', '"\\"x\\""', '" 5"', '"[1]"']);
  });

  it('is exactly inverted by decodeValueText for every JSON value (property-based)', () => {
    fc.assert(
      fc.property(fc.jsonValue() as fc.Arbitrary<JsonValue>, fc.string({ unit: 'grapheme' }), (value, text) => {
        expect(JSON.stringify(decodeValueText(encodeValueText(value)))).to.equal(JSON.stringify(value));
        expect(decodeValueText(encodeValueText(text))).to.equal(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isIriReference / isAbsoluteIri', () => {
  it('accepts URLs, URIs of any scheme, IRIs with non-ASCII characters and relative references', () => {
    for (const iri of ['s3://bucket/data.parquet', 'local://data', 'file:///données/中文.csv', 'data/train.csv', '/data/x.csv']) expect(isIriReference(iri), iri).to.equal(true);
  });

  it('rejects spaces, backslashes and the empty string', () => {
    for (const text of ['local data.csv', 'C:\\data\\x.csv', '', 'http://a b']) expect(isIriReference(text), text).to.equal(false);
  });

  it('tells absolute IRIs from relative references', () => {
    expect(isAbsoluteIri('s3://bucket/x')).to.equal(true);
    expect(isAbsoluteIri('data/train.csv')).to.equal(false);
  });
});
