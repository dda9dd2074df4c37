// `npm run demo`: a real training run on iris, instrumented with TrainingWorkflowTracker. The trained forest
// is saved as JSON to <store>/models/<run>/forest.json and registered as the run's model artifact (its
// SHA-256 and size go into the BOM). The BOM is signed at finalize (demo-signing-key.ts: an in-toto attestation
// in <store>/attestations/) and goes to the local store (./boms, or TRAINING_BOM_HOME) and,
// when MLFLOW_TRACKING_URI is set, the run is mirrored to MLflow as it happens (experiment
// MLFLOW_EXPERIMENT_NAME, default training-bom-demo).
// Run: npm run demo        (or, built: node -r ts-node/register/transpile-only examples/demo/main.ts)
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { FileBomStore, MlflowRunSink, TrainingWorkflowTracker, type TrackerSink } from 'training-bom';
import { demoSigning } from './demo-signing-key';
import { loadIris, withDataDigest } from './iris-data';
import { DEFAULT_CONFIG, trainIrisForest } from './train-iris-forest';
import { mirrorSummary } from './mirror-summary';

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const sinks: TrackerSink[] = [];
  let mirror: MlflowRunSink | undefined;
  if (process.env.MLFLOW_TRACKING_URI) {
    mirror = new MlflowRunSink({ experimentName: process.env.MLFLOW_EXPERIMENT_NAME || 'training-bom-demo' });
    sinks.push(mirror);
  }
  const store = new FileBomStore();
  const signing = await demoSigning(store.directory);
  const tracker = new TrainingWorkflowTracker({ sinks, sign: signing.sign });
  const data = await withDataDigest(loadIris());
  const started = Date.now();
  tracker.startTraining();
  const run = trainIrisForest(data, DEFAULT_CONFIG, tracker);
  // The model's file goes beside the BOMs, in a directory named as the store names the BOM's file.
  const modelDir = join(store.directory, 'models', basename(store.pathOf(tracker.id as string), '.json'));
  await mkdir(modelDir, { recursive: true });
  const modelFile = join(modelDir, 'forest.json');
  await writeFile(modelFile, JSON.stringify(run.model.toJSON()));
  const [artifact] = await tracker.registerModelArtifact(modelFile);
  const bom = tracker.finalizeTraining();
  const trainedMs = Date.now() - started;   // the training alone; sending the rest to MLflow is timed apart
  const closing = Date.now();
  const report = await tracker.close();     // waits for MLflow at most ~10 s without progress, then keeps the journal
  const closeMs = Date.now() - closing;
  const path = await store.put(bom, { history: tracker.metricHistories(), attestation: tracker.attestation });

  const dropped = data.features.filter((f) => !run.selected.includes(f));
  console.log(`Trained ${bom.modelInfo.type} on ${bom.datasetInfo.origin} (${bom.datasetInfo.size} rows: ${run.split.train.length} train, ${run.split.test.length} test) in ${trainedMs} ms`);
  console.log(`Features kept: ${run.selected.join(', ')}; dropped: ${dropped.join(', ') || 'none'}`);
  console.log(`Importance: ${data.features.map((f, i) => `${f} ${run.importances[i].toFixed(3)}`).join(', ')}`);
  console.log(`Test metrics: accuracy ${percent(run.metrics.accuracy)}, macro precision ${percent(run.metrics.precision_macro)}, ` +
    `recall ${percent(run.metrics.recall_macro)}, F1 ${percent(run.metrics.f1_macro)}`);
  if (mirror !== undefined) for (const line of mirrorSummary(report, closeMs, mirror.runId, process.env.MLFLOW_TRACKING_URI ?? '')) console.log(line);
  console.log(`Model saved to ${modelFile} (${artifact.bytes} bytes, ${artifact.digest})`);
  console.log(`BOM ${bom.id} written to ${path}`);
  console.log(`Signed by keyid ${tracker.attestation?.signatures[0].keyid ?? '?'}: ${store.attestationPathOf(bom.id)}`);
  if (signing.publicKey !== undefined) console.log(`Verify: training-bom verify ${store.attestationPathOf(bom.id)} --key ${signing.publicKey} --artifacts ${modelFile}`);
  const near = relative(process.cwd(), path);
  const shown = near.startsWith('..') ? path : near;
  const quote = (p: string): string => (/^[\w./:-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`);
  console.log(`See its report: npx training-bom report ${quote(shown)} --out ${quote(shown.replace(/\.json$/, '.html'))}  (then open the .html file in a browser)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
