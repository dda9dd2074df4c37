#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printable } from './printable';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when needed: a run of one command loads that command's code alone (the
 * BOM model and its validators cost ~25 ms of start-up that `list` from the index never needs). Help, a
 * mistyped command and no command load them all. In the order help lists them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point */
const COMMANDS: ReadonlyArray<readonly [string, () => Register]> = [
  ['validate', () => (require('./validate-command') as typeof import('./validate-command')).registerValidate],
  ['export', () => (require('./export-command') as typeof import('./export-command')).registerExport],
  ['schema', () => (require('./schema-command') as typeof import('./schema-command')).registerSchema],
  ['show', () => (require('./show-command') as typeof import('./show-command')).registerShow],
  ['diff', () => (require('./diff-command') as typeof import('./diff-command')).registerDiff],
  ['from-mlflow', () => (require('./from-mlflow-command') as typeof import('./from-mlflow-command')).registerFromMlflow],
  ['list', () => (require('./list-command') as typeof import('./list-command')).registerList],
  ['recover', () => (require('./recover-command') as typeof import('./recover-command')).registerRecover],
  ['report', () => (require('./report-command') as typeof import('./report-command')).registerReport],
  ['keygen', () => (require('./keygen-command') as typeof import('./keygen-command')).registerKeygen],
  ['sign', () => (require('./sign-command') as typeof import('./sign-command')).registerSign],
  ['verify', () => (require('./verify-command') as typeof import('./verify-command')).registerVerify],
  ['lineage', () => (require('./lineage-command') as typeof import('./lineage-command')).registerLineage],
  ['evidence', () => (require('./evidence-command') as typeof import('./evidence-command')).registerEvidence],
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The command `argv` runs, when it names one (the first argument that is not a global option). */
function commandOf(argv: readonly string[]): string | undefined {
  const first = argv.slice(2).find((a) => a !== '--debug');
  return COMMANDS.some(([name]) => name === first) ? first : undefined;
}

/** Builds the `training-bom` command line: every command, or only `only` when given. */
export function buildProgram(only?: string): Command {
  const program = new Command('training-bom')
    .description('Bills of Materials for machine-learning training runs')
    .version(version)
    .option('--debug', 'show stack traces for unexpected errors', false)
    .showHelpAfterError()
    .exitOverride();
  for (const [name, load] of COMMANDS) if (only === undefined || only === name) load()(program);
  program.addHelpText('after', '\nExamples:\n  $ training-bom validate boms/*.json\n  $ training-bom validate --strict --json run.json');
  program.addHelpText('after', [
    '  $ training-bom show boms/run-20240905T100000Z-1a2b3c4d.json', '  $ training-bom diff run-a run-b --json', '  $ training-bom list --model-type RandomForestClassifier',
    '  $ training-bom from-mlflow --experiment fraud --filter "metrics.accuracy > 0.9"', '  $ training-bom export --format cyclonedx run.json > run.cdx.json',
    '  $ training-bom schema > training-bom.schema.json', '  $ training-bom recover boms/journals/fraud-v3.journal', '  $ training-bom report run-a run-b run-c --out comparison.html',
    '  $ training-bom keygen --type ed25519 --out keys/signer', '  $ training-bom sign boms/run-1.json --key keys/signer.key -o boms/run-1.intoto.json',
    '  $ training-bom verify boms/run-1.intoto.json --key keys/signer.pub --artifacts models/run-1/', '  $ training-bom lineage --dataset sha256:9f86d081… --json',
    '  $ training-bom evidence run-1 --framework eu-ai-act-annex-iv --key keys/signer.pub', '\nRun training-bom <command> --help for its options and more examples.',
  ].join('\n'));
  return program;
}

async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(); else throw error; });   // `| head` closed the pipe
  const program = buildProgram(commandOf(argv));
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
