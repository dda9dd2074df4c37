/** Runs for report tests: tracked runs with curves and anomalies, and a BOM whose every string is hostile. */
import { TrainingBOM, TrainingWorkflowTracker, type MetricHistory } from '../../src';
import type { ReportRun } from '../../src/report/report-run';
import { FakeClock } from './fake-clock';
import { HOSTILE } from './hostile-text';

/** Markup that would set `window.__pwned` and the title if it ever ran, in each context a string can land in. */
export const PAYLOAD = `</script><script>window.__pwned=1;document.title='pwned'</script><img src=x onerror="window.__pwned=2">"'><svg onload="window.__pwned=3">\u2028${HOSTILE.bidi}`;

function histories(tracker: TrainingWorkflowTracker): MetricHistory[] {
  return tracker.metricKeys().map((k) => tracker.metricHistory(k)).filter((h): h is MetricHistory => h !== undefined);
}

/**
 * A tracked run of `epochs` points: a loss that falls (and, with `trouble`, turns NaN once and then diverges),
 * an accuracy that rises then plateaus, a learning rate spanning decades; `lr` and `depth` as parameters.
 */
export function trackedRun(options: { id: string; lr: number; depth: number; epochs?: number; trouble?: boolean; seed?: number }): ReportRun {
  const clock = new FakeClock(Date.UTC(2024, 8, 5, 10, 0, 0) + (options.seed ?? 0) * 3_600_000);
  const tracker = new TrainingWorkflowTracker({ clock, logger: { info: () => undefined, warn: () => undefined } });
  tracker.startTraining(options.id);
  tracker.registerDataset('s3://bucket/train.csv?X-Amz-Signature=secret123', 1000);
  tracker.registerSeed('global', options.seed ?? 1);
  tracker.logDataQuality('missing_ratio', 0.013);
  tracker.registerFeatures(['a', 'b', 'c', 'd'], ['a', 'c']);
  tracker.registerModel('MLP', `2 layers of ${options.depth}`);
  tracker.logParameters({ lr: options.lr, depth: options.depth, optimizer: options.depth > 3 ? 'adam' : 'sgd', batch: 32, api_token: 'hunter2' });
  const epochs = options.epochs ?? 200;
  for (let i = 0; i < epochs; i++) {
    clock.advance(250 + (i % 7) * 10);
    let loss = 2 * Math.exp(-i * options.lr * 5) + 0.05 + 0.02 * Math.sin(i + (options.seed ?? 0));
    if (options.trouble === true && i === Math.floor(epochs / 3)) loss = NaN;
    if (options.trouble === true && i > (2 * epochs) / 3) loss *= 1 + (i - (2 * epochs) / 3) * 2;
    tracker.logMetric('loss', loss, i);
    tracker.logMetric('val/accuracy', Math.min(0.93, 0.5 + i * options.lr * 0.2 + options.depth * 0.01), i);
    tracker.logMetric('lr', 0.1 * Math.pow(0.97, i), i);
  }
  tracker.logMetric('test_accuracy', 0.9 + options.depth * 0.005, epochs);
  const bom = tracker.finalizeTraining();
  return { bom, history: histories(tracker) };
}

/** A valid BOM that carries {@link PAYLOAD} (with bidi controls and separators) in every string it has. */
export function hostileRun(): ReportRun {
  const p = (name: string): string => `${name}${PAYLOAD}`;
  const bom = new TrainingBOM({
    id: p('id'), startTime: '2024-09-05T10:00:00Z', endTime: '2024-09-05T10:05:00Z',
    datasetInfo: { origin: p('origin'), size: 3 },
    featureInfo: { originalFeatures: [p('f1'), p('f2')], selectedFeatures: [p('f1')] },
    modelInfo: { type: p('type'), architecture: p('arch') },
    mlflowParams: { [p('param')]: p('value'), nested: { [p('k')]: [p('v')] } },
    mlflowMetrics: { [p('metric')]: 0.5 },
    additionalValues: {
      environment: { [p('env')]: p('x') }, seeds: { [p('seed')]: 1 }, data_quality: { [p('dq')]: p('y') },
      dataset: { digest: p('sha256:'), path: p('/p') },
      anomalies: [{ key: p('metric'), rule: p('rule'), step: 1, value: 'NaN', timestamp: '2024-09-05T10:01:00Z', message: p('msg') }],
    },
  });
  const n = 50;
  const h: MetricHistory = {
    key: p('metric'), length: n, nonFiniteCount: 1, latest: 0.5,
    values: Float64Array.from({ length: n }, (_, i) => (i === 10 ? NaN : 1 / (i + 1))),
    steps: Float64Array.from({ length: n }, (_, i) => i),
    timestamps: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 8, 5, 10, 0, i)),
  };
  return { bom, history: [h], attestation: { status: 'invalid', keyId: p('key'), detail: p('detail') } };
}
