import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { AttestationError, FileBomStore, signBom } from '../../../src';
import { trackerBom } from '../../helpers/export-fixtures';
import { rejection } from '../../helpers/rejection';
import { keyPair, modelFile } from '../../helpers/attestation-fixtures';

describe('FileBomStore attestations', () => {
  it('keeps an id whose file name looks like an envelope apart from the envelope of another id', async () => {
    const store = new FileBomStore(mkdtempSync(join(tmpdir(), 'tbom-store-attest-')));
    const bom = await trackerBom();
    const envelope = signBom(bom, keyPair('ed25519').privateKeyPem, { subjects: [modelFile().subject] });
    await store.put(bom, { attestation: envelope });
    const twin = await trackerBom();
    twin.id = `${bom.id}.intoto`;
    await store.put(twin);
    expect(await store.getAttestation(bom.id)).to.deep.equal(envelope);
    expect((await store.list()).map((s) => s.id).sort()).to.deep.equal([bom.id, twin.id].sort());
    expect(await store.delete(bom.id)).to.equal(true);
    expect(await store.getAttestation(bom.id)).to.equal(undefined);
  });

  it('reads a stored envelope as hostile input: garbage is an AttestationError, not a crash', async () => {
    const store = new FileBomStore(mkdtempSync(join(tmpdir(), 'tbom-store-attest-')));
    mkdirSync(join(store.directory, 'attestations'), { recursive: true });
    writeFileSync(store.attestationPathOf('run-x'), '{"payloadType": 1, "__proto__": {"polluted": true}}');
    const error = await rejection(store.getAttestation('run-x'));
    expect(error).to.be.instanceOf(AttestationError).with.property('reason', 'envelope');
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });
});
