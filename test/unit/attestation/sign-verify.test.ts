import { createPrivateKey, sign } from 'node:crypto';
import { expect } from 'chai';
import {
  AttestationError, cycloneDxPredicate, preAuthEncoding, CYCLONEDX_PREDICATE_TYPE, IN_TOTO_PAYLOAD_TYPE, IN_TOTO_STATEMENT_TYPE, signBom, SLSA_PROVENANCE_PREDICATE_TYPE,
  TRAINING_BOM_PREDICATE_TYPE, TRAINING_RUN_BUILD_TYPE, verifyAttestation, type KeyAlgorithm,
} from '../../../src';
import { trackerBom } from '../../helpers/export-fixtures';
import { rejection } from '../../helpers/rejection';
import { keyPair, modelFile, statementOf } from '../../helpers/attestation-fixtures';

const ALGORITHMS: readonly KeyAlgorithm[] = ['ed25519', 'ecdsa-p256'];

describe('signBom and verifyAttestation', () => {
  for (const algorithm of ALGORITHMS) {
    it(`signs a BOM with ${algorithm} and verifies it, naming the signer's key id`, async () => {
      const { subject, path } = modelFile();
      const pair = keyPair(algorithm);
      const bom = await trackerBom();
      const envelope = signBom(bom, pair.privateKeyPem, { subjects: [subject] });
      expect(envelope.payloadType).to.equal(IN_TOTO_PAYLOAD_TYPE);
      expect(envelope.signatures).to.have.length(1);
      expect(envelope.signatures[0].keyid).to.equal(pair.keyid);
      const verified = await verifyAttestation(envelope, { keys: [pair.publicKeyPem], artifacts: [path] });
      expect(verified.keyid).to.equal(pair.keyid);
      expect(verified.bom?.toJSON()).to.deep.equal(bom.toJSON());
      expect(verified.artifacts).to.deep.equal([{ path, subject: 'model.json', digest: subject.digest }]);
    });
  }

  it('writes an in-toto Statement v1 with the BOM as its default predicate', async () => {
    const { subject } = modelFile();
    const statement = statementOf(signBom(await trackerBom(), keyPair('ed25519').privateKeyPem, { subjects: [subject] }));
    expect(statement._type).to.equal(IN_TOTO_STATEMENT_TYPE);
    expect(statement.subject).to.deep.equal([{ name: 'model.json', digest: { sha256: subject.digest.slice(7) } }]);
    expect(statement.predicateType).to.equal(TRAINING_BOM_PREDICATE_TYPE);
    expect((statement.predicate as { id: string }).id).to.equal('fraud-detection-v3.2');
  });

  it('writes SLSA Provenance v1: parameters, dataset, builder, run id and times', async () => {
    const { subject } = modelFile();
    const bom = await trackerBom();
    const envelope = signBom(bom, keyPair('ecdsa-p256').privateKeyPem, { subjects: [subject], predicate: 'slsa' });
    const statement = statementOf(envelope);
    expect(statement.predicateType).to.equal(SLSA_PROVENANCE_PREDICATE_TYPE);
    const predicate = statement.predicate as { buildDefinition: Record<string, unknown>; runDetails: { metadata: Record<string, unknown>; builder: { id: string } } };
    expect(predicate.buildDefinition.buildType).to.equal(TRAINING_RUN_BUILD_TYPE);
    expect(predicate.buildDefinition.externalParameters).to.deep.equal({ n_estimators: 200, learning_rate: 0.1, max_depth: 8 });
    expect(predicate.buildDefinition.resolvedDependencies).to.deep.equal([
      { name: 'dataset', uri: 's3://fraud-data/transactions-2024.parquet', annotations: { origin: 's3://fraud-data/transactions-2024.parquet', size: 2500000 } },
    ]);
    expect(predicate.runDetails.metadata).to.deep.equal({ invocationId: bom.id, startedOn: bom.startTime, finishedOn: bom.endTime });
    expect(predicate.runDetails.builder.id).to.match(/^https:\/\//);
    const verified = await verifyAttestation(envelope, { keys: [keyPair('ecdsa-p256').publicKeyPem] });
    expect(verified.bom).to.equal(undefined);
  });

  it('writes the CycloneDX export as the predicate with cycloneDxPredicate', async () => {
    const { subject } = modelFile();
    const envelope = signBom(await trackerBom(), keyPair('ed25519').privateKeyPem, { subjects: [subject], predicate: cycloneDxPredicate });
    const statement = statementOf(envelope);
    expect(statement.predicateType).to.equal(CYCLONEDX_PREDICATE_TYPE);
    expect((statement.predicate as { bomFormat: string }).bomFormat).to.equal('CycloneDX');
    await verifyAttestation(envelope, { keys: [keyPair('ed25519').publicKeyPem] });
  });

  it("signs the CycloneDX predicate by name, 'cyclonedx', exactly as with the builder itself", async () => {
    const { subject } = modelFile();
    const bom = await trackerBom();
    const pair = keyPair('ed25519');
    const byName = signBom(bom, pair.privateKeyPem, { subjects: [subject], predicate: 'cyclonedx' });
    expect(statementOf(byName).predicateType).to.equal(CYCLONEDX_PREDICATE_TYPE);
    // Ed25519 is deterministic: the same statement gives the same envelope
    expect(byName).to.deep.equal(signBom(bom, pair.privateKeyPem, { subjects: [subject], predicate: cycloneDxPredicate }));
    const verified = await verifyAttestation(byName, { keys: [pair.publicKeyPem] });
    expect(verified.statement.predicateType).to.equal(CYCLONEDX_PREDICATE_TYPE);
  });

  it('refuses an unknown predicate name, naming the choices', async () => {
    const { subject } = modelFile();
    const bom = await trackerBom();
    expect(() => signBom(bom, keyPair('ed25519').privateKeyPem, { subjects: [subject], predicate: 'spdx' as 'bom' }))
      .to.throw(/must be 'bom', 'slsa', 'cyclonedx' or a predicate builder, got "spdx"/);
  });

  it('refuses to sign a BOM without model artifacts when no subjects are given, saying how to fix it', async () => {
    const error = (() => {
      try {
        signBom(trackerBom as never, keyPair('ed25519').privateKeyPem);
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.have.property('code', 'INVALID_ARGUMENT');
    const bom = await trackerBom();
    expect(() => signBom(bom, keyPair('ed25519').privateKeyPem)).to.throw(AttestationError, /no model artifact.*registerModelArtifact.*subjects explicitly/)
      .with.property('reason', 'no-subjects');
  });

  it('refuses a malformed explicit subject', async () => {
    const bom = await trackerBom();
    expect(() => signBom(bom, keyPair('ed25519').privateKeyPem, { subjects: [{ name: 'm', digest: 'sha256:XYZ' }] }))
      .to.throw(AttestationError, /subjects\.0\.digest/);
  });

  it('accepts URL-safe base64 and unpadded base64, as DSSE requires', async () => {
    const { subject } = modelFile();
    const pair = keyPair('ecdsa-p256');
    const envelope = signBom(await trackerBom(), pair.privateKeyPem, { subjects: [subject] });
    const urlSafe = {
      ...envelope,
      payload: Buffer.from(envelope.payload, 'base64').toString('base64url'),
      signatures: envelope.signatures.map((s) => ({ ...s, sig: Buffer.from(s.sig, 'base64').toString('base64url') })),
    };
    expect((await verifyAttestation(JSON.stringify(urlSafe), { keys: [pair.publicKeyPem] })).keyid).to.equal(pair.keyid);
  });

  it('accepts any one of several keys, and an envelope whose signature has no keyid', async () => {
    const { subject } = modelFile();
    const envelope = signBom(await trackerBom(), keyPair('ed25519').privateKeyPem, { subjects: [subject] });
    const bare = { ...envelope, signatures: [{ sig: envelope.signatures[0].sig }] };
    const verified = await verifyAttestation(bare, { keys: [keyPair('ecdsa-p256').publicKeyPem, keyPair('ed25519').publicKeyPem] });
    expect(verified.keyid).to.equal(keyPair('ed25519').keyid);
  });

  it('refuses an artifact directory holding a file that no subject names', async () => {
    const { subject, dir } = modelFile();
    const { path: stray } = modelFile('other bytes');
    const { copyFileSync } = await import('node:fs');
    copyFileSync(stray, `${dir}/extra.bin`);
    const pair = keyPair('ed25519');
    const envelope = signBom(await trackerBom(), pair.privateKeyPem, { subjects: [subject] });
    const error = await rejection(verifyAttestation(envelope, { keys: [pair.publicKeyPem], artifacts: [dir] }));
    expect(error).to.be.instanceOf(AttestationError).with.property('reason', 'subject');
    expect((error as Error).message).to.contain('extra.bin').and.contain('matches no subject');
  });

  it('refuses a missing artifact with its own reason', async () => {
    const { subject, dir } = modelFile();
    const pair = keyPair('ed25519');
    const envelope = signBom(await trackerBom(), pair.privateKeyPem, { subjects: [subject] });
    const error = await rejection(verifyAttestation(envelope, { keys: [pair.publicKeyPem], artifacts: [`${dir}/absent.json`] }));
    expect(error).to.be.instanceOf(AttestationError).with.property('reason', 'artifact');
  });
});

describe('verifyAttestation checks the predicate', () => {
  it('refuses a validly signed BOM predicate that fails strict validation, naming the field', async () => {
    const type = IN_TOTO_PAYLOAD_TYPE;
    const pair = keyPair('ed25519');
    const bom = (await trackerBom()).toJSON() as unknown as Record<string, unknown>;
    const statement = { _type: IN_TOTO_STATEMENT_TYPE, subject: [{ name: 'm', digest: { sha256: 'a'.repeat(64) } }], predicateType: TRAINING_BOM_PREDICATE_TYPE, predicate: { ...bom, end_time: 'yesterday' } };
    const payload = Buffer.from(JSON.stringify(statement));
    const sig = sign(null, preAuthEncoding(type, payload), createPrivateKey(pair.privateKeyPem)).toString('base64');
    const error = await rejection(verifyAttestation({ payloadType: type, payload: payload.toString('base64'), signatures: [{ sig }] }, { keys: [pair.publicKeyPem] }));
    expect(error).to.be.instanceOf(AttestationError).with.property('reason', 'predicate');
    expect((error as Error).message).to.contain('end_time');
  });
});
