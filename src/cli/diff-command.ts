import { CommanderError, Option, type Command } from 'commander';
import type { LoadedBom } from './load-bom';
import { storeDirectory, storeOption } from './store-option';
import { encodeNonFinite } from '../core/non-finite';

interface DiffOptions {
  json: boolean;
  store?: string;
  environment: 'software' | 'all' | 'none';
}

/** Non-finite numbers (metric values and deltas) as the strings the wire format uses, not JSON's null. */
const wireNumbers = (_key: string, value: unknown): unknown => (typeof value === 'number' ? encodeNonFinite(value) : value);

/**
 * `training-bom diff <a> <b>`: what changed between two runs, built on compareBoms. Exit codes as
 * diff(1): 0 the same, 1 different, 2 trouble (unreadable or invalid input, bad usage).
 */
export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('show what changed between two BOMs: params, metric deltas, features, dataset, model, seeds, environment (exit 1 when they differ, as diff does)')
    .argument('<a>', 'the first BOM: a file, - for standard input, or an id in the store')
    .argument('<b>', 'the second BOM')
    .addOption(storeOption())
    .addOption(new Option('--environment <which>', 'environment facts to compare').choices(['software', 'all', 'none']).default('software'))
    .option('--json', 'print the comparison as JSON (compareBoms\' BomComparison)', false)
    .addHelpText('after', '\nExamples:\n  $ training-bom diff boms/run-a.json boms/run-b.json\n  $ training-bom diff run-a run-b --json --environment none')
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : new CommanderError(2, error.code, error.message);
    })
    .action(async (a: string, b: string, options: DiffOptions) => {
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup */
      const { loadBom } = require('./load-bom') as typeof import('./load-bom');
      const { reportFailure } = require('./report-failure') as typeof import('./report-failure');
      const { compareBoms } = require('../reproducibility/comparison/compare-boms') as typeof import('../reproducibility/comparison/compare-boms');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const dir = storeDirectory(options.store);
      if (a === '-' && b === '-') {
        process.stderr.write('training-bom diff: only one of the two BOMs can be standard input\n');
        process.exitCode = 2;
        return;
      }
      const loaded: LoadedBom[] = [];
      for (const ref of [a, b]) {
        try {
          loaded.push(await loadBom(ref, dir));
        } catch (error) {
          if (reportFailure(ref, error, 2)) return;
          throw error;
        }
      }
      const [left, right] = loaded as [LoadedBom, LoadedBom];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when diffing
      const comparison = (require('./redact-output') as typeof import('./redact-output')).redactComparison(compareBoms(left.bom, right.bom, { environment: options.environment }));
      if (options.json) process.stdout.write(`${JSON.stringify(comparison, wireNumbers, 2)}\n`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the text output needs it
      else process.stdout.write((require('./diff-text') as typeof import('./diff-text')).diffText(comparison, { a: left.source, b: right.source }));
      process.exitCode = comparison.differs ? 1 : 0;
    });
}
