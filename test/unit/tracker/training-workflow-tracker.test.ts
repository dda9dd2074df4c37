import { expect } from 'chai';
import {
  BomValidationError, InvalidArgumentError, TrackerStateError, TrainingBOM, TrainingWorkflowTracker, type Logger,
} from '../../../src';
import { FakeClock } from '../../helpers/fake-clock';

const quiet: Logger = { info: () => undefined, warn: () => undefined };

function running(clock = new FakeClock()): TrainingWorkflowTracker {
  return new TrainingWorkflowTracker({ clock, logger: quiet }).startTraining('run-1');
}

function complete(tracker: TrainingWorkflowTracker): TrainingWorkflowTracker {
  return tracker
    .registerDataset('s3://fraud-data/transactions-2024.parquet', 2500000)
    .registerFeatures(['amount', 'merchant', 'timestamp'], ['amount', 'merchant'])
    .registerModel('GradientBoostingClassifier', 'tree_ensemble');
}

describe('TrainingWorkflowTracker', () => {
  describe('lifecycle', () => {
    it('starts idle', () => {
      expect(new TrainingWorkflowTracker().state).to.equal('idle');
    });

    it('rejects logging before startTraining, naming the call and the state', () => {
      const tracker = new TrainingWorkflowTracker();
      expect(() => tracker.logMetric('loss', 1)).to.throw(TrackerStateError, /logMetric\(\) is not allowed while the tracker is idle/);
    });

    it('rejects a second startTraining', () => {
      expect(() => running().startTraining('again')).to.throw(TrackerStateError, /running/);
    });

    it('rejects every call after finalizeTraining', () => {
      const tracker = complete(running());
      tracker.finalizeTraining();
      for (const call of [() => tracker.logParameter('a', 1), () => tracker.registerModel('a', 'b'), () => tracker.finalizeTraining()]) {
        expect(call).to.throw(TrackerStateError, /finalized/);
      }
    });

    it('generates a unique id when none is given', () => {
      const a = new TrainingWorkflowTracker().startTraining().id;
      const b = new TrainingWorkflowTracker().startTraining().id;
      expect(a).to.match(/^run-\d{8}T\d{6}Z-[0-9a-f]{8}$/);
      expect(a).to.not.equal(b);
    });
  });

  describe('finalizeTraining', () => {
    it('timestamps start and end from the clock as ISO 8601 UTC with milliseconds', () => {
      const clock = new FakeClock();
      const tracker = complete(running(clock));
      clock.advance(90 * 60 * 1000 + 5);
      const bom = tracker.finalizeTraining();
      expect(bom.startTime).to.equal('2024-09-05T10:00:00.000Z');
      expect(bom.endTime).to.equal('2024-09-05T11:30:00.005Z');
    });

    it('returns a validated BOM that passes strict parsing', () => {
      const bom = complete(running()).logParameter('n_estimators', 200).logMetric('accuracy', 0.94).finalizeTraining();
      expect(bom).to.be.instanceOf(TrainingBOM);
      expect(() => TrainingBOM.parse(bom.toJSONString(), { strict: true })).to.not.throw();
    });

    it('lists every missing section and stays running', () => {
      const tracker = running().registerModel('m', 'a');
      try {
        tracker.finalizeTraining();
        expect.fail('should throw');
      } catch (error) {
        expect(error).to.be.instanceOf(BomValidationError);
        expect((error as BomValidationError).issues.map((i) => i.path)).to.deep.equal(['dataset_info', 'feature_info']);
      }
      expect(tracker.state).to.equal('running');
    });

    it('keeps everything tracked when finalizing fails, so a retry succeeds', () => {
      const tracker = running().logParameter('lr', 0.1).logMetric('loss', 0.5, 1);
      expect(() => tracker.finalizeTraining()).to.throw(BomValidationError);
      const bom = complete(tracker).finalizeTraining();
      expect(bom.mlflowParams).to.deep.include({ lr: 0.1 });
      expect(bom.mlflowMetrics['loss']).to.equal(0.5);
    });
  });

  describe('registration', () => {
    it('accepts registerDataset({ origin, size })', () => {
      const bom = complete(running()).registerDataset({ origin: 'file:///d.csv', size: 3 }).finalizeTraining();
      expect(bom.datasetInfo).to.deep.include({ origin: 'file:///d.csv', size: 3 });
    });

    it('defaults the dataset size to 0', () => {
      expect(complete(running()).registerDataset('o').finalizeTraining().datasetInfo.size).to.equal(0);
    });

    it('reports invalid sections with their wire paths and keeps the earlier value', () => {
      const tracker = complete(running());
      expect(() => tracker.registerDataset('o', 1.5)).to.throw(BomValidationError, /dataset_info\.size/);
      expect(tracker.finalizeTraining().datasetInfo.size).to.equal(2500000);
    });

    it('copies the feature lists it is given', () => {
      const original = ['a', 'b'];
      const tracker = running().registerDataset('o').registerFeatures(original, ['a']).registerModel('m', 'a');
      original.push('c');
      expect(tracker.finalizeTraining().featureInfo.originalFeatures).to.deep.equal(['a', 'b']);
    });
  });

  describe('parameters', () => {
    it('keeps any JSON value, the last value per key', () => {
      const bom = complete(running()).logParameter('lr', 0.1).logParameters({ lr: 0.2, layers: [64, 32], opt: { name: 'adam' } }).finalizeTraining();
      expect(bom.mlflowParams).to.deep.equal({ lr: 0.2, layers: [64, 32], opt: { name: 'adam' } });
    });

    it('rejects a non-JSON value with the field path, logging nothing of the batch', () => {
      const tracker = complete(running());
      expect(() => tracker.logParameters({ ok: 1, bad: { f: (() => 1) as never } })).to.throw(InvalidArgumentError, 'mlflow_params.bad.f');
      expect(tracker.parameters()).to.deep.equal({});
    });

    it('keeps hostile parameter names as data', () => {
      const bom = complete(running()).logParameter('__proto__', 1).logParameter('constructor', 2).finalizeTraining();
      expect(Object.keys(bom.mlflowParams)).to.deep.equal(['__proto__', 'constructor']);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });
  });

  describe('metrics', () => {
    it('keeps the full history with steps and timestamps', () => {
      const clock = new FakeClock();
      const tracker = running(clock);
      for (let epoch = 0; epoch < 5; epoch++) {
        clock.advance(10);
        tracker.logMetric('loss', 1 / (epoch + 1), epoch);
      }
      const history = tracker.metricHistory('loss');
      expect(history?.length).to.equal(5);
      expect([...(history?.steps ?? [])]).to.deep.equal([0, 1, 2, 3, 4]);
      expect(history!.timestamps[4] - history!.timestamps[0]).to.equal(40);
    });

    it('puts the latest value by MLflow\'s rule in the BOM: highest step, then latest timestamp', () => {
      const clock = new FakeClock();
      const tracker = complete(running(clock));
      tracker.logMetric('acc', 0.9, 5);
      clock.advance(1);
      tracker.logMetric('acc', 0.1, 2);
      tracker.logMetric('loss', 0.3, 1);
      clock.advance(1);
      tracker.logMetric('loss', 0.2, 1);
      const bom = tracker.finalizeTraining();
      expect(bom.mlflowMetrics).to.deep.equal({ acc: 0.9, loss: 0.2 });
    });

    it('uses step 0 when none is given, as MLflow does', () => {
      const tracker = running().logMetric('accuracy', 0.94);
      expect(tracker.metricHistory('accuracy')?.steps[0]).to.equal(0);
    });

    it('rejects a non-number value with the metric path', () => {
      expect(() => running().logMetric('acc', '0.9' as unknown as number)).to.throw(InvalidArgumentError, 'mlflow_metrics.acc: must be a number, got string');
    });

    it('rejects a fractional step', () => {
      expect(() => running().logMetric('acc', 1, 1.5)).to.throw(InvalidArgumentError, /step/);
    });

    it('keeps NaN and Infinity in the history, counts them and warns once per key', () => {
      const warnings: string[] = [];
      const tracker = new TrainingWorkflowTracker({ logger: { info: () => undefined, warn: (m) => warnings.push(m) } }).startTraining('r');
      tracker.logMetric('loss', NaN, 1).logMetric('loss', Infinity, 2).logMetric('loss', 0.5, 0);
      const history = tracker.metricHistory('loss');
      expect(history?.nonFiniteCount).to.equal(2);
      expect(history?.values[0]).to.be.NaN;
      expect(warnings).to.have.length(1);
    });

    it('never turns a non-finite latest value into null in the BOM', () => {
      const bom = complete(running()).logMetric('loss', NaN, 3).finalizeTraining();
      expect(bom.mlflowMetrics['loss']).to.be.NaN;
      expect((JSON.parse(bom.toJSONString()) as Record<string, Record<string, unknown>>).mlflow_metrics.loss).to.equal('NaN');
    });

    it('logs several metrics at one step, all or nothing', () => {
      const tracker = running();
      expect(() => tracker.logMetrics({ a: 1, b: 'x' as unknown as number }, 3)).to.throw(InvalidArgumentError);
      expect(tracker.metricKeys()).to.deep.equal([]);
      tracker.logMetrics({ a: 1, b: 2 }, 3);
      expect(tracker.metricHistory('b')?.steps[0]).to.equal(3);
    });

    it('returns history copies that cannot change the tracker', () => {
      const tracker = running().logMetric('x', 1);
      tracker.metricHistory('x')!.values[0] = 99;
      expect(tracker.metricHistory('x')?.values[0]).to.equal(1);
    });

    it('stores a long history compactly', () => {
      const tracker = running();
      for (let i = 0; i < 100000; i++) tracker.logMetric('loss', i, i);
      const series = (tracker as unknown as { run: { series: Map<string, { byteLength(): number }> } }).run.series.get('loss');
      expect(series!.byteLength() / 100000).to.be.at.most(40);
    });
  });
});
