import type { Command } from 'commander';
import { storeDirectory, storeOption } from './store-option';

interface ShowOptions {
  json: boolean;
  all: boolean;
  store?: string;
  /** undefined: on when standard output is a terminal. */
  sparklines?: boolean;
  key?: string[];
  attestation?: string;
}

/** `training-bom show <file|id>`: a BOM's summary; exit 1 when it cannot be read or is not a valid BOM. */
export function registerShow(program: Command): void {
  program
    .command('show')
    .description('summarise a BOM: dataset, features kept and dropped, model, params, metrics, duration')
    .argument('<bom>', 'a BOM file, - for standard input, or the id of a BOM in the store')
    .addOption(storeOption())
    .option('--all', 'list every feature, param and metric (default: the first 50 of each)', false)
    .option('--json', 'print the summary as JSON', false)
    .option('--sparklines', 'draw a sparkline per metric from the stored history even when not on a terminal')
    .option('--no-sparklines', 'no sparklines (default: drawn when standard output is a terminal and a history is stored)')
    .option('--key <pub...>', 'verify the BOM\'s attestation with these public keys (exit 1 when it does not verify)')
    .option('--attestation <file>', 'the BOM\'s envelope (default: attestations/<name>.intoto.json or <name>.intoto.json beside the BOM)')
    .addHelpText('after', '\nExamples:\n  $ training-bom show boms/run-20240905T100000Z-1a2b3c4d.json\n  $ training-bom show fraud-detection-v3.2 --json\n  $ training-bom show fraud-detection-v3.2 --key keys/signer.pub')
    .action(async (ref: string, options: ShowOptions) => {
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup */
      const { loadBom } = require('./load-bom') as typeof import('./load-bom');
      const { reportFailure } = require('./report-failure') as typeof import('./report-failure');
      const { describeBom } = require('./describe-bom') as typeof import('./describe-bom');
      const { showText } = require('./show-text') as typeof import('./show-text');
      const { sparklineSection } = require('./sparkline-section') as typeof import('./sparkline-section');
      /* eslint-enable @typescript-eslint/no-require-imports */
      let loaded;
      try {
        loaded = await loadBom(ref, storeDirectory(options.store));
      } catch (error) {
        if (reportFailure(ref, error, 1)) return;
        throw error;
      }
      const { bomAttestation, attestationText } = require('./bom-attestation') as typeof import('./bom-attestation');   // eslint-disable-line @typescript-eslint/no-require-imports
      const attestation = await bomAttestation(loaded.bom, loaded.source, options.attestation, options.key ?? []);
      const description = describeBom(loaded.bom, loaded.source);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...description, attestation }, null, 2)}\n`);
        if (attestation.verified === false) process.exitCode = 1;
        return;
      }
      const draw = options.sparklines ?? process.stdout.isTTY === true;
      process.stdout.write(showText(description, options.all) + attestationText(attestation) + (draw ? await sparklineSection(loaded, options.all) : ''));
      if (attestation.verified === false) process.exitCode = 1;
    });
}
