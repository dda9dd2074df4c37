import { Option, type Command } from 'commander';
import { storeDirectory, storeOption } from './store-option';

interface ReportOptions {
  out?: string;
  format: 'html' | 'md';
  store?: string;
  title?: string;
  key?: string[];
}

/**
 * `training-bom report <bom>...`: one self-contained HTML page about a run, or comparing several (or a
 * Markdown model card with `--format md`), with each run's metric history when it is stored; exit 1 when a
 * BOM cannot be read or is not valid.
 */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write an offline HTML report of one run or a comparison of several (charts from the stored metric history), or a Markdown model card')
    .argument('<bom...>', 'BOM files, ids of BOMs in the store, or - for standard input (once)')
    .option('-o, --out <file>', 'write the report to this file (default: standard output)')
    .addOption(new Option('--format <format>', 'html: the report page; md: a model card per run').choices(['html', 'md']).default('html'))
    .addOption(storeOption())
    .option('--title <text>', 'the HTML page title')
    .option('--key <pub...>', 'verify each BOM\'s stored attestation with these public keys (the report shows verified, invalid, or signed but unverified)')
    .addHelpText('after', '\nExamples:\n  $ training-bom report run-20240905T100000Z-1a2b3c4d --out run.html\n  $ training-bom report run-a run-b run-c --out comparison.html\n  $ training-bom report boms/run.json --format md --out MODEL_CARD.md')
    .action(async (refs: string[], options: ReportOptions) => {
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup */
      const { loadReportRun } = require('./load-report-run') as typeof import('./load-report-run');
      const { reportFailure } = require('./report-failure') as typeof import('./report-failure');
      const { writeFile } = require('node:fs/promises') as typeof import('node:fs/promises');
      /* eslint-enable @typescript-eslint/no-require-imports */
      if (refs.filter((r) => r === '-').length > 1) {
        process.stderr.write('training-bom report: only one BOM can be standard input\n');
        process.exitCode = 2;
        return;
      }
      const dir = storeDirectory(options.store);
      const runs = [];
      for (const ref of refs) {
        try {
          runs.push(await loadReportRun(ref, dir, options.key ?? []));
        } catch (error) {
          if (reportFailure(ref, error, 1)) return;
          throw error;
        }
      }
      let text: string;
      if (options.format === 'md') {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the model card needs it
        const { renderModelCard } = require('../report/model-card') as typeof import('../report/model-card');
        text = runs.map((run) => renderModelCard(run)).join('\n---\n\n');
      } else {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the HTML report needs it
        const { renderReport } = require('../report/render-report') as typeof import('../report/render-report');
        text = renderReport(runs, { title: options.title });
      }
      if (options.out === undefined) process.stdout.write(text);
      else {
        await writeFile(options.out, text, 'utf8');
        process.stdout.write(`Report written to ${options.out}\n`);
      }
    });
}
