import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { captureEnvironment, inspectDataset, TrainingWorkflowTracker } from '../../../src';
import { DatasetDir } from '../../helpers/dataset-files';

const DOC = readFileSync(resolve(__dirname, '../../../docs/reproducibility.md'), 'utf8');

/** The backticked names in the first column of the field table under a `## …` heading that mentions `section`. */
function documentedFields(section: string): Set<string> {
  const start = DOC.search(new RegExp(`^## .*\`additional_values\\.${section}\``, 'm'));
  const body = DOC.slice(start, DOC.indexOf('\n## ', start + 1));
  const names = new Set<string>();
  for (const line of body.split('\n')) {
    const first = /^\| ([^|]+) \|/.exec(line)?.[1] ?? '';
    for (const m of first.matchAll(/`([a-z0-9_]+)`/g)) names.add(m[1]);
  }
  return names;
}

describe('docs/reproducibility.md', () => {
  const dir = new DatasetDir();
  after(() => dir.cleanup());

  it('lists every field a dataset inspection records', async () => {
    const keys = new Set<string>();
    for (const origin of [dir.file('a.csv', 'h\n1\n'), dir.file('b.csv.gz', 'x'), dir.root]) {
      for (const key of Object.keys(await inspectDataset(origin))) keys.add(key);
    }
    keys.delete('origin');
    keys.add('http');
    expect([...keys].filter((k) => !documentedFields('dataset').has(k))).to.deep.equal([]);
    expect(documentedFields('dataset').size).to.equal(13);
  });

  it('lists every field of the environment', () => {
    const keys = Object.keys(captureEnvironment({ git: false }));
    expect(keys.filter((k) => !documentedFields('environment').has(k))).to.deep.equal([]);
  });

  it('names every additional_values section the tracker writes', async () => {
    const t = new TrainingWorkflowTracker({ logger: { info: () => undefined, warn: () => undefined } }).startTraining();
    await t.registerDatasetVerified(dir.file('c.csv', 'h\n1\n'));
    t.registerSeed('s', 1).logDataQuality('q', 0).registerFeatures([], []).registerModel('m', 'a');
    const sections = Object.keys(t.finalizeTraining().additionalValues ?? {});
    expect(sections).to.deep.equal(['dataset', 'environment', 'seeds', 'data_quality', 'anomalies']);
    for (const section of sections) expect(DOC).to.match(new RegExp(`^## .*\`additional_values\\.${section}\``, 'm'));
  });
});
