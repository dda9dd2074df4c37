import { CommanderError, Option, type Command } from 'commander';
import { storeOption } from './store-option';
import { retryForOption } from './mlflow-failure';

/** The options of `evidence`, as commander parses them. */
export interface EvidenceOptions {
  framework: string;
  store?: string;
  mlflow: boolean;
  experiment?: string;
  trackingUri?: string;
  retryFor?: number;
  key?: string[];
  attestation?: string;
  strict: boolean;
  json: boolean;
}

/** The framework ids (also in src/governance/frameworks/*.json; a test keeps the two the same). */
export const FRAMEWORK_IDS = ['eu-ai-act-annex-iv', 'nist-ai-rmf'] as const;

/**
 * `training-bom evidence <bom> --framework <id>`: which items of the framework the BOM answers, which are
 * missing (docs/governance.md). Exit 0 all required items answered, 1 one is missing or failed (with
 * `--strict`, or partial), 2 usage error or no BOM to assess (MLflow: 2 unreachable, 3 wrong server, 4 credentials).
 */
export function registerEvidence(program: Command): void {
  program
    .command('evidence')
    .description('map a BOM onto a framework\'s items (EU AI Act Annex IV, NIST AI RMF): what it answers, what is missing; exit 1 when a required item is missing')
    .argument('<bom>', 'a BOM file, - for standard input, the id of a BOM in the store, or with --mlflow a BOM id or run id')
    .addOption(new Option('--framework <id>', 'the framework').choices(FRAMEWORK_IDS).makeOptionMandatory())
    .addOption(storeOption())
    .option('--mlflow', 'read the BOM from the MLflow tracking server ($MLFLOW_TRACKING_URI): a BOM id in --experiment, else a run id', false)
    .option('--experiment <name>', 'with --mlflow: the experiment searched for the BOM id (default: $MLFLOW_EXPERIMENT_NAME, else Default)')
    .option('--tracking-uri <uri>', 'with --mlflow: the tracking server (default: $MLFLOW_TRACKING_URI)')
    .addOption(retryForOption())
    .option('--key <pub...>', 'verify the BOM\'s attestation with these public keys (without: a signature counts as partial)')
    .option('--attestation <file>', 'the BOM\'s envelope (default: attestations/<name>.intoto.json or <name>.intoto.json beside the BOM; MLflow: the run\'s training_bom.intoto.json)')
    .option('--strict', 'a partial required item fails too (exit 1)', false)
    .option('--json', 'print the assessment as JSON (docs/governance.md, "JSON")', false)
    .exitOverride((error) => {
      throw error.exitCode === 1 ? new CommanderError(2, error.code, error.message) : error;   // usage errors exit 2: 1 means "evidence missing"
    })
    .addHelpText('after', [
      '', 'Examples:',
      '  $ training-bom evidence fraud-detection-v3.2 --framework eu-ai-act-annex-iv --key keys/signer.pub',
      '  $ training-bom evidence boms/run-1.json --framework nist-ai-rmf --json',
      '  $ MLFLOW_TRACKING_URI=http://127.0.0.1:5000 training-bom evidence fraud-detection-v3.2 --mlflow --experiment fraud --framework eu-ai-act-annex-iv',
      '', 'Exit codes: 0 every required item answered, 1 a required item missing or failed (--strict: or partial), 2 usage error or no BOM to assess (or MLflow unreachable), 3 not an MLflow server, 4 credentials refused.',
    ].join('\n'))
    .action(async (ref: string, options: EvidenceOptions, command: Command) => {
      if (!options.mlflow && (options.experiment !== undefined || options.trackingUri !== undefined || options.retryFor !== undefined)) {
        command.error('error: --experiment, --tracking-uri and --retry-for apply to --mlflow only', { exitCode: 2 });
      }
      if (options.mlflow && (options.store !== undefined || options.attestation !== undefined)) {
        command.error('error: --store and --attestation do not apply to --mlflow (the attestation is the run\'s training_bom.intoto.json)', { exitCode: 2 });
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup
      process.exitCode = await (require('./evidence-action') as typeof import('./evidence-action')).evidence(ref, options);
    });
}
