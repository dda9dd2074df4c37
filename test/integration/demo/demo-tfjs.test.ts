/** `npm run demo:tfjs` (examples/demo/tfjs-iris.ts) as a process: a TF.js network logged through the SDK's callback. */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { modelArtifactsOf, TrainingBOM } from '../../../src';
import { registerFileRouters } from '../../../examples/demo/tfjs-file-io';
import { cli } from '../../helpers/cli';
import { runDemo } from '../../helpers/demo';
import { envWithoutMlflow } from '../../helpers/run-process';

describe('npm run demo:tfjs (examples/demo/tfjs-iris.ts as a process)', function () {
  this.timeout(120_000);

  it('trains, logs per-epoch metrics through the callback and stores a strict-valid BOM', async () => {
    const home = mkdtempSync(join(tmpdir(), 'training-bom-tfjs-'));
    const r = await runDemo('tfjs-iris.ts', resolve(__dirname, '../../..'), { ...envWithoutMlflow(), TRAINING_BOM_HOME: home });
    expect(r.status, r.stderr).to.equal(0);
    const [file] = readdirSync(home).filter((f) => f.endsWith('.json'));
    const bom = TrainingBOM.parse(readFileSync(join(home, file)), { strict: true });
    expect(r.stdout).to.contain(`BOM ${bom.id} written to`);
    expect(bom.modelInfo.type).to.equal('tfjs.Sequential');
    expect(Object.keys(bom.mlflowMetrics)).to.include.members(['loss', 'accuracy', 'val_loss', 'val_accuracy', 'test_accuracy', 'test_f1_macro']);
    expect(bom.mlflowMetrics).to.not.have.property('acc');
    expect(bom.mlflowMetrics['test_accuracy']).to.be.greaterThan(0.8);
    expect(bom.mlflowParams).to.include({ epochs: 60, tfjs_backend: 'cpu' });

    // The model saved with model.save('file://…') and registered: both files, digests matching.
    const modelDir = join(home, 'models', bom.id);
    const sha256 = (name: string): string => `sha256:${createHash('sha256').update(readFileSync(join(modelDir, name))).digest('hex')}`;
    const artifacts = modelArtifactsOf(bom);
    expect(artifacts.map((a) => a.name)).to.deep.equal(['model.json', 'weights.bin']);
    for (const a of artifacts) expect(a).to.deep.equal({ name: a.name, digest: sha256(a.name), bytes: statSync(join(modelDir, a.name)).size });
    expect(r.stdout).to.contain(`Model saved to ${modelDir}`);

    // Signed at finalize with the demo key: the attestation verifies against the saved model files.
    const envelope = join(home, 'attestations', `${bom.id}.intoto.json`);
    const verified = cli(['verify', envelope, '--key', join(home, 'keys', 'demo.pub'), '--artifacts', modelDir]);
    expect(verified.status, verified.stderr).to.equal(0);
    expect(verified.stdout).to.contain('verified: signed by keyid').and.contain('matches model.json').and.contain('matches weights.bin');
    expect(statSync(join(home, 'keys', 'demo.key')).mode & 0o777).to.equal(0o600);

    // And it is a model TF.js loads back: 4 features in, a distribution over 3 classes out.
    registerFileRouters();
    const model = await tf.loadLayersModel(`file://${join(modelDir, 'model.json')}`);
    const out = model.predict(tf.tensor2d([[0, 0, 0, 0]])) as tf.Tensor;
    expect(out.shape).to.deep.equal([1, 3]);
    expect(Array.from(out.dataSync()).reduce((s, x) => s + x, 0)).to.be.closeTo(1, 1e-5);
  });
});
