import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../helpers/cli';
import { vectorPath } from '../../helpers/vectors';

const VALID = vectorPath('valid', 'seed-basic');
const INVALID = vectorPath('invalid', 'size-word');


describe('training-bom validate (spawned CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-cli-'));

  it('exits 0 when every file is valid', () => {
    const r = cli(['validate', VALID, vectorPath('valid', 'wide-features')]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('seed-basic.json: valid');
  });

  it('prints every problem as file: path: message on stderr and exits 1', () => {
    const r = cli(['validate', VALID, INVALID]);
    expect(r.status).to.equal(1);
    expect(r.stderr.trim()).to.equal(`${INVALID}: dataset_info.size: must be a non-negative integer no larger than 9007199254740991, got a string ("many")`);
  });

  it('reports a missing file and a directory without a stack trace', () => {
    const r = cli(['validate', join(dir, 'nope.json'), dir]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain('nope.json: (document): no such file').and.to.contain('is a directory');
    expect(r.stderr).to.not.match(/\n\s+at /);
  });

  it('reports a file that is not JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"id": ');
    expect(cli(['validate', file]).stderr).to.match(/broken\.json: \(document\): is not valid JSON/);
  });

  it('reads standard input for -', () => {
    const r = cli(['validate', '-'], '{"id": 1}');
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain('-: id: must be a string, got a number (1)');
  });

  it('applies strict mode with --strict', () => {
    const file = join(dir, 'epoch.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(VALID, 'utf8')), start_time: '1725530400000' }));
    expect(cli(['validate', file]).status).to.equal(0);
    expect(cli(['validate', '--strict', file]).stderr).to.contain('start_time: must be an ISO 8601 date-time');
  });

  it('prints machine-readable results with --json', () => {
    const r = cli(['validate', '--json', VALID, INVALID]);
    const results = JSON.parse(r.stdout) as Array<{ file: string; valid: boolean; problems: Array<{ path: string }> }>;
    expect(results.map((x) => x.valid)).to.deep.equal([true, false]);
    expect(results[1]?.problems[0]?.path).to.equal('dataset_info.size');
  });

  it('rejects an unknown command with a non-zero exit and the help', () => {
    const r = cli(['frobnicate']);
    expect(r.status).to.not.equal(0);
    expect(r.stderr).to.contain("unknown command 'frobnicate'");
  });

  it('lists the commands with an example in --help', () => {
    const r = cli(['--help']);
    expect(r.stdout).to.contain('validate [options] <file...>').and.to.contain('Examples:');
  });
});
