import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingBOM } from '../../../src';
import { FileBomStore } from '../../../src';
import { cli } from '../../helpers/cli';
import { storeBom } from '../../helpers/store-contract';

describe('training-bom diff (spawned CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-diff-'));
  const store = join(dir, 'store');
  const write = (name: string, bom: TrainingBOM): string => {
    const path = join(dir, name);
    writeFileSync(path, bom.toJSONString(2));
    return path;
  };
  const a = storeBom('run-a', '2024-09-05T10:00:00.000Z');
  a.mlflowParams = { seed: 42, lr: 0.1, dropped: 'x' };
  a.mlflowMetrics = { accuracy: 0.8, loss: 0.5 };
  const b = storeBom('run-b', '2024-09-06T10:00:00.000Z');
  b.mlflowParams = { seed: 42, lr: 0.2, added: true };
  b.mlflowMetrics = { accuracy: 0.9, loss: NaN };
  b.featureInfo.selectedFeatures = ['b'];
  b.datasetInfo.size = 300;
  const fileA = write('a.json', a);
  const fileB = write('b.json', b);

  before(async () => {
    await new FileBomStore(store).put(a);
    await new FileBomStore(store).put(b);
  });

  it('exits 0 and says so when only ids and times differ', () => {
    const same = storeBom('other-id', '2030-01-01T00:00:00.000Z');
    same.mlflowParams = a.mlflowParams;
    same.mlflowMetrics = a.mlflowMetrics;
    const r = cli(['diff', fileA, write('same.json', same)]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('No differences (ids and times are not compared).');
  });

  it('exits 1 and lists params, metric deltas, features and dataset changes', () => {
    const r = cli(['diff', fileA, fileB]);
    expect(r.status, r.stderr).to.equal(1);
    expect(r.stdout).to.equal([
      `a: run-a (${fileA})`,
      `b: run-b (${fileB})`,
      'Params:',
      '  + added = true',
      '  - dropped = x',
      '  ~ lr: 0.1 -> 0.2',
      'Metrics:',
      '  ~ accuracy: 0.8 -> 0.9 (+0.1, +12.5%)',
      '  ~ loss: 0.5 -> NaN',
      'Features:',
      '  selected: +b, -a (1 -> 1)',
      'Dataset:',
      '  ~ size: 150 -> 300',
      '',
    ].join('\n'));
  });

  it('compares BOMs found by id in the store', () => {
    const r = cli(['diff', 'run-a', 'run-b', '--store', store]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.contain(`a: run-a (${join(store, 'run-a.json')})`);
  });

  it('prints compareBoms\' result with --json, non-finite numbers as strings', () => {
    const r = cli(['diff', '--json', fileA, fileB]);
    expect(r.status).to.equal(1);
    const json = JSON.parse(r.stdout) as { differs: boolean; ids: object; metrics: { changed: Array<{ key: string; b: unknown; delta: unknown }> } };
    expect(json.differs).to.equal(true);
    expect(json.ids).to.deep.equal({ a: 'run-a', b: 'run-b' });
    expect(json.metrics.changed.find((c) => c.key === 'loss')).to.deep.include({ b: 'NaN', delta: null });
  });

  it('reads one side from standard input', () => {
    expect(cli(['diff', fileA, '-'], b.toJSONString()).status).to.equal(1);
    expect(cli(['diff', fileA, '-'], a.toJSONString()).status).to.equal(0);
  });

  describe('trouble exits 2, like diff(1), with the problem on stderr', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['a missing file', [fileA, join(dir, 'missing.json')], /missing\.json: \(document\): no such file/],
      ['a directory', [(mkdirSync(join(dir, 'd'), { recursive: true }), join(dir, 'd')), fileB], /d: \(document\): is a directory/],
      ['a file that is not JSON', [(writeFileSync(join(dir, 'x.json'), '{,'), join(dir, 'x.json')), fileB], /x\.json: \(document\): is not valid JSON/],
      ['an invalid BOM', [fileA, (writeFileSync(join(dir, 'inv.json'), '{"id":"x"}'), join(dir, 'inv.json'))], /inv\.json: start_time: /],
      ['a missing argument', [fileA], /missing required argument 'b'/],
      ['an unknown option', ['--nope', fileA, fileB], /unknown option '--nope'/],
      ['standard input twice', ['-', '-'], /only one of the two BOMs can be standard input/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const r = cli(['diff', ...args], '');
        expect(r.status, r.stderr).to.equal(2);
        expect(r.stdout).to.equal('');
        expect(r.stderr).to.match(message).and.not.match(/\n\s+at /);
      });
    }
  });
});
