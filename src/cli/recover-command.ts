import type { Command } from 'commander';
import { storeOption } from './store-option';
import { retryForOption } from './mlflow-failure';

/** Options of `training-bom recover`. */
export interface RecoverOptions {
  store?: string;
  out?: string;
  mlflow: boolean;
  keepJournal?: boolean;
  json?: boolean;
  retryFor?: number;
  signKey?: string;
  passphraseEnv?: string;
}

/**
 * `training-bom recover [journal...]`: after a crash, rebuilds each run from its journal, stores the BOM
 * (marked as recovered) and delivers to MLflow what it lacks; exit 1 when a run gives no BOM or MLflow
 * could not be reached (the journal is then kept).
 */
export function registerRecover(program: Command): void {
  program
    .command('recover')
    .description('rebuild crashed runs from their journals: store each BOM (marked recovered) and send MLflow what it lacks')
    .argument('[journal...]', 'journal files (default: every journal in the store\'s journals/ directory)')
    .addOption(storeOption())
    .option('--out <dir>', 'write the BOMs to this directory instead of the store')
    .option('--no-mlflow', 'do not deliver to MLflow (default: deliver when the run was mirrored and MLFLOW_TRACKING_URI is set)')
    .option('--keep-journal', 'keep each journal after its BOM is stored and delivered (by default it is deleted then)')
    .option('--json', 'print one JSON object per journal')
    .addOption(retryForOption())
    .option('--sign-key <private.pem>', 'sign each BOM with this key (a recovered BOM\'s attestation says it was recovered); unsigned by default')
    .option('--passphrase-env <var>', 'the environment variable holding the passphrase of an encrypted --sign-key')
    .addHelpText('after', [
      '\nExamples:', '  $ training-bom recover', '  $ training-bom recover boms/journals/fraud-v3.journal --out recovered/',
      '  $ MLFLOW_TRACKING_URI=http://mlflow:5000 training-bom recover --json',
      '  $ training-bom recover --retry-for 600     # wait up to 10 minutes for MLflow to come back',
    ].join('\n'))
    .action(async (journals: string[], options: RecoverOptions) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup
      const { recoverJournals } = require('./recover-action') as typeof import('./recover-action');
      process.exitCode = await recoverJournals(journals, options);
    });
}
