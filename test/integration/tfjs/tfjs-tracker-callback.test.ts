/** tfjsTrackerCallback inside a real TF.js (pure JS, CPU backend) `fit()`. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, tfjsTrackerCallback, TrainingWorkflowTracker, type TrackerSink } from '../../../src';

const quiet = { info: (): void => undefined, warn: (): void => undefined };

function tinyModel(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const x = (): tf.Tensor => tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0], [0.5, 0.2], [0.2, 0.9]]);
const y = (): tf.Tensor => tf.oneHot(tf.tensor1d([1, 0, 1, 0, 0, 1], 'int32'), 2);

function tracker(sinks: TrackerSink[] = []): TrainingWorkflowTracker {
  return new TrainingWorkflowTracker({ logger: quiet, sinks }).startTraining('tfjs');
}

const series = (t: TrainingWorkflowTracker, key: string): { steps: number[]; values: number[] } => {
  const h = t.metricHistory(key);
  return { steps: Array.from(h?.steps ?? []), values: Array.from(h?.values ?? []) };
};

describe('tfjsTrackerCallback in TF.js fit()', function () {
  this.timeout(60_000);

  before(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('logs each epoch\'s logs at step = epoch, exactly what fit() returns in its History', async () => {
    const t = tracker();
    const history = await tinyModel().fit(x(), y(), { epochs: 5, batchSize: 2, shuffle: false, validationData: [x(), y()], callbacks: tfjsTrackerCallback(t) });
    for (const [ours, theirs] of [['loss', 'loss'], ['accuracy', 'acc'], ['val_loss', 'val_loss'], ['val_accuracy', 'val_acc']] as const) {
      expect(series(t, ours).steps, ours).to.deep.equal([0, 1, 2, 3, 4]);
      expect(series(t, ours).values, ours).to.deep.equal(history.history[theirs]);
    }
    expect(t.metricKeys().sort()).to.deep.equal(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  });

  it('works among other plain callback objects in an array (tfjs wraps each one)', async () => {
    const t = tracker();
    const seen: number[] = [];
    await tinyModel().fit(x(), y(), { epochs: 3, callbacks: [{ onEpochEnd: (epoch: number) => void seen.push(epoch) }, tfjsTrackerCallback(t)] });
    expect(seen).to.deep.equal([0, 1, 2]);
    expect(series(t, 'loss').steps).to.deep.equal([0, 1, 2]);
  });

  it('with tf, is a tf.CustomCallback that works after a tf.Callback such as earlyStopping', async () => {
    const t = tracker();
    const callback = tfjsTrackerCallback(t, { tf });
    expect(callback).to.be.instanceOf(tf.CustomCallback);
    await tinyModel().fit(x(), y(), { epochs: 4, callbacks: [tf.callbacks.earlyStopping({ monitor: 'loss', patience: 100 }), callback] });
    expect(series(t, 'loss').steps).to.deep.equal([0, 1, 2, 3]);
  });

  it('returns nothing to fit() (no promise to wait on), so a slow sink never holds training up', async () => {
    let pending = 0;
    const slow: TrackerSink = { onMetric: () => void (pending += 1), flush: () => new Promise((r) => setTimeout(r, 10_000).unref()) };
    const t = tracker([slow]);
    const config = tfjsTrackerCallback(t);
    expect(config.onEpochEnd(0, { loss: 1 })).to.equal(undefined);
    const began = Date.now();
    await tinyModel().fit(x(), y(), { epochs: 3, callbacks: config });
    expect(Date.now() - began).to.be.below(5000);
    expect(pending).to.equal(1 + 3 * 2);
  });

  it('sends logging errors (a finalized tracker) to onError instead of breaking fit()', async () => {
    const t = new TrainingWorkflowTracker({ logger: quiet }).startTraining('done')
      .registerDataset('d', 1).registerFeatures([], []).registerModel('m', 'a');
    t.finalizeTraining();
    const errors: unknown[] = [];
    await tinyModel().fit(x(), y(), { epochs: 2, callbacks: tfjsTrackerCallback(t, { onError: (e) => errors.push(e) }) });
    expect(errors.length).to.be.greaterThan(0);
  });

  it('logs batch metrics as batch_<key> every batchEvery batches, counted across epochs', async () => {
    const t = tracker();
    await tinyModel().fit(x(), y(), { epochs: 2, batchSize: 2, shuffle: false, callbacks: tfjsTrackerCallback(t, { batchEvery: 2 }) });
    expect(series(t, 'batch_loss').steps).to.deep.equal([2, 4, 6]);
    expect(series(t, 'batch_accuracy').steps).to.deep.equal([2, 4, 6]);
  });

  it('has no onBatchEnd unless asked (tfjs would read every batch\'s scalars back for it)', () => {
    expect(tfjsTrackerCallback(tracker())).to.not.have.property('onBatchEnd');
  });

  it('applies extra key renames and skips values that are not numbers', () => {
    const t = tracker();
    tfjsTrackerCallback(t, { keyMap: { loss: 'train_loss' } }).onEpochEnd(3, { loss: 0.5, acc: 0.9, note: 'x' as unknown as number });
    expect(t.metricKeys().sort()).to.deep.equal(['accuracy', 'train_loss']);
    expect(series(t, 'train_loss')).to.deep.equal({ steps: [3], values: [0.5] });
  });

  it('refuses a batchEvery that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, NaN]) expect(() => tfjsTrackerCallback(tracker(), { batchEvery: bad })).to.throw(InvalidArgumentError);
  });
});
