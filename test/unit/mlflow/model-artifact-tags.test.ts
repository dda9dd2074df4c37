/** Model artifacts as MLflow tags (conventions.ts) and back (run-model-artifacts.ts). */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { BomValidationError, modelArtifactsOf, type ModelArtifact } from '../../../src';
import { modelArtifactTag } from '../../../src/mlflow/bom/conventions';
import { bomFromRun } from '../../../src/mlflow/bom/bom-from-run';
import { modelArtifactsFromTags } from '../../../src/mlflow/bom/run-model-artifacts';
import { mlflowDataOf } from '../../../src/mlflow/sink/event-mapping';
import type { MlflowRun } from '../../../src';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

function tagsOf(artifacts: readonly ModelArtifact[]): Record<string, string> {
  const data = mlflowDataOf({ type: 'artifact', artifacts });
  expect(data.problems).to.deep.equal([]);
  return Object.fromEntries(data.tags.map((t) => [t.key, t.value]));
}

describe('model artifacts as MLflow tags', () => {
  it('gives each artifact one tag named after it, holding it as JSON', () => {
    expect(tagsOf([{ name: 'model/weights.bin', digest: D1, bytes: 10 }])).to.deep.equal({
      'training_bom.model_artifact.model/weights.bin': `{"name":"model/weights.bin","digest":"${D1}","bytes":10}`,
    });
  });

  it('keys a name MLflow would refuse (or too long) by the SHA-256 of the name', () => {
    for (const name of ['model (1)+final.json', 'x'.repeat(300), 'poids/modèle#1.bin']) {
      const { key } = modelArtifactTag({ name, digest: D1, bytes: 1 });
      expect(key, name).to.equal(`training_bom.model_artifact.sha256-${createHash('sha256').update(name).digest('hex')}`);
    }
  });

  it('reports a name too long for a tag value instead of sending it', () => {
    const data = mlflowDataOf({ type: 'artifact', artifacts: [{ name: '"'.repeat(4096), digest: D1, bytes: 1 }] });
    expect(data.tags).to.deep.equal([]);
    expect(data.problems[0]).to.contain('longer than 8000 characters');
  });

  it('reads the tags back sorted by name, whatever the keys say', () => {
    const artifacts = [{ name: 'b.bin', digest: D2, bytes: 2 }, { name: 'a (1).json', digest: D1, bytes: 1 }];
    const tags = { ...tagsOf(artifacts), 'training_bom.id': 'x', 'mlflow.user': 'me' };
    expect(modelArtifactsFromTags(tags)).to.deep.equal([artifacts[1], artifacts[0]]);
    expect(modelArtifactsFromTags({ 'training_bom.id': 'x' })).to.equal(undefined);
  });

  it('refuses a tag that does not hold a valid artifact, naming the tag and the field', () => {
    let error: unknown;
    try {
      modelArtifactsFromTags({
        'training_bom.model_artifact.a': '{"name":"../a","digest":"sha256:00","bytes":1}',
        'training_bom.model_artifact.b': 'not json',
        'training_bom.model_artifact.c': `{"name":"a.bin","digest":"${D1}","bytes":1}`,
        'training_bom.model_artifact.d': `{"name":"a.bin","digest":"${D2}","bytes":2}`,
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BomValidationError);
    expect((error as BomValidationError).issues.map((i) => `${i.path}: ${i.message}`)).to.deep.equal([
      'additional_values.model_artifacts: tag "training_bom.model_artifact.a": name must be a relative \'/\'-separated path without empty, \'.\' or \'..\' segments, got a string ("../a")',
      'additional_values.model_artifacts: tag "training_bom.model_artifact.a": digest must be a digest: \'sha256:\' and 64 lower-case hex digits, got a string ("sha256:00")',
      'additional_values.model_artifacts: tag "training_bom.model_artifact.b": value must be an object, got a string ("not json")',
      'additional_values.model_artifacts: tag "training_bom.model_artifact.d": a second tag for the artifact "a.bin"',
    ]);
  });

  it('puts them in additional_values.model_artifacts of a BOM built from a run', () => {
    const artifacts = [{ name: 'forest.json', digest: D1, bytes: 5 }];
    const run: MlflowRun = {
      info: { runId: 'r1', experimentId: '1', runName: 'r', status: 'FINISHED', startTime: 0, endTime: 1, artifactUri: 'x', lifecycleStage: 'active' },
      metrics: {}, params: { dataset_path: 'd', dataset_size: '1', model_type: 'm', model_architecture: 'a' }, tags: tagsOf(artifacts), datasetInputs: [],
    };
    const bom = bomFromRun(run, { timestamps: 'iso', restoreInfinity: true, metricHistory: undefined, isSecret: undefined });
    expect(modelArtifactsOf(bom)).to.deep.equal(artifacts);
  });
});
