import { expect } from 'chai';
import { BomValidationError, TrainingBOM } from '../../../src';
import { specExampleWithFacts } from '../../helpers/reproducibility-facts';

/** The parts of the example's facts that these tests edit. */
interface Facts {
  dataset: Record<string, unknown>;
  environment: { git: Record<string, unknown> | null; lockfile?: unknown };
  seeds: Record<string, unknown>;
  anomalies: Array<Record<string, unknown>>;
  custom?: unknown;
}

function strictIssues(edit: (facts: Facts) => void): string[] {
  const doc = specExampleWithFacts();
  edit(doc['additional_values'] as Facts);
  try {
    TrainingBOM.parse(doc, { strict: true });
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(BomValidationError);
    return (error as BomValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('strict mode on additional_values', () => {
  it('accepts every fact the SDK records', () => {
    expect(strictIssues(() => undefined)).to.deep.equal([]);
  });

  it('reports each mistyped fact at its wire path', () => {
    expect(
      strictIssues((f) => {
        f.dataset.digest = 'md5:abc';
        f.dataset.rows = -1;
        f.environment.git!.dirty = 'no';
        f.seeds.global = { value: 1 };
        f.anomalies[0].rule = 'spike';
      }),
    ).to.deep.equal([
      "additional_values.dataset.digest: must be a digest: 'sha256:' and 64 lower-case hex digits, got a string (\"md5:abc\")",
      'additional_values.dataset.rows: must be a non-negative integer, got a number (-1)',
      'additional_values.environment.git.dirty: must be a boolean, got a string ("no")',
      'additional_values.seeds.global: must be a finite number or a string, got an object',
      "additional_values.anomalies.0.rule: must be one of 'non_finite', 'divergence', 'plateau', got a string (\"spike\")",
    ]);
  });

  it('rejects a git remote that carries credentials', () => {
    expect(strictIssues((f) => (f.environment.git!.remote = 'https://me:pw@github.com/o/r.git'))).to.deep.equal([
      'additional_values.environment.git.remote: must be a URL without credentials, got a string ("https://***@github.com/o/r.git")',
    ]);
  });

  it('requires key, rule and step of an anomaly', () => {
    expect(strictIssues((f) => (f.anomalies = [{}]))).to.deep.equal([
      'additional_values.anomalies.0.key: is required',
      'additional_values.anomalies.0.rule: is required',
      'additional_values.anomalies.0.step: is required',
    ]);
  });

  it('leaves sections and fields it does not know alone, and allows null git and lockfile', () => {
    expect(
      strictIssues((f) => {
        f.custom = { anything: [1, 'x'] };
        f.dataset.source_system = 'warehouse';
        f.environment.git = null;
        f.environment.lockfile = null;
      }),
    ).to.deep.equal([]);
  });

  it('applies only in strict mode', () => {
    const doc = specExampleWithFacts();
    (doc['additional_values'] as Record<string, unknown>)['seeds'] = 'not an object';
    expect(() => TrainingBOM.parse(doc)).to.not.throw();
    expect(() => TrainingBOM.parse(doc, { strict: true })).to.throw(BomValidationError, 'additional_values.seeds: must be an object, got a string');
  });
});
