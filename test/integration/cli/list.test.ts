import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore } from '../../../src';
import { CLI, cli } from '../../helpers/cli';
import { storeBom } from '../../helpers/store-contract';

describe('training-bom list (spawned CLI)', () => {
  const store = mkdtempSync(join(tmpdir(), 'training-bom-list-'));

  before(async () => {
    const s = new FileBomStore(store);
    await s.put(storeBom('b', '2024-09-05T11:00:00.000Z', 'MLP'));
    await s.put(storeBom('a', '2024-09-05T10:00:00.000Z', 'RF'));
    await s.put(storeBom('c', '2024-09-06T10:00:00.000Z', 'RF'));
  });

  it('lists the store oldest first as a table, with a count', () => {
    const r = cli(['list', '--store', store]);
    expect(r.status, r.stderr).to.equal(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).to.match(/^START\s+ID\s+MODEL\s+DATASET$/);
    expect(lines.slice(1, 4).map((l) => l.split(/\s+/)[1])).to.deep.equal(['a', 'b', 'c']);
    expect(lines[4]).to.equal(`3 BOMs in ${store}`);
  });

  it('filters by model type and start time, and prints JSON with --json', () => {
    const r = cli(['list', '--store', store, '--model-type', 'RF', '--since', '2024-09-06', '--json']);
    expect(r.status, r.stderr).to.equal(0);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; location: string }>;
    expect(rows.map((x) => x.id)).to.deep.equal(['c']);
    expect(rows[0]?.location).to.equal(join(store, 'c.json'));
    expect(JSON.parse(cli(['list', '--store', store, '--until', String(Date.parse('2024-09-05T10:30:00Z')), '--json']).stdout)).to.have.length(1);
  });

  it('uses TRAINING_BOM_HOME when --store is not given', () => {
    const r = spawnSync(process.execPath, [CLI, 'list', '--json'], { encoding: 'utf8', env: { ...process.env, TRAINING_BOM_HOME: store } });
    expect((JSON.parse(r.stdout) as unknown[]).length).to.equal(3);
  });

  it('says so for an empty or missing store', () => {
    const r = cli(['list', '--store', join(store, 'none')]);
    expect(r.status).to.equal(0);
    expect(r.stdout).to.equal(`0 BOMs in ${join(store, 'none')}\n`);
  });

  it('reports files that are not BOMs on stderr and lists the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-list-bad-'));
    writeFileSync(join(dir, 'good.json'), storeBom('good').toJSONString());
    writeFileSync(join(dir, 'broken.json'), '{');
    const r = cli(['list', '--store', dir, '--json']);
    expect(r.status).to.equal(0);
    expect((JSON.parse(r.stdout) as Array<{ id: string }>).map((x) => x.id)).to.deep.equal(['good']);
    expect(r.stderr).to.match(/broken\.json: skipped: not a valid BOM \(\(document\): is not valid JSON/);
  });

  it('rejects a --since that is not a time', () => {
    const r = cli(['list', '--store', store, '--since', 'yesterday']);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain("option '--since <time>' argument 'yesterday' is invalid");
  });
});
