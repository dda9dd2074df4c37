import { CommanderError, type Command } from 'commander';
import { retryForOption } from './mlflow-failure';
import { storeOption } from './store-option';

/** The options of `training-bom lineage`. */
export interface LineageOptions {
  dataset?: string;
  model?: string;
  store?: string;
  mlflow?: string | true;
  trackingUri?: string;
  registry: boolean;
  key?: string[];
  retryFor?: number;
  json: boolean;
}

/** Why this combination of options is not a lineage question, or undefined when it is one. */
function misuse(o: LineageOptions): string | undefined {
  if ((o.dataset === undefined) === (o.model === undefined)) return 'give exactly one of --dataset <digest|origin> and --model <name>/<version>';
  if (o.store !== undefined && o.mlflow !== undefined) return '--store and --mlflow name two stores: give one';
  if (o.model !== undefined && (o.store !== undefined || o.mlflow !== undefined || !o.registry)) return '--model reads MLflow\'s model registry (MLFLOW_TRACKING_URI or --tracking-uri): --store, --mlflow and --no-registry do not apply';
  if (o.dataset !== undefined && o.key !== undefined) return '--key checks the signature of a --model\'s run; with --dataset it does not apply';
  return undefined;
}

/**
 * `training-bom lineage --dataset <digest|origin>` / `--model <name>/<version>`: exit 0 found, 1 nothing found or
 * not verified, 2 usage error or MLflow unreachable, 3-4 as from-mlflow (docs/cli.md).
 */
export function registerLineage(program: Command): void {
  program
    .command('lineage')
    .description('follow a dataset to the runs trained on it and the model versions made from them, or a model version back to its BOM')
    .option('--dataset <digest|origin>', 'a dataset digest (sha256:<hex>) or origin: the runs that used it and their registered model versions')
    .option('--model <name/version>', 'a registered model version (split at the last /): its run, BOM, dataset, features, sweep and signature')
    .addOption(storeOption())
    .option('--mlflow [experiment]', 'with --dataset: the BOMs of this MLflow experiment (default MLFLOW_EXPERIMENT_NAME, else Default) instead of the store')
    .option('--tracking-uri <uri>', 'the MLflow tracking server (default MLFLOW_TRACKING_URI); with --store, its model registry is consulted')
    .option('--no-registry', 'with --dataset: do not look up registered model versions')
    .option('--key <pub...>', 'with --model: verify the run\'s signed attestation with these public keys (exit 1 when it does not verify)')
    .addOption(retryForOption())
    .option('--json', 'print the lineage as JSON (docs/governance.md#lineage)', false)
    .addHelpText('after', '\nExamples:\n  $ training-bom lineage --dataset sha256:9f86d081…  (MLFLOW_TRACKING_URI set: with model versions)\n  $ training-bom lineage --dataset s3://bucket/train.csv --mlflow fraud --json\n  $ training-bom lineage --model fraud-detector/3 --key keys/signer.pub')
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : new CommanderError(2, error.code, error.message);
    })
    .action(async (options: LineageOptions, command: Command) => {
      const wrong = misuse(options);
      if (wrong !== undefined) command.error(`error: ${wrong}`, { exitCode: 2 });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup
      const action = require('./lineage-action') as typeof import('./lineage-action');
      process.exitCode = options.model === undefined ? await action.datasetLineageCommand(options) : await action.modelLineageCommand(options);
    });
}
