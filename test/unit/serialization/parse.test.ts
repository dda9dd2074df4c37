import { expect } from 'chai';
import type { BomValidationError} from '../../../src';
import { TrainingBOM } from '../../../src';
import { pathsOf } from '../../helpers/issues';
import { specExample } from '../../helpers/vectors';


describe('TrainingBOM.parse', () => {
  it('accepts JSON text, UTF-8 bytes and plain objects alike', () => {
    const doc = specExample();
    const text = JSON.stringify(doc);
    const fromText = TrainingBOM.parse(text).toJSON();
    expect(TrainingBOM.parse(new TextEncoder().encode(text)).toJSON()).to.deep.equal(fromText);
    expect(TrainingBOM.parse(doc).toJSON()).to.deep.equal(fromText);
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(TrainingBOM.parse(`\uFEFF${JSON.stringify(specExample())}`).id).to.equal('training-run-2024-09-05-001');
  });

  it('reports broken JSON at the document path', () => {
    try {
      TrainingBOM.parse('{"id": ');
      expect.fail('should throw');
    } catch (error) {
      expect((error as BomValidationError).issues[0]?.path).to.equal('');
      expect((error as BomValidationError).issues[0]?.message).to.match(/^is not valid JSON/);
    }
  });

  it('reports invalid UTF-8 bytes', () => {
    expect(pathsOf(() => TrainingBOM.parse(new Uint8Array([0x7b, 0xff, 0x7d])))).to.deep.equal(['']);
  });

  it('does not modify a plain object it is given', () => {
    const doc = specExample();
    const before = JSON.stringify(doc);
    const bom = TrainingBOM.parse(doc);
    bom.mlflowParams['n_estimators'] = 1;
    bom.featureInfo.originalFeatures.push('x');
    expect(JSON.stringify(doc)).to.equal(before);
    expect(Object.getPrototypeOf(doc['mlflow_params'])).to.equal(Object.prototype);
  });

  describe('unknown fields', () => {
    const text = JSON.stringify({ ...specExample(), run_owner: 'ana', dataset_info: { origin: 'o', size: 1, digest: 'sha256:ab' } });

    it('keeps them and re-emits them unchanged', () => {
      const wire = JSON.parse(TrainingBOM.parse(text).toJSONString()) as Record<string, unknown>;
      expect(wire['run_owner']).to.equal('ana');
      expect(wire['dataset_info']).to.deep.equal({ origin: 'o', size: 1, digest: 'sha256:ab' });
    });

    it('rejects them in strict mode, each at its path', () => {
      expect(pathsOf(() => TrainingBOM.parse(text, { strict: true }))).to.deep.equal(['run_owner', 'dataset_info.digest']);
    });
  });

  describe('strict mode', () => {
    const base = (): Record<string, unknown> => ({ ...specExample(), start_time: '2024-09-05T10:00:00Z', end_time: '2024-09-05T11:00:00+01:00' });

    it('accepts a document that satisfies every strict rule', () => {
      expect(() => TrainingBOM.parse(base(), { strict: true })).to.not.throw();
    });

    it('accepts the reference\'s naive timestamps as UTC', () => {
      expect(() => TrainingBOM.parse(specExample(), { strict: true })).to.not.throw();
    });

    it('requires ISO 8601 timestamps', () => {
      expect(pathsOf(() => TrainingBOM.parse({ ...base(), start_time: '1725530400000' }, { strict: true }))).to.deep.equal(['start_time']);
    });

    it('rejects impossible dates', () => {
      expect(pathsOf(() => TrainingBOM.parse({ ...base(), start_time: '2024-02-30T10:00:00Z' }, { strict: true }))).to.deep.equal(['start_time']);
    });

    it('requires end_time not before start_time, across offsets', () => {
      const doc = { ...base(), start_time: '2024-09-05T10:00:00Z', end_time: '2024-09-05T10:30:00+01:00' };
      expect(pathsOf(() => TrainingBOM.parse(doc, { strict: true }))).to.deep.equal(['end_time']);
    });

    it('requires selected features to be original features, naming each stray one', () => {
      const doc = { ...base(), feature_info: { original_features: ['a', 'b'], selected_features: ['a', 'z', 'y'] } };
      expect(pathsOf(() => TrainingBOM.parse(doc, { strict: true }))).to.deep.equal([
        'feature_info.selected_features.1', 'feature_info.selected_features.2',
      ]);
    });

    it('requires finite numeric metrics, naming each bad key', () => {
      const doc = { ...base(), mlflow_metrics: { ok: 1, text: '0.9', nan: 'NaN' } };
      expect(pathsOf(() => TrainingBOM.parse(doc, { strict: true }))).to.deep.equal(['mlflow_metrics.text', 'mlflow_metrics.nan']);
    });

    it('leaves lax parsing untouched by strict rules', () => {
      const doc = { ...base(), start_time: 'yesterday', mlflow_metrics: { text: '0.9' } };
      expect(() => TrainingBOM.parse(doc)).to.not.throw();
    });
  });
});
