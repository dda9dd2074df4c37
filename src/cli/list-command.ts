import { InvalidArgumentError, type Command } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { InvalidArgumentError as BadArgument, issueLocation } from '../errors';
import { printable } from './printable';
import { storeDirectory, storeOption } from './store-option';
import { addQueryOptions, isQuery, queryFromOptions, type QueryOptionValues } from './query-options';

/** Parses a `--since` / `--until` value: an ISO 8601 date or date-time (UTC unless it says otherwise) or epoch milliseconds. */
function parseTimeOption(value: string): Date {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(/^\d{4}-\d{2}-\d{2}T[^Z+-]*$/.test(value) ? `${value}Z` : value);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError('expected an ISO 8601 date or date-time, or epoch milliseconds');
  return new Date(ms);
}

function skipReason(error: unknown): string {
  const issues = (error as { issues?: ReadonlyArray<{ path: string; message: string }> }).issues;
  const first = issues?.[0];
  if (first !== undefined) return `not a valid BOM (${issueLocation(first.path)}: ${first.message}${issues!.length > 1 ? `, and ${issues!.length - 1} more` : ''})`;
  return error instanceof Error ? error.message : String(error);
}

interface ListOptions extends QueryOptionValues {
  json: boolean;
  store?: string;
  sweep?: string;
  mlflow?: string | true;
  reindex: boolean;
}

const more = (metric: string, previous: string[] | undefined): string[] => [...(previous ?? []), metric];

/** `training-bom list`: the BOMs in the store, oldest first; files that are not BOMs are reported on stderr. */
export function registerList(program: Command): void {
  const command = program
    .command('list')
    .description('list the BOMs in the store, sorted by start time (files that are not valid BOMs are reported on standard error)')
    .addOption(storeOption())
    .option('--model-type <type>', 'only BOMs whose model_info.type is exactly this')
    .option('--since <time>', 'only BOMs that started at or after this time (ISO 8601 or epoch ms)', parseTimeOption)
    .option('--until <time>', 'only BOMs that started before this time', parseTimeOption)
    .option('--mlflow [experiment]', 'list from MLflow (MLFLOW_TRACKING_URI) instead of the store: the experiment (default MLFLOW_EXPERIMENT_NAME, else Default), answered by its search')
    .option('--reindex', 'with --mlflow: first index the runs stored before the query index (reads their BOM artifacts once)', false)
    .option('--sweep <parent-run-id>', 'instead: the trials of a hyper-parameter sweep in MLflow (MLFLOW_TRACKING_URI), best first marked')
    .option('--metric <cond>', 'a metric condition such as accuracy>=0.9 (ops >= > <= < = !=), repeatable; with --sweep, a bare name ranks the trials by that metric', more)
    .option('--json', 'print the summaries as JSON', false);
  addQueryOptions(command)
    .addHelpText('after', '\nExamples:\n  $ training-bom list\n  $ training-bom list --model-type RandomForestClassifier --since 2024-09-01 --json\n  $ training-bom list --dataset sha256:9f86… --feature zip_code\n  $ training-bom list --model-type RF --metric "accuracy>=0.9" --order-by metric:accuracy --desc --limit 20\n  $ training-bom list --mlflow my-experiment --model-type XGBClassifier --json  (MLFLOW_TRACKING_URI set)\n  $ training-bom list --sweep 3f2a…  (MLFLOW_TRACKING_URI set)')
    .action(async (options: ListOptions) => {
      if (options.sweep !== undefined) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for sweeps
        const { listSweep } = require('./list-sweep') as typeof import('./list-sweep');
        process.exitCode = await listSweep(options.sweep, options.metric?.[0], options.json);
        return;
      }
      if (options.mlflow !== undefined) {
        let query;
        try {
          query = queryFromOptions(options);
        } catch (error) {
          if (!(error instanceof BadArgument)) throw error;
          process.stderr.write(`training-bom list: ${printable(error.message)}\n`);
          process.exitCode = 1;
          return;
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for MLflow
        const { listMlflow } = require('./list-mlflow') as typeof import('./list-mlflow');
        process.exitCode = await listMlflow(query, options.mlflow === true ? undefined : options.mlflow, options.json, { reindex: options.reindex, onePage: isQuery(options) });
        return;
      }
      // The index's SQLite is WebAssembly: V8's optimising tier compiles its hot functions in the background, which
      // costs a short command ~80 ms on 2 cores for nothing; the baseline tier alone is enough (docs/store.md).
      setFlagsFromString('--liftoff-only');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup
      const { FileBomStore } = require('../store/file-bom-store') as typeof import('../store/file-bom-store');
      const store = new FileBomStore(storeDirectory(options.store));
      let summaries;
      if (isQuery(options)) {
        let page;
        try {
          page = await store.query(queryFromOptions(options));
        } catch (error) {
          if (!(error instanceof BadArgument)) throw error;
          process.stderr.write(`training-bom list: ${printable(error.message)}\n`);
          process.exitCode = 1;
          return;
        }
        summaries = page.items;
        if (page.nextPageToken !== undefined) process.stderr.write(`more: --page-token ${page.nextPageToken}\n`);
      } else summaries = await store.list({
        modelType: options.modelType, since: options.since, until: options.until,
        onSkip: (path, error) => process.stderr.write(`${printable(path)}: skipped: ${printable(skipReason(error))}\n`),
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when listing
      const shown = summaries.map((require('./redact-output') as typeof import('./redact-output')).redactSummary);
      if (options.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the text output needs it
      else process.stdout.write((require('./list-text') as typeof import('./list-text')).listText(shown, store.directory));
    });
}
