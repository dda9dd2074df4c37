import { chmod, open } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { KeyAlgorithm } from '../attestation/attestation-key';
import { generateAttestationKeyPair } from '../attestation/generate-key-pair';
import { printable } from './printable';

interface KeygenOptions {
  type: KeyAlgorithm;
  out: string;
  passphraseEnv?: string;
  force: boolean;
}

/** Writes `text` to `path` with `mode`, refusing to replace a file unless `force` (the mode is set either way). */
async function writeKeyFile(path: string, text: string, mode: number, force: boolean): Promise<void> {
  const handle = await open(path, force ? 'w' : 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(path, mode);
}

/** `training-bom keygen --type ed25519|ecdsa-p256 --out <prefix>`: writes `<prefix>.key` (mode 0600) and `<prefix>.pub`. */
export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('generate a key pair to sign attestations: <prefix>.key (PKCS#8 PEM, mode 0600) and <prefix>.pub (SPKI PEM)')
    .addOption(new Option('--type <type>', 'key type').choices(['ed25519', 'ecdsa-p256']).default('ed25519'))
    .requiredOption('--out <prefix>', 'path prefix of the two files')
    .option('--passphrase-env <var>', 'encrypt the private key with the passphrase held by this environment variable')
    .option('--force', 'replace existing files', false)
    .addHelpText('after', '\nExamples:\n  $ training-bom keygen --type ed25519 --out keys/signer\n  $ SIGNING_PASSPHRASE=… training-bom keygen --type ecdsa-p256 --out keys/ci --passphrase-env SIGNING_PASSPHRASE')
    .action(async (options: KeygenOptions, command: Command) => {
      let passphrase: string | undefined;
      if (options.passphraseEnv !== undefined) {
        passphrase = process.env[options.passphraseEnv];
        if (passphrase === undefined || passphrase === '') command.error(`error: the passphrase variable ${options.passphraseEnv} is not set`);
      }
      const pair = generateAttestationKeyPair(options.type, passphrase);
      try {
        await writeKeyFile(`${options.out}.key`, pair.privateKeyPem, 0o600, options.force);
        await writeKeyFile(`${options.out}.pub`, pair.publicKeyPem, 0o644, options.force);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') command.error(`error: ${printable(options.out)}.key or .pub exists: not replaced (use --force)`);
        if (typeof code === 'string') command.error(`error: cannot write the key files at ${printable(options.out)} (${code})`);
        throw error;
      }
      process.stdout.write(`${printable(options.out)}.key: private key (${options.type}${passphrase === undefined ? '' : ', encrypted'}, mode 0600)\n`);
      process.stdout.write(`${printable(options.out)}.pub: public key, keyid ${pair.keyid}\n`);
    });
}
