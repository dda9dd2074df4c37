/** training-bom show with a metric history stored beside the BOM: sparklines when asked or on a terminal. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore } from '../../../src';
import { CLI, cli } from '../../helpers/cli';
import { historyOf, lossCurve } from '../../helpers/metric-histories';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';
import { storeBom } from '../../helpers/store-contract';

describe('training-bom show: sparklines from the stored history (spawned CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-sparklines-'));
  const store = new FileBomStore(join(dir, 'store'));
  const accuracy = [0.1, 0.4, NaN, 0.8, 0.9];

  before(async () => {
    await store.put(storeBom('curves'), { history: [lossCurve('loss', 10_000), historyOf('accuracy', accuracy)] });
    await store.put(storeBom('plain'));
  });

  it('draws a line per metric with --sparklines, for an id in the store', () => {
    const r = cli(['show', 'curves', '--store', store.directory, '--sparklines']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('History   2 metrics, 10,005 points\n');
    expect(r.stdout).to.match(/\n {2}accuracy {2}▁▄×▇█ +0\.1 → 0\.9 {2}min 0\.1 {2}max 0\.9 {2}5 points, 1 non-finite \(×\)\n/);
    expect(r.stdout).to.match(/\n {2}loss {6}█[▁-█]{31} {2}2(\.\d+)? → 0\.\d+ {2}min 0\.\d+ {2}max 2\.\d+ {2}10,000 points\n/);
    expect(r.stderr).to.equal('');
  });

  it('finds the history beside a BOM named by its path', () => {
    expect(cli(['show', store.pathOf('curves'), '--sparklines']).stdout).to.contain('History   2 metrics');
  });

  it('draws ASCII when TERM=dumb', () => {
    const r = runSync(['show', 'curves', '--store', store.directory, '--sparklines'], { TERM: 'dumb' });
    expect(r).to.match(/\n {2}accuracy {2}_~x\*# /);
  });

  it('leaves the section out when standard output is not a terminal, or with --no-sparklines', () => {
    expect(cli(['show', 'curves', '--store', store.directory]).stdout).to.not.contain('History');
    expect(cli(['show', 'curves', '--store', store.directory, '--no-sparklines']).stdout).to.not.contain('History');
  });

  it('says nothing of history when none is stored, or for a copy outside the store, or with --json', () => {
    expect(cli(['show', 'plain', '--store', store.directory, '--sparklines']).stdout).to.not.contain('History');
    const copy = join(dir, 'copy.json');
    copyFileSync(store.pathOf('curves'), copy);
    expect(cli(['show', copy, '--sparklines']).stdout).to.not.contain('History');
    expect(cli(['show', '-', '--sparklines'], readFileSync(store.pathOf('curves'), 'utf8')).stdout).to.not.contain('History');
    expect(JSON.parse(cli(['show', 'curves', '--store', store.directory, '--json', '--sparklines']).stdout)).to.not.have.property('history');
  });

  it('still shows the BOM, exit 0, when the history is corrupt, and says why on stderr', async () => {
    const broken = new FileBomStore(join(dir, 'broken'));
    await broken.put(storeBom('curves'), { history: [historyOf('a', [1, 2])] });
    writeFileSync(broken.historyPathOf('curves'), 'TBMH garbage');
    const r = cli(['show', 'curves', '--store', broken.directory, '--sparklines']);
    expect(r.status).to.equal(0);
    expect(r.stdout).to.contain('BOM       curves').and.not.contain('History');
    expect(r.stderr).to.match(/curves\.json: metric history not shown: metric history: .* at byte \d+: /);
  });

  it('draws sparklines by default on a terminal (under script(1))', async function () {
    if (process.platform !== 'linux' || !existsSync('/usr/bin/script')) this.skip();
    const command = [process.execPath, CLI, 'show', 'curves', '--store', store.directory].map((a) => `'${a}'`).join(' ');
    const r = await runProcess('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: tmpdir(), env: envWithoutMlflow() });
    expect(r.status, r.stdout).to.equal(0);
    expect(r.stdout).to.contain('History   2 metrics').and.contain('▁▄×▇█');
  });
});

function runSync(args: string[], env: NodeJS.ProcessEnv): string {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } }).stdout;
}
