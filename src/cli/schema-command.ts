import type { Command } from 'commander';
import { trainingBomJsonSchema } from '../standards/training-bom-json-schema';

/** `training-bom schema`: prints the JSON Schema (draft 2020-12) of the BOM wire format. */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of the training BOM wire format')
    .addHelpText('after', '\nExamples:\n  $ training-bom schema > training-bom.schema.json')
    .action(() => {
      process.stdout.write(`${JSON.stringify(trainingBomJsonSchema(), null, 2)}\n`);
    });
}
