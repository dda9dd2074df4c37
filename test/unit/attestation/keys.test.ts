import { createHash, generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { AttestationError, generateAttestationKeyPair, keyIdOf, signBom, verifyAttestation } from '../../../src';
import { trackerBom } from '../../helpers/export-fixtures';
import { modelFile } from '../../helpers/attestation-fixtures';

function thrown(fn: () => unknown): AttestationError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(AttestationError);
    return error as AttestationError;
  }
  throw new Error('expected an AttestationError');
}

describe('attestation keys', () => {
  const ENV = 'TBOM_TEST_KEY_PASSPHRASE';
  afterEach(() => {
    delete process.env[ENV];
  });

  it('signs with an encrypted PKCS#8 key whose passphrase an environment variable holds', async () => {
    const pair = generateAttestationKeyPair('ecdsa-p256', 'correct horse');
    expect(pair.privateKeyPem).to.contain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    process.env[ENV] = 'correct horse';
    const { subject } = modelFile();
    const envelope = signBom(await trackerBom(), pair.privateKeyPem, { subjects: [subject], passphraseEnv: ENV });
    expect((await verifyAttestation(envelope, { keys: [pair.publicKeyPem] })).keyid).to.equal(pair.keyid);
  });

  it('says an encrypted key needs a passphrase variable, and that a named variable is unset', async () => {
    const pair = generateAttestationKeyPair('ed25519', 'pw');
    const bom = await trackerBom();
    const subjects = [modelFile().subject];
    expect(thrown(() => signBom(bom, pair.privateKeyPem, { subjects })).message).to.contain('encrypted: name the environment variable');
    expect(thrown(() => signBom(bom, pair.privateKeyPem, { subjects, passphraseEnv: ENV })).message).to.contain(`${ENV} is not set`);
  });

  it('refuses a wrong passphrase or garbage PEM without echoing any of it', async () => {
    const pair = generateAttestationKeyPair('ed25519', 'right');
    process.env[ENV] = 'wrong-passphrase-value';
    const bom = await trackerBom();
    const subjects = [modelFile().subject];
    const wrong = thrown(() => signBom(bom, pair.privateKeyPem, { subjects, passphraseEnv: ENV }));
    expect(wrong.reason).to.equal('key');
    expect(wrong.message).to.contain('wrong passphrase');
    const body = pair.privateKeyPem.split('\n')[1];
    const garbage = `-----BEGIN PRIVATE KEY-----\n${body.slice(0, 30)}SECRETMATERIAL\n-----END PRIVATE KEY-----\n`;
    const bad = thrown(() => signBom(bom, garbage, { subjects }));
    for (const error of [wrong, bad]) {
      expect(error.message).to.not.contain(body.slice(0, 16)).and.not.contain('SECRETMATERIAL').and.not.contain('wrong-passphrase-value');
      expect(error.cause).to.equal(undefined);
      expect(error.stack).to.not.contain('SECRETMATERIAL');
    }
  });

  it('refuses to sign with a public key and to verify with a private one', async () => {
    const pair = generateAttestationKeyPair('ed25519');
    const bom = await trackerBom();
    const subjects = [modelFile().subject];
    expect(thrown(() => signBom(bom, pair.publicKeyPem, { subjects })).message).to.contain('public key cannot sign');
    const envelope = signBom(bom, pair.privateKeyPem, { subjects });
    const error = await verifyAttestation(envelope, { keys: [pair.privateKeyPem] }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AttestationError).with.property('message').that.contains('is a private key');
    expect((error as Error).message).to.not.contain(pair.privateKeyPem.split('\n')[1].slice(0, 16));
  });

  it('refuses RSA and other curves, naming the type', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const bom = await trackerBom();
    const subjects = [modelFile().subject];
    expect(thrown(() => signBom(bom, rsa.privateKey, { subjects })).message).to.contain('unsupported key type rsa');
    expect(thrown(() => signBom(bom, p384.privateKey, { subjects })).message).to.contain('unsupported key type ec secp384r1');
  });

  it('takes KeyObjects, and the key id of a private key is its public half\'s', async () => {
    const pair = generateKeyPairSync('ed25519');
    const { subject } = modelFile();
    const envelope = signBom(await trackerBom(), pair.privateKey, { subjects: [subject] });
    expect(envelope.signatures[0].keyid).to.equal(keyIdOf(pair.publicKey));
    expect((await verifyAttestation(envelope, { keys: [pair.publicKey] })).keyid).to.equal(keyIdOf(pair.publicKey));
  });

  it('computes securesystemslib\'s default key id: sha256 of the canonical JSON of the key', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('hex');
    const expected = createHash('sha256').update(`{"keytype":"ed25519","keyval":{"public":"${raw}"},"scheme":"ed25519"}`).digest('hex');
    expect(keyIdOf(publicKey)).to.equal(expected);
  });
});
