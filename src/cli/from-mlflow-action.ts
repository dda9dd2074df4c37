/** The work of `training-bom from-mlflow`, loaded only when the command runs (it needs undici). */
import { InvalidArgumentError, MlflowConnectionError, TrainingBomError } from '../errors';
import { bomOfFetchedRun, type FetchedRunBomSettings } from '../mlflow/bom-of-fetched-run';
import { MlflowClient } from '../mlflow/mlflow-client';
import type { MlflowRun } from '../mlflow/types';
import { FileBomStore } from '../store/file-bom-store';
import { forEachBounded } from './bounded-pool';
import type { FromMlflowOptions } from './from-mlflow-command';
import { createProgress, type Progress } from './progress';
import { storeDirectory } from './store-option';

interface Written { readonly runId: string; readonly id: string; readonly path: string }
interface Failed { readonly runId: string; readonly code: string; readonly message: string }

/** Every run of the experiment matching the filter, page by page, growing the progress total as pages arrive. */
async function* experimentRuns(client: MlflowClient, name: string, filter: string | undefined, progress: Progress): AsyncGenerator<MlflowRun> {
  const experiment = await client.getExperimentByName(name);
  if (experiment === undefined) throw new InvalidArgumentError('--experiment', `no MLflow experiment named '${name}'`);
  let token: string | undefined;
  let total = 0;
  do {
    const page = await client.searchRunsPage({ experimentIds: [experiment.experimentId], filter, maxResults: 1000 }, token);
    progress.grow((total += page.items.length));
    yield* page.items;
    token = page.nextPageToken;
  } while (token !== undefined);
}

function failure(error: unknown): Omit<Failed, 'runId'> {
  const code = error instanceof TrainingBomError ? error.code : 'ERROR';
  return { code, message: error instanceof Error ? error.message : String(error) };
}

/** Builds and writes the BOMs; sets the exit code (0 all written, 1 some runs failed, 2 MLflow unreachable). */
export async function fromMlflow(runIds: readonly string[], options: FromMlflowOptions): Promise<void> {
  const client = new MlflowClient(options.trackingUri === undefined ? {} : { trackingUri: options.trackingUri });
  const store = new FileBomStore(options.out ?? storeDirectory(options.store));
  const settings: FetchedRunBomSettings = { timestamps: options.timestamps, includeMetricHistory: options.metricHistory, restoreInfinity: true, useArtifact: options.artifact };
  const tty = process.stderr.isTTY === true;
  const mode = !options.progress ? 'none' : tty ? 'bar' : options.json ? 'none' : 'lines';
  const progress = await createProgress(mode, mode === 'bar' ? process.stderr : process.stdout, 'from-mlflow');
  const written: Written[] = [];
  const failed: Failed[] = [];
  const owners = new Map<string, string>();
  let unreachable: unknown;

  const fail = (runId: string, why: Omit<Failed, 'runId'>): void => {
    failed.push({ runId, ...why });
    if (mode === 'bar') progress.tick('');
    else if (!options.json) process.stderr.write(`${runId}: ${why.message}\n`);
  };
  const build = async (run: MlflowRun | string): Promise<void> => {
    const runId = typeof run === 'string' ? run : run.info.runId;
    try {
      const fetched = typeof run === 'string' ? await client.getRun(run) : run;
      const bom = await bomOfFetchedRun(client, fetched, settings);
      const owner = owners.get(bom.id);
      if (owner !== undefined) return fail(runId, { code: 'DUPLICATE_BOM_ID', message: `has BOM id '${bom.id}', as run ${owner} has; kept that one` });
      owners.set(bom.id, runId);
      const path = await store.put(bom);
      written.push({ runId, id: bom.id, path });
      progress.tick(`${runId}  ${bom.id}  ${path}`);
    } catch (error) {
      if (error instanceof MlflowConnectionError) {
        unreachable ??= error;
        throw error;
      }
      fail(runId, failure(error));
    }
  };

  try {
    const source = options.experiment === undefined ? runIds : experimentRuns(client, options.experiment, options.filter, progress);
    if (options.experiment === undefined) progress.grow(runIds.length);
    await forEachBounded<MlflowRun | string>(source, options.concurrency, build);
  } catch (error) {
    if (unreachable === undefined) throw error;
  } finally {
    progress.stop();
    await client.close();
  }
  report(written, failed, store.directory, options, mode === 'bar');
  if (unreachable !== undefined) {
    process.stderr.write(`training-bom from-mlflow: stopped, MLflow is unreachable: ${(unreachable as Error).message}\n`);
    process.exitCode = 2;
  } else process.exitCode = failed.length > 0 ? 1 : 0;
}

function report(written: readonly Written[], failed: readonly Failed[], directory: string, options: FromMlflowOptions, afterBar: boolean): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ directory, written, failed }, null, 2)}\n`);
    return;
  }
  if (afterBar) for (const f of failed) process.stderr.write(`${f.runId}: ${f.message}\n`);
  process.stdout.write(`Wrote ${written.length} BOM${written.length === 1 ? '' : 's'} to ${directory}${failed.length > 0 ? `; ${failed.length} run${failed.length === 1 ? '' : 's'} failed` : ''}\n`);
}
