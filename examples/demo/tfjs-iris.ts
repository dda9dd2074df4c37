// A small neural network on iris with pure-JS TensorFlow.js (the CPU backend; no native binaries), its
// per-epoch loss and accuracy logged through the SDK's drop-in fit() callback, the trained model saved with
// model.save('file://…') to <store>/models/<run>/ and registered as the run's model artifacts (model.json and
// weights.bin, each with its SHA-256), its BOM signed at finalize (demo-signing-key.ts: an in-toto attestation in
// <store>/attestations/) and written to the local store (./boms, or TRAINING_BOM_HOME) and
// mirrored to MLflow when MLFLOW_TRACKING_URI is set.
// Run: npm run demo:tfjs
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { FileBomStore, MlflowRunSink, tfjsTrackerCallback, TrainingWorkflowTracker, type TrackerSink } from 'training-bom';
import { mirrorSummary } from './mirror-summary';
import { classificationMetrics } from './classification-metrics';
import { irisDataQuality, loadIris, withDataDigest } from './iris-data';
import { stratifiedSplit } from './stratified-split';
import { registerFileRouters } from './tfjs-file-io';
import { demoSigning } from './demo-signing-key';

const CONFIG = { seed: 42, testRatio: 0.3, epochs: 60, batchSize: 16, learningRate: 0.05, hiddenUnits: 8 };

function standardize(rows: number[][], train: number[]): number[][] {
  const columns = rows[0].map((_, c) => train.map((r) => rows[r][c]));
  const mean = columns.map((xs) => xs.reduce((s, x) => s + x, 0) / xs.length);
  const std = columns.map((xs, c) => Math.sqrt(xs.reduce((s, x) => s + (x - mean[c]) ** 2, 0) / xs.length) || 1);
  return rows.map((row) => row.map((x, c) => (x - mean[c]) / std[c]));
}

async function main(): Promise<void> {
  await tf.ready();
  registerFileRouters();
  const sinks: TrackerSink[] = [];
  const mirror = process.env.MLFLOW_TRACKING_URI ? new MlflowRunSink({ experimentName: process.env.MLFLOW_EXPERIMENT_NAME || 'training-bom-demo' }) : undefined;
  if (mirror !== undefined) sinks.push(mirror);
  const store = new FileBomStore();
  const signing = await demoSigning(store.directory);
  const tracker = new TrainingWorkflowTracker({ sinks, sign: signing.sign });
  const data = await withDataDigest(loadIris());
  const started = Date.now();
  tracker.startTraining();
  if (data.inspection !== undefined) tracker.registerDataset(data.inspection, data.rows.length);
  else tracker.registerDataset(data.origin, data.rows.length);
  tracker.registerSeed('split', CONFIG.seed).registerSeed('tfjs_initializers', CONFIG.seed);
  for (const [key, value] of Object.entries(irisDataQuality(data))) tracker.logDataQuality(key, value);
  tracker.registerFeatures(data.features, data.features);
  const architecture = `Dense(${CONFIG.hiddenUnits}, relu) -> Dense(${data.classes.length}, softmax); adam, categorical cross-entropy`;
  tracker.registerModel('tfjs.Sequential', architecture);
  tracker.logParameters({ epochs: CONFIG.epochs, batch_size: CONFIG.batchSize, learning_rate: CONFIG.learningRate, hidden_units: CONFIG.hiddenUnits, seed: CONFIG.seed, test_ratio: CONFIG.testRatio, tfjs_backend: tf.getBackend() });

  const split = stratifiedSplit(data.labels, CONFIG.testRatio, CONFIG.seed);
  const x = standardize(data.rows, split.train);
  const tensors = (rows: number[]) => [tf.tensor2d(rows.map((r) => x[r])), tf.oneHot(tf.tensor1d(rows.map((r) => data.labels[r]), 'int32'), data.classes.length)] as const;
  const [xTrain, yTrain] = tensors(split.train);
  const [xTest, yTest] = tensors(split.test);

  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [data.features.length], units: CONFIG.hiddenUnits, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: CONFIG.seed }) }),
    tf.layers.dense({ units: data.classes.length, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: CONFIG.seed + 1 }) }),
  ] });
  model.compile({ optimizer: tf.train.adam(CONFIG.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  // The SDK's callback: logs loss, accuracy (tfjs says `acc`), val_loss, val_accuracy at step = epoch.
  await model.fit(xTrain, yTrain, { epochs: CONFIG.epochs, batchSize: CONFIG.batchSize, shuffle: false, validationData: [xTest, yTest], verbose: 0, callbacks: tfjsTrackerCallback(tracker) });

  const predicted = Array.from((model.predict(xTest) as tf.Tensor).argMax(-1).dataSync());
  const metrics = classificationMetrics(split.test.map((r) => data.labels[r]), predicted, data.classes.length);
  tracker.logMetrics({ test_accuracy: metrics.accuracy, test_precision_macro: metrics.precision_macro, test_recall_macro: metrics.recall_macro, test_f1_macro: metrics.f1_macro }, CONFIG.epochs - 1);
  // The model's files go beside the BOMs, in a directory named as the store names the BOM's file.
  const modelDir = join(store.directory, 'models', basename(store.pathOf(tracker.id as string), '.json'));
  await model.save(`file://${modelDir}`);
  const artifacts = await tracker.registerModelArtifact(modelDir);
  const bom = tracker.finalizeTraining();
  const trainedMs = Date.now() - started;   // the training alone; sending the rest to MLflow is timed apart
  const closing = Date.now();
  const report = await tracker.close();
  const closeMs = Date.now() - closing;
  const path = await store.put(bom, { history: tracker.metricHistories(), attestation: tracker.attestation });
  const loss = tracker.metricHistory('loss');
  console.log(`Trained ${architecture} for ${CONFIG.epochs} epochs in ${trainedMs} ms: loss ${loss?.values[0]?.toFixed(3)} -> ${loss?.latest?.toFixed(3)}`);
  console.log(`Test metrics: accuracy ${(metrics.accuracy * 100).toFixed(1)}%, macro F1 ${(metrics.f1_macro * 100).toFixed(1)}%`);
  if (mirror !== undefined) for (const line of mirrorSummary(report, closeMs, mirror.runId, process.env.MLFLOW_TRACKING_URI ?? '')) console.log(line);
  console.log(`Model saved to ${modelDir}: ${artifacts.map((a) => `${a.name} (${a.bytes} bytes, ${a.digest})`).join(', ')}`);
  console.log(`BOM ${bom.id} written to ${path}`);
  console.log(`Signed by keyid ${tracker.attestation?.signatures[0].keyid ?? '?'}: ${store.attestationPathOf(bom.id)}`);
  if (signing.publicKey !== undefined) console.log(`Verify: training-bom verify ${store.attestationPathOf(bom.id)} --key ${signing.publicKey} --artifacts ${modelDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
