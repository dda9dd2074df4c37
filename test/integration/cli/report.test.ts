/** `training-bom report` as a process: history from the store or beside a file, the model card, failures. */
import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore, generateAttestationKeyPair, signBom } from '../../../src';
import { cli } from '../../helpers/cli';
import { hostileRun, trackedRun } from '../../helpers/report-fixtures';

const charts = (html: string): number => (html.match(/<div class="chart">/g) ?? []).length;

describe('training-bom report', () => {
  let store: string;

  before(async () => {
    const root = mkdtempSync(join(tmpdir(), 'training-bom-report-cli-'));
    store = join(root, 'store');
    const fs = new FileBomStore(store);
    for (const [i, lr] of [0.01, 0.02, 0.005].entries()) {
      const run = trackedRun({ id: `run-${i}`, lr, depth: 2 + i, seed: i });
      await fs.put(run.bom, { history: run.history });
    }
    writeFileSync(join(root, 'hostile.json'), hostileRun().bom.toJSONString(2));
  });

  it('shows each run\'s signature: not signed, signed but unverified, verified with --key, invalid with another key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-report-signed-'));
    const signer = generateAttestationKeyPair('ed25519');
    const stranger = generateAttestationKeyPair('ecdsa-p256');
    writeFileSync(join(dir, 'signer.pub'), signer.publicKeyPem);
    writeFileSync(join(dir, 'stranger.pub'), stranger.publicKeyPem);
    const run = trackedRun({ id: 'signed-run', lr: 0.01, depth: 2, seed: 7 });
    const subjects = [{ name: 'model.json', digest: `sha256:${'ab'.repeat(32)}` }];
    await new FileBomStore(dir).put(run.bom, { history: run.history, attestation: signBom(run.bom, signer.privateKeyPem, { subjects }) });
    const signature = (args: string[]): string => {
      const r = cli(['report', 'signed-run', '--store', dir, ...args]);
      expect(r.status, r.stderr).to.equal(0);
      return /<dt>Signature<\/dt><dd><bdi[^>]*>([^<]*)<\/bdi>/.exec(r.stdout)?.[1] ?? '(none)';
    };
    expect(signature([])).to.equal(`signed, key not trusted · key ${signer.keyid} · signed; pass --key &lt;pub.pem&gt; to verify it`);
    expect(signature(['--key', join(dir, 'signer.pub')])).to.equal(`verified · key ${signer.keyid}`);
    expect(signature(['--key', join(dir, 'stranger.pub')])).to.match(new RegExp(`^INVALID signature · key ${signer.keyid} · `));
    const unsigned = cli(['report', 'run-0', '--store', store]);
    expect(/<dt>Signature<\/dt><dd><bdi[^>]*>([^<]*)<\/bdi>/.exec(unsigned.stdout)?.[1]).to.equal('not signed');
  });

  it('writes a run\'s report with the curves of its stored history', () => {
    const out = join(store, 'one.html');
    const r = cli(['report', 'run-0', '--store', store, '--out', out]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.equal(`Report written to ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).to.match(/^<!DOCTYPE html>/).and.contain('Content-Security-Policy');
    expect(charts(html)).to.equal(3);
  });

  it('compares several runs on standard output, titled as asked', () => {
    const r = cli(['report', 'run-0', 'run-1', 'run-2', '--store', store, '--title', 'lr sweep']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('<title>lr sweep</title>').and.contain('id="parallel"');
    expect(charts(r.stdout)).to.equal(3);
  });

  it('reads the history beside a BOM file, and only when it belongs to that file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-report-file-'));
    copyFileSync(join(store, 'run-0.json'), join(dir, 'run-0.json'));
    copyFileSync(join(store, 'run-0.history'), join(dir, 'run-0.history'));
    expect(charts(cli(['report', join(dir, 'run-0.json')]).stdout)).to.equal(3);
    writeFileSync(join(dir, 'run-0.json'), readFileSync(join(dir, 'run-0.json'), 'utf8').replace('"MLP"', '"MLP2"'));   // another BOM now
    const r = cli(['report', join(dir, 'run-0.json')]);
    expect(r.status, r.stderr).to.equal(0);
    expect(charts(r.stdout)).to.equal(0);
    expect(r.stdout).to.contain('No metric history was stored');
  });

  it('reports a corrupt history on standard error and shows final values only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-report-bad-'));
    copyFileSync(join(store, 'run-1.json'), join(dir, 'run-1.json'));
    const bytes = readFileSync(join(store, 'run-1.history'));
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(join(dir, 'run-1.history'), bytes);
    const r = cli(['report', join(dir, 'run-1.json')]);
    expect(r.status).to.equal(0);
    expect(r.stderr).to.match(/^training-bom report: .*run-1\.json: metric history: .*; the report shows final values only\n$/);
    expect(charts(r.stdout)).to.equal(0);
  });

  it('writes a Markdown model card per run with --format md, hostile strings escaped', () => {
    const r = cli(['report', 'run-0', '--store', store, '--format', 'md']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^# Model card: MLP from run run-0\n/).and.contain('## Intended use');
    const hostile = cli(['report', join(store, '..', 'hostile.json'), 'run-1', '--store', store, '--format', 'md']);
    expect(hostile.status, hostile.stderr).to.equal(0);
    expect(hostile.stdout.split('\n---\n')).to.have.length(2);
    expect(hostile.stdout).to.not.match(/(^|[^\\])<script/).and.not.contain('\u202e');
  });

  it('exits 1 with a problem line for a BOM that cannot be read, and 2 for two standard inputs', () => {
    const missing = cli(['report', 'no-such-run', '--store', store]);
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.match(/^no-such-run: \(document\): no such file, and no BOM with this id in /);
    const invalid = cli(['report', '-'], '{"id": 1}');
    expect(invalid.status).to.equal(1);
    expect(invalid.stdout).to.equal('');
    expect(cli(['report', '-', '-']).status).to.equal(2);
  });
});
