import type { Command } from 'commander';
import { TrainingBOM } from '../models/training-bom';
import { printable } from './printable';
import { readInput } from './read-input';
import { problemLine, problemsOf } from './report-failure';

interface FileResult {
  file: string;
  valid: boolean;
  problems: Array<{ path: string; message: string }>;
}

async function check(file: string, strict: boolean): Promise<FileResult> {
  try {
    TrainingBOM.parse(await readInput(file), { strict });
    return { file, valid: true, problems: [] };
  } catch (error) {
    const problems = problemsOf(error);
    if (problems === undefined) throw error;
    return { file, valid: false, problems: [...problems] };
  }
}

/** `training-bom validate <file...>`: exit 0 when every file is a valid BOM, 1 otherwise. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check that files are valid training BOMs')
    .argument('<file...>', 'BOM files to check; - reads standard input')
    .option('--strict', 'also apply strict mode (no unknown fields, ISO 8601 times, end >= start, ...)', false)
    .option('--json', 'print the results as JSON', false)
    .addHelpText('after', '\nExamples:\n  $ training-bom validate boms/*.json\n  $ cat bom.json | training-bom validate --strict -')
    .action(async (files: string[], options: { strict: boolean; json: boolean }) => {
      const results = await Promise.all(files.map((file) => check(file, options.strict)));
      if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else {
        for (const r of results) {
          if (r.valid) process.stdout.write(`${printable(r.file)}: valid\n`);
          for (const p of r.problems) process.stderr.write(problemLine(r.file, p));
        }
      }
      process.exitCode = results.every((r) => r.valid) ? 0 : 1;
    });
}
