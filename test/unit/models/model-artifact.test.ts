import { expect } from 'chai';
import fc from 'fast-check';
import { BomValidationError, modelArtifactsOf, TrainingBOM } from '../../../src';
import { specExample } from '../../helpers/vectors';
import { modelArtifactsExample } from '../../helpers/reproducibility-facts';

function bomWith(artifacts: unknown): TrainingBOM {
  return TrainingBOM.parse({ ...specExample(), additional_values: { model_artifacts: artifacts } });
}

function issuesOf(artifacts: unknown): string[] {
  try {
    modelArtifactsOf(bomWith(artifacts));
  } catch (error) {
    expect(error).to.be.instanceOf(BomValidationError);
    return (error as BomValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  expect.fail('modelArtifactsOf accepted the artifacts');
}

function strictIssuesOf(artifacts: unknown): string[] {
  try {
    TrainingBOM.parse({ ...specExample(), additional_values: { model_artifacts: artifacts } }, { strict: true });
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(BomValidationError);
    return (error as BomValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
}

const DIGEST = `sha256:${'0'.repeat(64)}`;

describe('modelArtifactsOf', () => {
  it('returns [] for a BOM without additional_values or without model_artifacts', () => {
    expect(modelArtifactsOf(TrainingBOM.parse(specExample()))).to.deep.equal([]);
    expect(modelArtifactsOf(TrainingBOM.parse({ ...specExample(), additional_values: { seeds: { a: 1 } } }))).to.deep.equal([]);
  });

  it('reads the recorded artifacts in order, as frozen {name, digest, bytes}', () => {
    const artifacts = modelArtifactsOf(bomWith(modelArtifactsExample()));
    expect(artifacts).to.deep.equal(modelArtifactsExample());
    expect(Object.isFrozen(artifacts[0])).to.equal(true);
  });

  it('keeps only name, digest and bytes of an artifact with extra keys', () => {
    expect(modelArtifactsOf(bomWith([{ name: 'm.json', digest: DIGEST, bytes: 0, media_type: 'application/json' }]))).to.deep.equal([
      { name: 'm.json', digest: DIGEST, bytes: 0 },
    ]);
  });

  it('reports a value that is not an array', () => {
    expect(issuesOf({ name: 'm' })).to.deep.equal(['additional_values.model_artifacts: must be an array, got an object']);
  });

  it('reports each missing or mistyped field at its path', () => {
    expect(issuesOf([{ name: 'a', digest: 'md5:00', bytes: -1 }, { digest: DIGEST }, null])).to.deep.equal([
      "additional_values.model_artifacts.0.digest: must be a digest: 'sha256:' and 64 lower-case hex digits, got a string (\"md5:00\")",
      'additional_values.model_artifacts.0.bytes: must be a non-negative integer, got a number (-1)',
      'additional_values.model_artifacts.1.name: is required',
      'additional_values.model_artifacts.1.bytes: is required',
      'additional_values.model_artifacts.2: must be an object, got null',
    ]);
  });

  it('refuses upper-case hex and a fractional or unsafe byte count', () => {
    expect(issuesOf([{ name: 'a', digest: `sha256:${'AB'.repeat(32)}`, bytes: 1.5 }, { name: 'b', digest: DIGEST, bytes: 2 ** 53 }])).to.have.length(3);
  });

  for (const [name, why] of [
    ['', 'is empty'],
    ['/etc/passwd', "must be a relative '/'-separated path"],
    ['../outside', "must be a relative '/'-separated path"],
    ['a/./b', "must be a relative '/'-separated path"],
    ['a//b', "must be a relative '/'-separated path"],
    ['dir/', "must be a relative '/'-separated path"],
    ['a\\..\\b', 'holds a control character or a backslash'],
    ['a\nb', 'holds a control character or a backslash'],
    ['a\u0000b', 'holds a control character or a backslash'],
    ['\ud800x', 'well-formed Unicode'],
    ['x'.repeat(4097), 'longer than the limit of 4096'],
  ] as const) {
    it(`refuses the name ${JSON.stringify(name.slice(0, 20))} (${why})`, () => {
      const issues = issuesOf([{ name, digest: DIGEST, bytes: 1 }]);
      expect(issues).to.have.length(1);
      expect(issues[0]).to.match(/^additional_values\.model_artifacts\.0\.name: /).and.include(why);
    });
  }

  it('refuses names out of code-point order or repeated', () => {
    expect(issuesOf([
      { name: 'b', digest: DIGEST, bytes: 1 },
      { name: 'a', digest: DIGEST, bytes: 1 },
      { name: 'a', digest: DIGEST, bytes: 1 },
    ])).to.deep.equal([
      'additional_values.model_artifacts.1.name: must sort after "b" (names in code-point order)',
      'additional_values.model_artifacts.2.name: repeats the name "a"',
    ]);
  });

  it('orders by code point, not by UTF-16 unit (an astral character sorts after U+FFFD)', () => {
    const ordered = [{ name: '\ufffd', digest: DIGEST, bytes: 1 }, { name: '\u{1f600}', digest: DIGEST, bytes: 1 }];
    expect(modelArtifactsOf(bomWith(ordered))).to.have.length(2);
    expect(issuesOf([...ordered].reverse())).to.have.length(1);
  });

  it('is part of strict validation, and lax parsing still accepts a BOM with bad artifacts', () => {
    expect(strictIssuesOf(modelArtifactsExample())).to.deep.equal([]);
    expect(strictIssuesOf([{ name: '../x', digest: DIGEST, bytes: 1 }])).to.have.length(1);
    expect(() => bomWith('not an array')).not.to.throw();
  });

  it('neither crashes nor pollutes on __proto__ and constructor keys', () => {
    const doc = JSON.parse(`{"name":"a","digest":"${DIGEST}","bytes":1,"__proto__":{"polluted":true},"constructor":1}`) as unknown;
    expect(modelArtifactsOf(bomWith([doc]))).to.deep.equal([{ name: 'a', digest: DIGEST, bytes: 1 }]);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('on any JSON value either returns valid artifacts or throws a BomValidationError, nothing else (fast-check)', () => {
    const name = fc.oneof(fc.constantFrom('a', 'b/c', '../x', '', 'a//b', '\\', '.'), fc.string({ maxLength: 8 }));
    const digest = fc.oneof(fc.constant(DIGEST), fc.array(fc.constantFrom(...'0123456789abcdefA'), { minLength: 64, maxLength: 64 }).map((h) => `sha256:${h.join('')}`), fc.string({ maxLength: 8 }));
    const entry = fc.oneof(fc.record({ name, digest, bytes: fc.oneof(fc.integer({ min: -2, max: 1e6 }), fc.double()) }, { requiredKeys: [] }), fc.jsonValue());
    const seen = { accepted: 0, refused: 0 };
    const valid = fc.uniqueArray(fc.constantFrom('a', 'b/c', 'm.json', 'z 😀'), { minLength: 1, maxLength: 4 })
      .chain((names) => fc.tuple(...names.sort().map((n) => fc.record({ name: fc.constant(n), digest, bytes: fc.nat() }))));
    fc.assert(fc.property(fc.oneof(valid, fc.array(entry, { maxLength: 5 }), fc.jsonValue()), (value) => {
      let artifacts;
      try {
        artifacts = modelArtifactsOf(bomWith(JSON.parse(JSON.stringify(value ?? null)) as unknown));
      } catch (error) {
        expect(error).to.be.instanceOf(BomValidationError);
        seen.refused++;
        return;
      }
      if (artifacts.length > 0) seen.accepted++;
      for (const a of artifacts) {
        expect(a.digest).to.match(/^sha256:[0-9a-f]{64}$/);
        expect(Number.isSafeInteger(a.bytes) && a.bytes >= 0).to.equal(true);
        expect(a.name.split('/')).to.not.include('..');
      }
    }), { numRuns: 1000 });
    expect(seen.accepted, 'non-empty lists accepted').to.be.greaterThan(20);
    expect(seen.refused, 'values refused').to.be.greaterThan(200);
  });
});
