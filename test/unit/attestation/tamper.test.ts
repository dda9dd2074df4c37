import { createPrivateKey, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import { AttestationError, preAuthEncoding, signBom, verifyAttestation, type DsseEnvelope } from '../../../src';
import { trackerBom } from '../../helpers/export-fixtures';
import { rejection } from '../../helpers/rejection';
import { keyPair, modelFile } from '../../helpers/attestation-fixtures';

/** `base64` with the byte at `index` of what it encodes flipped. */
function flipByte(base64: string, index: number): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index % bytes.length] ^= 0x01;
  return bytes.toString('base64');
}

/** The statement re-encoded after `edit`, keeping the original signature. */
function withStatement(envelope: DsseEnvelope, edit: (statement: { subject: { digest: { sha256: string } }[] }) => void): DsseEnvelope {
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { subject: { digest: { sha256: string } }[] };
  edit(statement);
  return { ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') };
}

async function refusal(envelope: unknown, keys: readonly string[], artifacts?: string[]): Promise<AttestationError> {
  const error = await rejection(verifyAttestation(envelope, { keys, artifacts }));
  expect(error).to.be.instanceOf(AttestationError);
  return error as AttestationError;
}

describe('verifyAttestation refuses tampering', () => {
  let envelope: DsseEnvelope;
  let model: ReturnType<typeof modelFile>;
  const pair = keyPair('ecdsa-p256');

  before(async () => {
    model = modelFile();
    envelope = signBom(await trackerBom(), pair.privateKeyPem, { subjects: [model.subject] });
    await verifyAttestation(envelope, { keys: [pair.publicKeyPem], artifacts: [model.path] });
  });

  it('one byte of the payload changed: no signature verifies, naming the signature and its key id', async () => {
    const error = await refusal({ ...envelope, payload: flipByte(envelope.payload, 40) }, [pair.publicKeyPem]);
    expect(error.reason).to.equal('signature');
    expect(error.message).to.match(/signature 0 \(keyid [0-9a-f]{16}…\) is not valid for any given key/);
  });

  it('one byte of a signature changed: refused as a bad signature', async () => {
    const sig = flipByte(envelope.signatures[0].sig, 20);
    const error = await refusal({ ...envelope, signatures: [{ ...envelope.signatures[0], sig }] }, [pair.publicKeyPem]);
    expect(error.reason).to.equal('signature');
  });

  it('one digit of a subject digest changed: the signature no longer covers the statement', async () => {
    const edited = withStatement(envelope, (s) => {
      s.subject[0].digest.sha256 = (s.subject[0].digest.sha256.startsWith('0') ? '1' : '0') + s.subject[0].digest.sha256.slice(1);
    });
    const error = await refusal(edited, [pair.publicKeyPem]);
    expect(error.reason).to.equal('signature');
  });

  it('one byte of the model file changed: the file does not match its subject, naming both', async () => {
    const tampered = modelFile('{"trees":[1,2,4]}');
    const copy = `${tampered.dir}/model.json`;
    writeFileSync(copy, '{"trees":[1,2,4]}');
    const error = await refusal(envelope, [pair.publicKeyPem], [copy]);
    expect(error.reason).to.equal('subject');
    expect(error.message).to.contain(`file ${copy} does not match subject "model.json"`).and.contain(model.subject.digest);
  });

  it('another key: refused, naming the key tried', async () => {
    const other = keyPair('ed25519');
    const error = await refusal(envelope, [other.publicKeyPem]);
    expect(error.reason).to.equal('signature');
    expect(error.message).to.contain(`keys given: keyid ${other.keyid.slice(0, 16)}`);
  });

  it('another payload type under the same signature: refused', async () => {
    const error = await refusal({ ...envelope, payloadType: 'application/json' }, [pair.publicKeyPem]);
    expect(error.reason).to.equal('signature');
  });

  it('a payload type other than in-toto, validly signed: refused for its type', async () => {
    const payload = Buffer.from('{}');
    const sig = sign('sha256', preAuthEncoding('application/json', payload), { key: createPrivateKey(pair.privateKeyPem), dsaEncoding: 'der' }).toString('base64');
    const error = await refusal({ payloadType: 'application/json', payload: payload.toString('base64'), signatures: [{ sig }] }, [pair.publicKeyPem]);
    expect(error.reason).to.equal('payload-type');
  });

  it('non-canonical base64 (trailing bits set) is not read as the same signature', async () => {
    const sig = envelope.signatures[0].sig;
    const last = sig.replace(/=+$/, '').slice(-1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1];
    const mutated = sig.replace(/.(=*)$/, `${sibling}$1`);
    if (Buffer.from(mutated, 'base64').equals(Buffer.from(sig, 'base64'))) {
      const error = await refusal({ ...envelope, signatures: [{ sig: mutated }] }, [pair.publicKeyPem]);
      expect(error.reason).to.equal('envelope');
    } else {
      expect((await refusal({ ...envelope, signatures: [{ sig: mutated }] }, [pair.publicKeyPem])).reason).to.equal('signature');
    }
  });

  it('hostile envelopes: wrong JSON, shapes and sizes are refused as envelopes', async () => {
    const cases: unknown[] = [
      '{', 'null', '[]', '{"payloadType":1}', { payloadType: 'x', payload: 'e30=', signatures: [] },
      { payloadType: 'x', payload: 'e30=', signatures: [{ sig: '!!' }] }, { payloadType: 'x', payload: '***', signatures: [{ sig: 'AA==' }] },
      { payloadType: 'x', payload: 'e30=', signatures: new Array(65).fill({ sig: 'AA==' }) },
    ];
    for (const input of cases) expect((await refusal(input, [pair.publicKeyPem])).reason, JSON.stringify(input)).to.equal('envelope');
    const big = await rejection(verifyAttestation(JSON.stringify({ ...envelope, pad: 'x'.repeat(2048) }), { keys: [pair.publicKeyPem], maxEnvelopeBytes: 1024 }));
    expect(big).to.be.instanceOf(AttestationError).with.property('message').that.contains('maxEnvelopeBytes');
  });

  it('fuzz: random mutations of the envelope never verify and only ever raise AttestationError', async () => {
    const text = JSON.stringify(envelope);
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 32, max: 126 }) }),
      fc.record({ kind: fc.constant('field' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 7 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        let mutated: string | object = text;
        for (const m of mutations) {
          const s: string = typeof mutated === 'string' ? mutated : JSON.stringify(mutated);
          const at = m.at % (s.length + 1);
          if (m.kind === 'byte') mutated = s.slice(0, at) + String.fromCharCode(m.value) + s.slice(at + 1);
          else if (m.kind === 'delete') mutated = s.slice(0, at) + s.slice(at + m.value);
          else if (m.kind === 'insert') mutated = s.slice(0, at) + String.fromCharCode(m.value) + s.slice(at);
          else {
            const values: unknown[] = [null, 1, '', [], {}, 'AAAA', envelope.signatures, [{ sig: envelope.signatures[0].sig, keyid: 7 }]];
            const fields = ['payloadType', 'payload', 'signatures'];
            mutated = { ...envelope, [fields[m.at % 3]]: values[m.value] };
          }
        }
        if (mutated === text) return;
        try {
          const verified = await verifyAttestation(mutated, { keys: [pair.publicKeyPem] });
          // a mutation that only touches whitespace or an unsigned field (keyid) may still verify: the signed bytes must be the same
          expect(JSON.stringify(verified.statement)).to.equal(Buffer.from(envelope.payload, 'base64').toString('utf8'));
        } catch (error) {
          expect(error, String(error)).to.be.instanceOf(AttestationError);
        }
      }),
      { numRuns: 400, seed: 20261204 },
    );
  });
});
