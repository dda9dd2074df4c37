import { expect } from 'chai';
import { TrainingWorkflowTracker, type Logger, type MetricAnomaly, type TrainingWorkflowTrackerOptions } from '../../../src';
import { FakeClock } from '../../helpers/fake-clock';

const quiet: Logger = { info: () => undefined, warn: () => undefined };

function tracker(options: TrainingWorkflowTrackerOptions = {}): TrainingWorkflowTracker {
  return new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, clock: new FakeClock(), ...options }).startTraining('run');
}

const summary = (list: readonly MetricAnomaly[]): Array<[string, string, number]> => list.map((a) => [a.key, a.rule, a.step]);

describe('metric anomaly monitoring', () => {
  it('records NaN and ±Infinity once per metric, at the first step it happened', () => {
    const t = tracker();
    t.logMetric('loss', 1, 0).logMetric('loss', NaN, 1).logMetric('loss', NaN, 2).logMetric('acc', -Infinity, 5);
    expect(summary(t.anomalies())).to.deep.equal([['loss', 'non_finite', 1], ['acc', 'non_finite', 5]]);
    expect(t.anomalies()[0]?.message).to.equal('loss is NaN at step 1');
  });

  it('flags a loss that reaches 10× its running minimum, once', () => {
    const t = tracker();
    [2, 1, 0.5, 0.2, 1.9, 2.0, 50].forEach((v, step) => t.logMetric('val_loss', v, step));
    expect(summary(t.anomalies())).to.deep.equal([['val_loss', 'divergence', 5]]);
    expect(t.anomalies()[0]?.message).to.equal('val_loss reached 2 at step 5, 10.0× its minimum 0.2');
  });

  it('leaves metrics without "loss" in their name, and non-positive minima, out of the divergence rule', () => {
    const t = tracker();
    [0.1, 5, 9].forEach((v, step) => t.logMetric('accuracy', v, step));
    [0, 5, 9].forEach((v, step) => t.logMetric('loss', v, step));
    expect(t.anomalies()).to.deep.equal([]);
  });

  it('takes a custom divergence factor and metric filter', () => {
    const t = tracker({ anomalies: { divergence: { factor: 2, keys: (k) => k === 'err' } } });
    [1, 2].forEach((v, step) => t.logMetric('err', v, step));
    [1, 20].forEach((v, step) => t.logMetric('loss', v, step));
    expect(summary(t.anomalies())).to.deep.equal([['err', 'divergence', 1]]);
  });

  it('flags a metric that stops changing for `patience` points (20 by default), once', () => {
    const t = tracker();
    t.logMetric('acc', 0.5, 0);
    for (let step = 1; step <= 40; step++) t.logMetric('acc', 0.9, step);
    expect(summary(t.anomalies())).to.deep.equal([['acc', 'plateau', 20]]);
  });

  it('restarts the plateau count when the value moves beyond the tolerance', () => {
    const t = tracker({ anomalies: { plateau: { patience: 3, tolerance: 0.01 } } });
    [1, 1.005, 1.5, 1.504, 1.506].forEach((v, step) => t.logMetric('m', v, step));
    expect(summary(t.anomalies())).to.deep.equal([['m', 'plateau', 4]]);
  });

  it('turns rules off one by one, or monitoring as a whole', () => {
    const t = tracker({ anomalies: { nonFinite: false, plateau: false } });
    t.logMetric('loss', NaN);
    for (let i = 0; i < 30; i++) t.logMetric('acc', 1, i);
    expect(t.anomalies()).to.deep.equal([]);
    const off = tracker({ anomalies: false });
    off.logMetric('loss', NaN);
    expect(off.anomalies()).to.deep.equal([]);
  });

  it('calls onAnomaly inside logMetric, so a loop can stop at once', () => {
    let stop = false;
    const t = tracker({ onAnomaly: () => (stop = true) });
    let step = 0;
    for (; step < 100 && !stop; step++) t.logMetric('loss', step === 7 ? NaN : 1 / (step + 1), step);
    expect(step).to.equal(8);
  });

  it('sends an onAnomaly error to onError and keeps logging', () => {
    const errors: unknown[] = [];
    const t = tracker({ onAnomaly: () => { throw new Error('callback bug'); }, onError: (e) => errors.push(e) });
    expect(() => t.logMetric('loss', NaN, 3)).to.not.throw();
    expect(t.metricHistory('loss')?.length).to.equal(1);
    expect(errors).to.have.length(1);
    expect((errors[0] as Error).message).to.equal('onAnomaly callback failed on non_finite of metric "loss": callback bug');
    expect((errors[0] as Error).cause).to.have.property('message', 'callback bug');
  });

  it('sends a failing metric filter to onError and still watches for NaN', () => {
    const errors: unknown[] = [];
    const t = tracker({ anomalies: { plateau: { keys: () => { throw new Error('bad filter'); } } }, onError: (e) => errors.push(e) });
    t.logMetric('loss', NaN);
    expect(summary(t.anomalies())).to.deep.equal([['loss', 'non_finite', 0]]);
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['anomaly rule filter failed on metric "loss": bad filter']);
  });

  it('writes anomalies to additional_values.anomalies, NaN as a string and the time as ISO 8601', () => {
    const clock = new FakeClock();
    const t = tracker({ clock });
    clock.advance(1500);
    t.logMetric('loss', NaN, 4);
    const bom = t.registerDataset('d').registerFeatures([], []).registerModel('m', 'a').finalizeTraining();
    expect(bom.toJSON().additional_values?.['anomalies']).to.deep.equal([
      { key: 'loss', rule: 'non_finite', step: 4, value: 'NaN', timestamp: '2024-09-05T10:00:01.500Z', message: 'loss is NaN at step 4' },
    ]);
  });

  it('writes an empty list when monitoring found nothing, and no list when it was off', () => {
    const done = (t: TrainingWorkflowTracker) => t.registerDataset('d').registerFeatures([], []).registerModel('m', 'a').finalizeTraining();
    expect(done(tracker()).additionalValues).to.deep.equal({ anomalies: [] });
    expect(done(tracker({ anomalies: false })).additionalValues).to.equal(undefined);
  });
});
