import { InvalidArgumentError, Option, type Command } from 'commander';
import { storeOption } from './store-option';
import { retryForOption } from './mlflow-failure';

/** The options of `from-mlflow`, as commander parses them. */
export interface FromMlflowOptions {
  experiment?: string;
  filter?: string;
  out?: string;
  store?: string;
  concurrency: number;
  trackingUri?: string;
  retryFor?: number;
  timestamps: 'iso' | 'epoch-ms';
  artifacts: 'tagged' | 'all' | 'none';
  metricHistory: boolean;
  history: boolean;
  json: boolean;
  progress: boolean;
  attestation: boolean;
  key?: string[];
}

function concurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected an integer from 1 to 64');
  return n;
}

/**
 * `training-bom from-mlflow <run-id...>` / `--experiment <name> [--filter <expr>]`: the BOM of each run
 * (createTrainingBomFromMlflow's rules), fetched concurrently, into the store or `--out`.
 */
export function registerFromMlflow(program: Command): void {
  program
    .command('from-mlflow')
    .description('build the BOMs of MLflow runs (their training_bom.json artifact, else from run data) into the store or --out')
    .argument('[run-id...]', 'MLflow run ids (or use --experiment)')
    .option('--experiment <name>', 'every run of this experiment (instead of run ids)')
    .option('--filter <expr>', "MLflow search filter for --experiment, e.g. \"params.model_type = 'xgboost'\"")
    .option('--out <dir>', 'write the BOMs to this directory (same layout as the store) instead of the store')
    .addOption(storeOption())
    .option('--concurrency <n>', 'runs fetched at a time, 1-64', concurrency, 8)
    .option('--tracking-uri <uri>', 'MLflow tracking server (default: $MLFLOW_TRACKING_URI)')
    .addOption(retryForOption())
    .addOption(new Option('--timestamps <format>', 'times of BOMs built from run data').choices(['iso', 'epoch-ms']).default('iso'))
    .addOption(new Option('--artifacts <which>', 'whose training_bom.json to read: runs tagged training_bom.id (as the SDK tags the runs it writes), all runs (one more request a run), or none').choices(['tagged', 'all', 'none']).default('tagged'))
    .option('--history', 'also store each run\'s metric history beside its BOM (one request per metric per run; docs/history-format.md)', false)
    .option('--metric-history', 'add every metric point to additional_values.mlflow_metric_history', false)
    .option('--attestation', 'also read each run\'s training_bom.intoto.json (one more request a run), store it beside the BOM and say whether it is signed', false)
    .option('--key <pub...>', 'verify each run\'s attestation with these public keys (implies --attestation; exit 1 when one does not verify)')
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--json', 'print the results as JSON', false)
    .addHelpText('after', [
      '', 'Examples:',
      '  $ training-bom from-mlflow 0b8a0e6e7b1c4f53a0c6d1f2e3a4b5c6 --out boms/',
      "  $ MLFLOW_TRACKING_URI=http://127.0.0.1:5000 training-bom from-mlflow --experiment fraud --filter \"metrics.accuracy > 0.9\"",
      '  $ training-bom from-mlflow --experiment fraud --retry-for 300     # the server is still starting',
      '  $ training-bom from-mlflow --experiment fraud --key keys/signer.pub  # and verify each run\'s attestation',
      '', 'Exit codes: 0 all written, 1 some runs failed (or an attestation did not verify), 2 MLflow unreachable (or another error), 3 the URI is not a usable MLflow server, 4 credentials refused.',
    ].join('\n'))
    .action(async (runIds: string[], options: FromMlflowOptions, command: Command) => {
      if ((runIds.length > 0) === (options.experiment !== undefined)) command.error('error: give run ids or --experiment <name>, not both and not neither');
      if (options.filter !== undefined && options.experiment === undefined) command.error('error: --filter applies to --experiment only');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup
      await (require('./from-mlflow-action') as typeof import('./from-mlflow-action')).fromMlflow(runIds, options);
    });
}
