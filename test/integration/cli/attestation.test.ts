import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { DsseEnvelope } from '../../../src';
import { cli } from '../../helpers/cli';
import { trackerBom } from '../../helpers/export-fixtures';
import { modelFile } from '../../helpers/attestation-fixtures';

describe('training-bom keygen, sign and verify (spawned CLI)', () => {
  let dir: string;
  let bomFile: string;
  let envelopeFile: string;
  let model: ReturnType<typeof modelFile>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tbom-attest-cli-'));
    bomFile = join(dir, 'bom.json');
    writeFileSync(bomFile, (await trackerBom()).toJSONString(2));
    model = modelFile();
    expect(cli(['keygen', '--type', 'ecdsa-p256', '--out', join(dir, 'signer')]).status).to.equal(0);
    envelopeFile = join(dir, 'bom.intoto.json');
    const r = cli(['sign', bomFile, '--key', join(dir, 'signer.key'), '--predicate', 'slsa', '--subject', `model.json=${model.subject.digest}`, '-o', envelopeFile]);
    expect(r.status, r.stderr).to.equal(0);
  });

  it('keygen writes a 0600 private key, refuses to replace it, and encrypts with a passphrase from the environment', () => {
    expect(statSync(join(dir, 'signer.key')).mode & 0o777).to.equal(0o600);
    const again = cli(['keygen', '--out', join(dir, 'signer')]);
    expect(again.status).to.equal(1);
    expect(again.stderr).to.contain('exists: not replaced');
    process.env['TBOM_CLI_PASS'] = 'pw-from-env';
    try {
      const r = cli(['keygen', '--out', join(dir, 'enc'), '--passphrase-env', 'TBOM_CLI_PASS']);
      expect(r.status, r.stderr).to.equal(0);
      expect(readFileSync(join(dir, 'enc.key'), 'utf8')).to.contain('ENCRYPTED PRIVATE KEY');
      expect(r.stdout + r.stderr).to.not.contain('pw-from-env');
      const signed = cli(['sign', bomFile, '--key', join(dir, 'enc.key'), '--passphrase-env', 'TBOM_CLI_PASS', '--subject', `m=${model.subject.digest}`]);
      expect(signed.status, signed.stderr).to.equal(0);
    } finally {
      delete process.env['TBOM_CLI_PASS'];
    }
  });

  it('verify prints the signer key id and each artifact that matched; exit 0', () => {
    const r = cli(['verify', envelopeFile, '--key', join(dir, 'signer.pub'), '--artifacts', model.path]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/verified: signed by keyid [0-9a-f]{64}\n/).and.contain('https://slsa.dev/provenance/v1').and.contain('matches model.json');
  });

  it('verify exits 1 naming the file whose digest differs from its subject', () => {
    const other = join(mkdtempSync(join(tmpdir(), 'tbom-attest-cli-')), 'model.json');
    writeFileSync(other, 'tampered');
    const r = cli(['verify', envelopeFile, '--key', join(dir, 'signer.pub'), '--artifacts', other]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain('not verified (subject)').and.contain(`file ${other} does not match subject "model.json"`);
  });

  it('verify exits 1 for a tampered payload and for another key, and --json says why', () => {
    const envelope = JSON.parse(readFileSync(envelopeFile, 'utf8')) as DsseEnvelope;
    const bytes = Buffer.from(envelope.payload, 'base64');
    bytes[30] ^= 1;
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...envelope, payload: bytes.toString('base64') }));
    const r = cli(['verify', tampered, '--key', join(dir, 'signer.pub'), '--json']);
    expect(r.status).to.equal(1);
    expect(JSON.parse(r.stdout)).to.include({ verified: false, reason: 'signature' });
    expect(cli(['keygen', '--type', 'ed25519', '--out', join(dir, 'other')]).status).to.equal(0);
    const swapped = cli(['verify', envelopeFile, '--key', join(dir, 'other.pub')]);
    expect(swapped.status).to.equal(1);
    expect(swapped.stderr).to.contain('not verified (signature): no signature verifies');
  });

  it('sign refuses a BOM without model artifacts and says how to fix it', () => {
    const r = cli(['sign', bomFile, '--key', join(dir, 'signer.key')]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain('not signed (no-subjects)').and.contain('registerModelArtifact');
  });

  it('verify refuses a private key given as --key without printing it', () => {
    const r = cli(['verify', envelopeFile, '--key', join(dir, 'signer.key')]);
    expect(r.status).to.equal(1);
    const secret = readFileSync(join(dir, 'signer.key'), 'utf8').split('\n')[1];
    expect(r.stderr).to.contain('is a private key').and.not.contain(secret.slice(0, 20));
  });
});
