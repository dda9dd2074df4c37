/**
 * Interop with a DSSE verifier this project did not write: securesystemslib (Python, pinned in
 * test/standards/requirements.txt) verifies the envelopes our CLI signs, for both key types, and our
 * `verify` accepts envelopes securesystemslib signed. Keys come from `training-bom keygen`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { CYCLONEDX_PREDICATE_TYPE, IN_TOTO_PAYLOAD_TYPE, signBom, TrainingBOM, verifyAttestation, type DsseEnvelope, type KeyAlgorithm } from '../../src';
import { cli } from '../helpers/cli';
import { trackerBom } from '../helpers/export-fixtures';
import { modelFile } from '../helpers/attestation-fixtures';

const ROOT = resolve(__dirname, '../..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const SCRIPT = join(ROOT, 'test', 'standards', 'dsse_interop.py');

function securesystemslibMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `there is no Python venv at ${PYTHON}`;
  const r = spawnSync(PYTHON, ['-c', 'import securesystemslib.dsse, cryptography'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? undefined : `${PYTHON} cannot import securesystemslib (${r.stderr.trim().split('\n').pop() ?? ''})`;
}

function onCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && !['', '0', 'false'].includes(ci.toLowerCase());
}

function python(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('attestation interop with securesystemslib (DSSE)', function () {
  this.timeout(120_000);
  let dir: string;
  let bomFile: string;
  let model: ReturnType<typeof modelFile>;

  before(async function () {
    const missing = securesystemslibMissing();
    if (missing !== undefined) {
      const reason = `${missing}; run \`bash scripts/python-venv.sh test/standards/requirements.txt\``;
      if (onCi()) throw new Error(`The securesystemslib interop check must run in CI, but ${reason}`);
      console.warn(`      securesystemslib interop skipped: ${reason}`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'tbom-interop-'));
    bomFile = join(dir, 'bom.json');
    writeFileSync(bomFile, (await trackerBom()).toJSONString(2));
    model = modelFile();
  });

  for (const type of ['ed25519', 'ecdsa-p256'] as const satisfies readonly KeyAlgorithm[]) {
    describe(type, () => {
      let prefix: string;
      let keyid: string;

      before(() => {
        prefix = join(dir, type);
        const r = cli(['keygen', '--type', type, '--out', prefix]);
        expect(r.status, r.stderr).to.equal(0);
        keyid = /keyid ([0-9a-f]{64})/.exec(r.stdout)?.[1] ?? '';
        expect(statSync(`${prefix}.key`).mode & 0o777).to.equal(0o600);
      });

      it('securesystemslib verifies an envelope our CLI signed, with the same key id', () => {
        const envelope = join(dir, `${type}.intoto.json`);
        const signed = cli(['sign', bomFile, '--key', `${prefix}.key`, '--subject', `model.json=${model.subject.digest}`, '-o', envelope]);
        expect(signed.status, signed.stderr).to.equal(0);
        const r = python(['verify', envelope, `${prefix}.pub`]);
        expect(r.status, r.stderr).to.equal(0);
        const result = JSON.parse(r.stdout) as { keyid: string; payloadType: string; payload: string };
        expect(result.keyid).to.equal(keyid);
        expect(result.payloadType).to.equal(IN_TOTO_PAYLOAD_TYPE);
        expect((JSON.parse(result.payload) as { predicate: { id: string } }).predicate.id).to.equal('fraud-detection-v3.2');
      });

      it("securesystemslib verifies an envelope signBom signed with predicate 'cyclonedx' (by name), as our verifyAttestation does", async () => {
        const envelope = signBom(TrainingBOM.parse(readFileSync(bomFile, 'utf8')), readFileSync(`${prefix}.key`), { subjects: [model.subject], predicate: 'cyclonedx' });
        const file = join(dir, `${type}.cyclonedx.intoto.json`);
        writeFileSync(file, JSON.stringify(envelope));
        const ours = await verifyAttestation(envelope, { keys: [readFileSync(`${prefix}.pub`)], artifacts: [model.path] });
        expect(ours.statement.predicateType).to.equal(CYCLONEDX_PREDICATE_TYPE);
        const r = python(['verify', file, `${prefix}.pub`]);
        expect(r.status, r.stderr).to.equal(0);
        const result = JSON.parse(r.stdout) as { keyid: string; payload: string };
        expect(result.keyid).to.equal(keyid);
        const statement = JSON.parse(result.payload) as { predicateType: string; predicate: { bomFormat: string } };
        expect(statement).to.deep.include({ predicateType: CYCLONEDX_PREDICATE_TYPE });
        expect(statement.predicate.bomFormat).to.equal('CycloneDX');
      });

      it('securesystemslib refuses our envelope once one payload byte changed', () => {
        const original = JSON.parse(readFileSync(join(dir, `${type}.intoto.json`), 'utf8')) as DsseEnvelope;
        const bytes = Buffer.from(original.payload, 'base64');
        bytes[10] ^= 1;
        const tampered = join(dir, `${type}.tampered.json`);
        writeFileSync(tampered, JSON.stringify({ ...original, payload: bytes.toString('base64') }));
        expect(python(['verify', tampered, `${prefix}.pub`]).status).to.equal(1);
      });

      it('our verify accepts an envelope securesystemslib signed (library and CLI)', async () => {
        const statement = JSON.parse(Buffer.from((JSON.parse(readFileSync(join(dir, `${type}.intoto.json`), 'utf8')) as DsseEnvelope).payload, 'base64').toString('utf8')) as object;
        const payload = join(dir, `${type}.statement.json`);
        writeFileSync(payload, JSON.stringify(statement));
        const r = python(['sign', payload, IN_TOTO_PAYLOAD_TYPE, `${prefix}.key`]);
        expect(r.status, r.stderr).to.equal(0);
        const theirs = join(dir, `${type}.sslib.json`);
        writeFileSync(theirs, r.stdout);
        const verified = await verifyAttestation(r.stdout, { keys: [readFileSync(`${prefix}.pub`)], artifacts: [model.path] });
        expect(verified.keyid).to.equal(keyid);
        expect(verified.bom).to.be.instanceOf(TrainingBOM);
        const ours = cli(['verify', theirs, '--key', `${prefix}.pub`, '--artifacts', model.path]);
        expect(ours.status, ours.stderr).to.equal(0);
        expect(ours.stdout).to.contain(`verified: signed by keyid ${keyid}`);
      });
    });
  }
});
