/** The work of `training-bom from-mlflow`, loaded only when the command runs (it needs undici). */
import { runMetricKeys } from '../mlflow/bom/query-index';
import { InvalidArgumentError, TrainingBomError } from '../errors';
import { bomOfFetchedRun, type FetchedRunBomSettings } from '../mlflow/bom/bom-of-fetched-run';
import { MlflowClient } from '../mlflow/client/mlflow-client';
import type { MlflowPage, MlflowRun } from '../mlflow/client/types';
import { FileBomStore } from '../store/file-bom-store';
import { readRunHistory } from '../store/mlflow-history';
import { forEachBounded } from '../core/bounded-pool';
import { createLimiter } from './limiter';
import { runsById } from './runs-by-id';
import type { FromMlflowOptions } from './from-mlflow-command';
import { printable } from './printable';
import { redactText } from '../core/redaction';
import { createProgress, type Progress } from './progress';
import { storeDirectory } from './store-option';
import { cliClientOptions, mlflowStop, reportStop } from './mlflow-failure';
import { readRunAttestation, type MlflowAttestationCheck, type RunAttestation } from '../mlflow/bom/run-attestation';
import { readPublicKeys, verdictOf, verdictSummary, verdictText, type AttestationVerdict } from './from-mlflow-attestation';

/**
 * Runs in flight at once: MLflow requests are limited to `--concurrency` apart from this, so that a search's
 * runs, which need no request, are written 32 at a time (the file system commits concurrent fsyncs together).
 */
const WRITE_CONCURRENCY = 32;

interface Written { readonly runId: string; readonly id: string; readonly path: string; readonly attestation?: AttestationVerdict }
interface Failed { readonly runId: string; readonly code: string; readonly message: string }

/**
 * Every run of the experiment matching the filter, in pages of 100; the next page is requested as soon as
 * one arrives, so the server searches while the runs already here are built and written.
 */
async function* experimentRuns(client: MlflowClient, name: string, filter: string | undefined, progress: Progress): AsyncGenerator<MlflowRun> {
  const experiment = await client.getExperimentByName(name);
  if (experiment === undefined) throw new InvalidArgumentError('--experiment', `no MLflow experiment named '${name}'`);
  const request = { experimentIds: [experiment.experimentId], filter, maxResults: 100 };
  const fetch = (token: string | undefined): Promise<MlflowPage<MlflowRun>> => {
    const page = client.searchRunsPage(request, token);
    page.catch(() => undefined);   // awaited below; this only stops an early failure counting as unhandled
    return page;
  };
  let total = 0;
  let pending: Promise<MlflowPage<MlflowRun>> | undefined = fetch(undefined);
  while (pending !== undefined) {
    const page: MlflowPage<MlflowRun> = await pending;
    pending = page.nextPageToken === undefined ? undefined : fetch(page.nextPageToken);
    progress.grow((total += page.items.length));
    yield* page.items;
  }
}

function failure(error: unknown): Omit<Failed, 'runId'> {
  const code = error instanceof TrainingBomError ? error.code : 'ERROR';
  return { code, message: redactText(error instanceof Error ? error.message : String(error)) };
}

/**
 * Builds and writes the BOMs; sets the exit code (0 all written, 1 some runs failed, 2 MLflow unreachable,
 * 3 not a usable MLflow server at the URI, 4 credentials refused: mlflow-failure.ts).
 */
export async function fromMlflow(runIds: readonly string[], options: FromMlflowOptions): Promise<void> {
  const began = Date.now();
  // --key implies --attestation; the keys are read (and checked) before any request
  const check: MlflowAttestationCheck | undefined = options.key !== undefined ? { keys: await readPublicKeys(options.key) } : options.attestation ? {} : undefined;
  const tty = process.stderr.isTTY === true;
  const mode = !options.progress ? 'none' : tty ? 'bar' : options.json ? 'none' : 'lines';
  // On a terminal the progress bar owns the last line: a retry line clears it first; the bar redraws.
  const say = (line: string): void => void process.stderr.write(mode === 'bar' ? `\r\x1b[K${line}` : line);
  let client: MlflowClient;
  try {
    client = new MlflowClient(cliClientOptions({ trackingUri: options.trackingUri, retryFor: options.retryFor, say }));
  } catch (error) {
    const stop = mlflowStop(error, options.trackingUri);
    if (stop === undefined) throw error;
    return reportStop('from-mlflow', stop, error, Date.now() - began);
  }
  const store = new FileBomStore(options.out ?? storeDirectory(options.store));
  const settings: FetchedRunBomSettings = { timestamps: options.timestamps, includeMetricHistory: options.metricHistory, restoreInfinity: true, artifacts: options.artifacts };
  const progress = createProgress(mode, mode === 'bar' ? process.stderr : process.stdout, 'from-mlflow');
  const written: Written[] = [];
  const failed: Failed[] = [];
  const owners = new Map<string, string>();
  const network = createLimiter(options.concurrency);
  let unreachable: unknown;

  const fail = (runId: string, why: Omit<Failed, 'runId'>): void => {
    failed.push({ runId, ...why });
    if (mode === 'bar') progress.tick('');
    else if (!options.json) process.stderr.write(`${printable(runId)}: ${printable(why.message)}\n`);
  };
  const build = async (run: MlflowRun | string): Promise<void> => {
    const runId = typeof run === 'string' ? run : run.info.runId;
    try {
      const { bom, history, attestation } = await network(async () => {
        const fetched = typeof run === 'string' ? await client.getRun(run) : run;
        const keys = runMetricKeys(fetched);
        const built = await bomOfFetchedRun(client, fetched, settings);
        const status: RunAttestation | undefined = check === undefined ? undefined : await readRunAttestation(client, fetched, built, check);
        return {
          bom: built,
          history: options.history && keys.length > 0 ? await readRunHistory(client, fetched.info.runId, keys) : undefined,
          attestation: status,
        };
      });
      const owner = owners.get(bom.id);
      if (owner !== undefined) return fail(runId, { code: 'DUPLICATE_BOM_ID', message: `has BOM id '${bom.id}', as run ${owner} has; kept that one` });
      owners.set(bom.id, runId);
      const path = await store.put(bom, { deferDirectorySync: true, history, ...(attestation?.envelope === undefined ? {} : { attestation: attestation.envelope }) });
      const verdict = attestation === undefined ? undefined : verdictOf(attestation);
      written.push({ runId, id: bom.id, path, ...(verdict === undefined ? {} : { attestation: verdict }) });
      progress.tick(`${runId}  ${bom.id}  ${path}${verdict === undefined ? '' : `  ${verdictText(verdict)}`}`);
    } catch (error) {
      if (mlflowStop(error, options.trackingUri) !== undefined) {
        unreachable ??= error;
        throw error;
      }
      fail(runId, failure(error));
    }
  };

  try {
    const source = options.experiment === undefined ? runsById(client, runIds) : experimentRuns(client, options.experiment, options.filter, progress);
    if (options.experiment === undefined) progress.grow(new Set(runIds).size);
    await forEachBounded<MlflowRun | string>(source, Math.max(WRITE_CONCURRENCY, options.concurrency), build);
  } catch (error) {
    if (mlflowStop(error, options.trackingUri) === undefined) throw error;
    unreachable ??= error;
  } finally {
    progress.stop();
    await client.close();
    if (written.length > 0) await store.syncDirectory();   // one fsync of the directory for all the renames
  }
  report(written, failed, store.directory, options, mode === 'bar');
  const stop = unreachable === undefined ? undefined : mlflowStop(unreachable, options.trackingUri);
  if (stop !== undefined) reportStop('from-mlflow', stop, unreachable, Date.now() - began);
  else process.exitCode = failed.length > 0 || written.some((w) => w.attestation?.status === 'not-verified') ? 1 : 0;
}

function report(written: readonly Written[], failed: readonly Failed[], directory: string, options: FromMlflowOptions, afterBar: boolean): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ directory, written, failed }, null, 2)}\n`);
    return;
  }
  if (afterBar) for (const f of failed) process.stderr.write(`${printable(f.runId)}: ${printable(f.message)}\n`);
  process.stdout.write(`Wrote ${written.length} BOM${written.length === 1 ? '' : 's'} to ${printable(directory)}${failed.length > 0 ? `; ${failed.length} run${failed.length === 1 ? '' : 's'} failed` : ''}\n`);
  const verdicts = written.flatMap((w) => (w.attestation === undefined ? [] : [w.attestation]));
  if (options.attestation || options.key !== undefined) {
    if (afterBar) for (const w of written) if (w.attestation?.status === 'not-verified') process.stderr.write(`${printable(w.runId)}: attestation ${printable(verdictText(w.attestation))}\n`);
    process.stdout.write(verdictSummary(verdicts));
  }
}
