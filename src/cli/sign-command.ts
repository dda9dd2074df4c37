import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { AttestationError } from '../errors';
import type { AttestationSubject, PredicateChoice } from '../attestation/attestation-types';
import { signBom } from '../attestation/sign-bom';
import { TrainingBOM } from '../models/training-bom';
import { printable } from './printable';
import { readInput } from './read-input';
import { reportFailure } from './report-failure';

interface SignOptions {
  key: string;
  passphraseEnv?: string;
  predicate: 'bom' | 'slsa' | 'cyclonedx';
  subject?: string[];
  output?: string;
}

function subjectOf(text: string, command: Command): AttestationSubject {
  const at = text.lastIndexOf('=');
  if (at <= 0) command.error(`error: --subject must be <name>=sha256:<hex>, got ${printable(text)}`);
  return { name: text.slice(0, at), digest: text.slice(at + 1) };
}

/** `training-bom sign <bom> --key <private.pem>`: prints the DSSE envelope of the BOM's attestation. */
export function registerSign(program: Command): void {
  program
    .command('sign')
    .description('sign a training BOM: a DSSE envelope holding an in-toto Statement about its model artifacts (JSON on standard output)')
    .argument('<file>', 'BOM file; - reads standard input')
    .requiredOption('--key <private.pem>', 'the private key (PKCS#8 PEM, e.g. from training-bom keygen)')
    .option('--passphrase-env <var>', 'the environment variable holding the passphrase of an encrypted key')
    .addOption(new Option('--predicate <predicate>', 'what the statement says').choices(['bom', 'slsa', 'cyclonedx']).default('bom'))
    .option('--subject <name=sha256:hex...>', 'subjects to attest instead of the BOM\'s model artifacts')
    .option('-o, --output <file>', 'write the envelope to a file instead of standard output')
    .addHelpText('after', '\nExamples:\n  $ training-bom sign boms/run-1.json --key keys/signer.key -o boms/run-1.intoto.json\n  $ training-bom sign run.json --key ci.key --passphrase-env SIGNING_PASSPHRASE --predicate slsa')
    .action(async (file: string, options: SignOptions, command: Command) => {
      let bom: TrainingBOM;
      try {
        bom = TrainingBOM.parse(await readInput(file));
      } catch (error) {
        if (reportFailure(file, error, 1)) return;
        throw error;
      }
      let key: Buffer;
      try {
        key = await readFile(options.key);
      } catch (error) {
        return command.error(`error: cannot read the key ${printable(options.key)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      // the CycloneDX exporter loads only when asked for; loading it registers the 'cyclonedx' predicate
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (options.predicate === 'cyclonedx') require('../standards/cyclonedx/cyclonedx-predicate');
      const predicate: PredicateChoice = options.predicate;
      const subjects = options.subject?.map((s) => subjectOf(s, command));
      try {
        const envelope = signBom(bom, key, { predicate, subjects, passphraseEnv: options.passphraseEnv });
        const text = `${JSON.stringify(envelope, null, 2)}\n`;
        if (options.output === undefined) process.stdout.write(text);
        else await writeFile(options.output, text, 'utf8');
      } catch (error) {
        if (!(error instanceof AttestationError)) throw error;
        process.stderr.write(`${printable(file)}: not signed (${error.reason}): ${printable(error.message)}\n`);
        process.exitCode = 1;
      }
    });
}
