import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TrainingBOM } from '../../src';

const ROOT = resolve(__dirname, '../..');

function runExample(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', `examples/${file}`], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('examples (the spec\'s usage examples, run as a user would)', () => {
  it('basic-bom.ts prints what the spec prints', () => {
    const r = runExample('basic-bom.ts');
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout.split('\n').slice(0, 5)).to.deep.equal([
      'Created Training BOM: training-run-2024-09-05-001',
      'Dataset origin: s3://ml-data-bucket/training-data-v2.0.parquet',
      'Selected features: ["age","income","credit_score","employment_years"]',
      'Model type: RandomForestClassifier',
      'Training accuracy: 0.87',
    ]);
  });

  it('workflow-tracker.ts tracks a run and prints a BOM that parses strictly', () => {
    const r = runExample('workflow-tracker.ts');
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('Started training session: fraud-detection-v3.2');
    expect(r.stdout).to.contain('Registered 4 selected features from 6 original');
    const json = r.stdout.slice(r.stdout.indexOf('Training BOM JSON: ') + 'Training BOM JSON: '.length);
    const bom = TrainingBOM.parse(json.trim(), { strict: true });
    expect(bom.mlflowParams).to.deep.equal({ n_estimators: 200, learning_rate: 0.1, max_depth: 8 });
    expect(bom.mlflowMetrics).to.deep.equal({ loss: 0.1, accuracy: 0.94, precision: 0.91, recall: 0.96 });
  });
});
