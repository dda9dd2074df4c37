/** `npm run demo:tfjs` (examples/demo/tfjs-iris.ts) as a process: a TF.js network logged through the SDK's callback. */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TrainingBOM } from '../../../src';
import { runDemo } from '../../helpers/demo';
import { envWithoutMlflow } from '../../helpers/run-process';

describe('npm run demo:tfjs (examples/demo/tfjs-iris.ts as a process)', function () {
  this.timeout(120_000);

  it('trains, logs per-epoch metrics through the callback and stores a strict-valid BOM', async () => {
    const home = mkdtempSync(join(tmpdir(), 'training-bom-tfjs-'));
    const r = await runDemo('tfjs-iris.ts', resolve(__dirname, '../../..'), { ...envWithoutMlflow(), TRAINING_BOM_HOME: home });
    expect(r.status, r.stderr).to.equal(0);
    const bom = TrainingBOM.parse(readFileSync(join(home, readdirSync(home).filter((f) => f.endsWith('.json'))[0])), { strict: true });
    expect(r.stdout).to.contain(`BOM ${bom.id} written to`);
    expect(bom.modelInfo.type).to.equal('tfjs.Sequential');
    expect(Object.keys(bom.mlflowMetrics)).to.include.members(['loss', 'accuracy', 'val_loss', 'val_accuracy', 'test_accuracy', 'test_f1_macro']);
    expect(bom.mlflowMetrics).to.not.have.property('acc');
    expect(bom.mlflowMetrics['test_accuracy']).to.be.greaterThan(0.8);
    expect(bom.mlflowParams).to.include({ epochs: 60, tfjs_backend: 'cpu' });
  });
});
