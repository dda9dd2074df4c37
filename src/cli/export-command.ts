import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { TrainingBOM } from '../models/training-bom';
import { readInput } from './read-input';
import { reportFailure } from './report-failure';

interface ExportOptions {
  format: 'cyclonedx' | 'spdx3';
  specVersion?: '1.6' | '1.7';
  output?: string;
}

/** `training-bom export --format cyclonedx|spdx3 [--spec-version 1.6|1.7] <file>`: prints the document as JSON. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a training BOM as a CycloneDX ML-BOM or an SPDX 3.0.1 document (JSON on standard output)')
    .argument('<file>', 'BOM file; - reads standard input')
    .addOption(new Option('--format <format>', 'standard to write').choices(['cyclonedx', 'spdx3']).makeOptionMandatory())
    .addOption(new Option('--spec-version <version>', 'CycloneDX version (default 1.6)').choices(['1.6', '1.7']))
    .option('-o, --output <file>', 'write the document to a file instead of standard output')
    .addHelpText('after', '\nExamples:\n  $ training-bom export --format cyclonedx --spec-version 1.7 run.json > run.cdx.json\n  $ training-bom export --format spdx3 -o run.spdx3.json run.json')
    .action(async (file: string, options: ExportOptions, command: Command) => {
      if (options.format === 'spdx3' && options.specVersion !== undefined) command.error('error: --spec-version applies to --format cyclonedx only');
      let bom: TrainingBOM;
      try {
        bom = TrainingBOM.parse(await readInput(file));
      } catch (error) {
        if (reportFailure(file, error, 1)) return;
        throw error;
      }
      let document: object;
      try {
        // Loaded here, not at startup: the exporters pull in ajv-formats and the CycloneDX library.
        /* eslint-disable @typescript-eslint/no-require-imports */
        document = options.format === 'cyclonedx'
          ? (require('../standards/cyclonedx/to-cyclonedx') as typeof import('../standards/cyclonedx/to-cyclonedx')).toCycloneDx(bom, { specVersion: options.specVersion ?? '1.6' })
          : (require('../standards/spdx3/to-spdx3') as typeof import('../standards/spdx3/to-spdx3')).toSpdx3(bom);
        /* eslint-enable @typescript-eslint/no-require-imports */
      } catch (error) {
        if (reportFailure(file, error, 1)) return;
        throw error;
      }
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (options.output === undefined) process.stdout.write(text);
      else await writeFile(options.output, text, 'utf8');
    });
}
