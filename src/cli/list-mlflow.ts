/** `training-bom list --mlflow [experiment]`: a query answered by MLflow's search on the query index (docs/store.md). */
import { MlflowError } from '../errors';
import type { BomQuery } from '../store/bom-query';
import type { BomSummary } from '../store/bom-summary';
import { MlflowBomStore } from '../store/mlflow-bom-store';
import { formatDuration } from './format-value';
import { listText } from './list-text';
import { cliClientOptions, mlflowStop, reportStop } from './mlflow-failure';
import { printable } from './printable';
import { redactSummary } from './redact-output';

/**
 * Prints every BOM of the experiment (default: `MLFLOW_EXPERIMENT_NAME`, else `Default`) that matches the
 * query; text or `--json`. Without query options (`onePage` false) every page; with them one page (1,000
 * BOMs or `--limit`), the next page's token on standard error. With `reindex`, first indexes the runs stored
 * before the query index (`MlflowBomStore.reindex`). Exit code 0; 1 for a query MLflow refuses; 2-4
 * as `from-mlflow` when MLflow fails.
 */
export async function listMlflow(query: BomQuery, experimentName: string | undefined, json: boolean, how: { readonly reindex?: boolean; readonly onePage?: boolean } = {}): Promise<number> {
  const began = Date.now();
  const store = new MlflowBomStore({ clientOptions: cliClientOptions({}), ...(experimentName === undefined ? {} : { experimentName }) });
  try {
    if (how.reindex === true) {
      const r = await store.reindex({ onSkip: (location, error) => process.stderr.write(`${printable(location)}: skipped: ${printable(error instanceof Error ? error.message : 'no BOM artifact')}\n`) });
      process.stderr.write(`training-bom list: indexed ${r.indexed} run${r.indexed === 1 ? '' : 's'} (${r.current} already indexed, ${r.skipped} skipped)\n`);
    }
    const summaries: BomSummary[] = [];
    let pageToken = query.pageToken;
    for (;;) {
      const page = await store.query({ ...query, limit: query.limit ?? (how.onePage === true ? undefined : 10_000), ...(pageToken === undefined ? {} : { pageToken }) });
      summaries.push(...page.items.map(redactSummary));
      pageToken = page.nextPageToken;
      if (pageToken === undefined) break;
      if (how.onePage === true) {
        // A query answers one page, as the file store's does; the next one is asked for with its token.
        process.stderr.write(`more: --page-token ${pageToken}\n`);
        break;
      }
    }
    const where = `MLflow experiment ${experimentName ?? process.env.MLFLOW_EXPERIMENT_NAME ?? 'Default'}`;
    process.stdout.write(json ? `${JSON.stringify(summaries, null, 2)}\n` : listText(summaries, where));
    return 0;
  } catch (error) {
    const stop = mlflowStop(error, undefined);
    if (stop !== undefined) {
      reportStop('list', stop, error, Date.now() - began);
      return stop.exitCode;
    }
    if (error instanceof MlflowError || (error instanceof Error && error.name === 'InvalidArgumentError')) {
      process.stderr.write(`training-bom list: ${printable(error.message)} (after ${formatDuration(Date.now() - began)})\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
