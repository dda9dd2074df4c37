#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerValidate } from './validate-command';
import { registerExport } from './export-command';
import { registerSchema } from './schema-command';
import { registerShow } from './show-command';
import { registerDiff } from './diff-command';
import { registerFromMlflow } from './from-mlflow-command';
import { registerList } from './list-command';
import { registerRecover } from './recover-command';
import { registerReport } from './report-command';
import { registerKeygen } from './keygen-command';
import { registerVerify } from './verify-command';
import { registerSign } from './sign-command';
import { registerEvidence } from './evidence-command';
import { printable } from './printable';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

/** Builds the `training-bom` command line. */
export function buildProgram(): Command {
  const program = new Command('training-bom')
    .description('Bills of Materials for machine-learning training runs')
    .version(version)
    .option('--debug', 'show stack traces for unexpected errors', false)
    .showHelpAfterError()
    .exitOverride();
  registerValidate(program);
  registerExport(program);
  registerSchema(program);
  registerShow(program);
  registerDiff(program);
  registerFromMlflow(program);
  registerList(program);
  registerRecover(program);
  registerReport(program);
  registerKeygen(program);
  registerSign(program);
  registerVerify(program);
  registerEvidence(program);
  program.addHelpText('after', '\nExamples:\n  $ training-bom validate boms/*.json\n  $ training-bom validate --strict --json run.json');
  program.addHelpText('after', [
    '  $ training-bom show boms/run-20240905T100000Z-1a2b3c4d.json', '  $ training-bom diff run-a run-b --json', '  $ training-bom list --model-type RandomForestClassifier',
    '  $ training-bom from-mlflow --experiment fraud --filter "metrics.accuracy > 0.9"', '  $ training-bom export --format cyclonedx run.json > run.cdx.json',
    '  $ training-bom schema > training-bom.schema.json', '  $ training-bom recover boms/journals/fraud-v3.journal', '  $ training-bom report run-a run-b run-c --out comparison.html',
    '  $ training-bom keygen --type ed25519 --out keys/signer', '  $ training-bom sign boms/run-1.json --key keys/signer.key -o boms/run-1.intoto.json',
    '  $ training-bom verify boms/run-1.intoto.json --key keys/signer.pub --artifacts models/run-1/',
    '  $ training-bom evidence run-1 --framework eu-ai-act-annex-iv --key keys/signer.pub', '\nRun training-bom <command> --help for its options and more examples.',
  ].join('\n'));
  return program;
}

async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(); else throw error; });   // `| head` closed the pipe
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const debug = argv.includes('--debug');
    process.stderr.write(`training-bom: ${printable(debug && error instanceof Error ? (error.stack ?? error.message) : error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 2;
  }
}

void main(process.argv);
