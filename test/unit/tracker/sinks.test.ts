import { expect } from 'chai';
import { TrainingWorkflowTracker, type Logger, type RunEvent, type TrackerSink } from '../../../src';

const quiet: Logger = { info: () => undefined, warn: () => undefined };

class RecordingSink implements TrackerSink {
  readonly events: string[] = [];
  onEvent(event: RunEvent): void {
    if (event.type === 'start') this.events.push(`start:${event.id}`);
    else if (event.type === 'params') this.events.push(`params:${Object.keys(event.params).join(',')}`);
    else if (event.type !== 'environment') this.events.push(event.type);
  }
  onMetric(key: string, value: number, step: number): void { this.events.push(`metric:${key}=${value}@${step}`); }
  async flush(): Promise<void> { this.events.push('flush'); }
  async close(): Promise<void> { this.events.push('close'); }
}

function run(tracker: TrainingWorkflowTracker): void {
  tracker.startTraining('r').registerDataset('o', 1).registerFeatures(['a'], ['a']).registerModel('m', 'x')
    .logParameter('lr', 0.1).registerSeed('numpy', 7).logDataQuality('missing_ratio', 0.1).logMetric('loss', 0.5, 1);
  tracker.finalizeTraining();
}

describe('tracker sinks', () => {
  it('tell every sink everything, in order', async () => {
    const sink = new RecordingSink();
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet });
    run(tracker);
    await tracker.flush();
    await tracker.close();
    expect(sink.events).to.deep.equal([
      'start:r', 'dataset', 'features', 'model', 'params:lr', 'seed', 'data_quality', 'metric:loss=0.5@1', 'finalize', 'flush', 'close',
    ]);
  });

  it('route a throwing sink to onError and keep the training loop going', () => {
    const errors: unknown[] = [];
    const broken: TrackerSink = { onMetric: () => { throw new Error('server down'); }, onEvent: (e) => { if (e.type === 'start') throw new Error('no'); } };
    const healthy = new RecordingSink();
    const tracker = new TrainingWorkflowTracker({ sinks: [broken, healthy], onError: (e) => errors.push(e), logger: quiet });
    expect(() => run(tracker)).to.not.throw();
    expect(errors).to.have.length(2);
    expect(healthy.events).to.include('metric:loss=0.5@1');
  });

  it('route a rejected flush to onError instead of rejecting', async () => {
    const errors: unknown[] = [];
    const tracker = new TrainingWorkflowTracker({ sinks: [{ flush: () => Promise.reject(new Error('late')) }], onError: (e) => errors.push(e) });
    await tracker.flush();
    expect((errors[0] as Error).message).to.equal('late');
  });

  it('survive an onError handler that throws', () => {
    const tracker = new TrainingWorkflowTracker({
      sinks: [{ onMetric: () => { throw new Error('a'); } }],
      onError: () => { throw new Error('handler broke'); },
    }).startTraining('r');
    expect(() => tracker.logMetric('x', 1)).to.not.throw();
  });

  it('close once, however often close() is called', async () => {
    const sink = new RecordingSink();
    const tracker = new TrainingWorkflowTracker({ sinks: [sink] });
    await Promise.all([tracker.close(), tracker.close()]);
    await tracker.close();
    expect(sink.events.filter((e) => e === 'close')).to.have.length(1);
  });

  it('send warnings about sink errors to the logger by default', () => {
    const warnings: string[] = [];
    const tracker = new TrainingWorkflowTracker({ sinks: [{ onEvent: () => { throw new Error('boom'); } }], logger: { info: () => undefined, warn: (m) => warnings.push(m) } });
    tracker.startTraining('r');
    expect(warnings[0]).to.contain('boom');
  });
});
