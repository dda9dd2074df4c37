/**
 * cosign (Sigstore's CLI, written in Go) verifies our envelopes with `verify-blob-attestation --key`, for
 * both key types and two predicates, and refuses a tampered model file and the wrong key. cosign is not
 * packaged for this machine and takes ~20 minutes to build from its Go modules (docs/attestation.md#cosign),
 * so this test runs when a cosign binary is found (`COSIGN=/path/to/cosign`, or `cosign` on PATH) and is
 * skipped with a stated reason otherwise, in CI too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { generateAttestationKeyPair, signBom, SLSA_PROVENANCE_PREDICATE_TYPE, TRAINING_BOM_PREDICATE_TYPE, type KeyAlgorithm } from '../../src';
import { trackerBom } from '../helpers/export-fixtures';
import { modelFile } from '../helpers/attestation-fixtures';

const COSIGN = process.env['COSIGN'] ?? 'cosign';

function cosign(args: readonly string[]): { status: number | null; output: string } {
  const r = spawnSync(COSIGN, args, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COSIGN_EXPERIMENTAL: '' } });
  return { status: r.status, output: `${r.stdout}${r.stderr}${r.error?.message ?? ''}` };
}

describe('attestation interop with cosign verify-blob-attestation', function () {
  this.timeout(120_000);
  let dir: string;
  let model: ReturnType<typeof modelFile>;

  before(function () {
    const version = cosign(['version']);
    if (version.status !== 0) {
      console.warn(`      cosign interop skipped: no cosign binary at ${COSIGN} (set COSIGN=/path/to/cosign; docs/attestation.md#cosign says how to build one)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'tbom-cosign-'));
    model = modelFile();
  });

  for (const algorithm of ['ecdsa-p256', 'ed25519'] as const satisfies readonly KeyAlgorithm[]) {
    for (const [predicate, type] of [['bom', TRAINING_BOM_PREDICATE_TYPE], ['slsa', SLSA_PROVENANCE_PREDICATE_TYPE]] as const) {
      it(`verifies a ${algorithm} envelope with the ${predicate} predicate, and refuses a changed file and another key`, async () => {
        const pair = generateAttestationKeyPair(algorithm);
        const other = generateAttestationKeyPair(algorithm);
        const prefix = join(dir, `${algorithm}-${predicate}`);
        writeFileSync(`${prefix}.pub`, pair.publicKeyPem);
        writeFileSync(`${prefix}.other.pub`, other.publicKeyPem);
        writeFileSync(`${prefix}.intoto.json`, JSON.stringify(signBom(await trackerBom(), pair.privateKeyPem, { subjects: [model.subject], predicate })));
        const args = (key: string, blob: string): string[] => ['verify-blob-attestation', '--key', key, '--signature', `${prefix}.intoto.json`, '--type', type, '--insecure-ignore-tlog', blob];
        const ok = cosign(args(`${prefix}.pub`, model.path));
        expect(ok.status, ok.output).to.equal(0);
        expect(ok.output).to.contain('Verified OK');
        const changed = join(dir, 'changed.json');
        writeFileSync(changed, 'not the model');
        const tampered = cosign(args(`${prefix}.pub`, changed));
        expect(tampered.status).to.not.equal(0);
        expect(tampered.output).to.contain('no matching subject digest');
        const swapped = cosign(args(`${prefix}.other.pub`, model.path));
        expect(swapped.status).to.not.equal(0);
      });
    }
  }
});
