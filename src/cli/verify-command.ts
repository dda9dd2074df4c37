import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AttestationError } from '../errors';
import { verifyAttestation } from '../attestation/verify-attestation';
import { printable } from './printable';
import { InputError, readInput } from './read-input';

interface VerifyOptions {
  key: string[];
  artifacts?: string[];
  json: boolean;
}

/** `training-bom verify <envelope> --key <pub>... [--artifacts <path>...]`: exit 0 when it verifies, 1 when it does not. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify a signed attestation (DSSE envelope): signature, in-toto Statement, predicate, and the model files against its subjects')
    .argument('<envelope>', 'the envelope file (e.g. boms/<id>.intoto.json); - reads standard input')
    .requiredOption('--key <pub...>', 'trusted public key files (SPKI PEM); one valid signature by any suffices')
    .option('--artifacts <path...>', 'model files or directories: every file must match a subject')
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', '\nExamples:\n  $ training-bom verify boms/run-1.intoto.json --key keys/signer.pub\n  $ training-bom verify run.intoto.json --key a.pub b.pub --artifacts models/run-1/')
    .action(async (file: string, options: VerifyOptions, command: Command) => {
      const keys: Buffer[] = [];
      for (const path of options.key) {
        try {
          keys.push(await readFile(path));
        } catch (error) {
          command.error(`error: cannot read the key ${printable(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
        }
      }
      try {
        const result = await verifyAttestation(await readInput(file), { keys, artifacts: options.artifacts });
        const subjects = result.statement.subject.map((s) => s.name);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ file, verified: true, keyid: result.keyid, predicateType: result.statement.predicateType, subjects, artifacts: result.artifacts }, null, 2)}\n`);
        } else {
          process.stdout.write(`${printable(file)}: verified: signed by keyid ${result.keyid}\n`);
          process.stdout.write(`  predicate: ${printable(result.statement.predicateType)}${result.bom === undefined ? '' : ` (BOM ${printable(result.bom.id)})`}\n`);
          process.stdout.write(`  subjects: ${subjects.map((s) => printable(s)).join(', ')}\n`);
          for (const a of result.artifacts) process.stdout.write(`  ${printable(a.path)}: matches ${printable(a.subject)} (${a.digest})\n`);
        }
      } catch (error) {
        if (error instanceof InputError) {
          process.stderr.write(`${printable(file)}: ${printable(error.message)}\n`);
          process.exitCode = 2;
          return;
        }
        if (!(error instanceof AttestationError)) throw error;
        if (options.json) process.stdout.write(`${JSON.stringify({ file, verified: false, reason: error.reason, message: error.message }, null, 2)}\n`);
        process.stderr.write(`${printable(file)}: not verified (${error.reason}): ${printable(error.message)}\n`);
        process.exitCode = 1;
      }
    });
}
