/** `datasetLineage`: the runs a store says were trained on a dataset, and the registered model versions made from them. */
import { InvalidArgumentError } from '../../errors';
import type { MlflowClient } from '../../mlflow/client/mlflow-client';
import { withMlflowClient, type MlflowClientChoice } from '../../mlflow/client/with-mlflow-client';
import { MAX_QUERY_PAGE, normalizeBomQuery } from '../../store/bom-query';
import type { BomStore } from '../../store/bom-store';
import type { BomSummary } from '../../store/bom-summary';
import type { DatasetLineage, LineageRun, RegistryConsulted } from './lineage-types';
import { findLinkedVersions, type RunKey } from './linked-versions';

/** Options of {@link datasetLineage}. */
export interface DatasetLineageOptions extends MlflowClientChoice {
  /**
   * Look up registered model versions in MLflow's registry: `false` never; `true` always (a missing tracking
   * server is then an error); default: when a `client` is given, or `clientOptions` or `MLFLOW_TRACKING_URI`
   * names a tracking server.
   */
  readonly registry?: boolean;
  /** BOMs per store query page (1 … 10,000; default 1,000): every page is read. */
  readonly pageSize?: number;
  /** Model versions per registry search page (default: the server's, 10,000 in MLflow 3). */
  readonly registryPageSize?: number;
  /** Registry searches in flight at once (default 4). */
  readonly concurrency?: number;
}

const RUN_ID_BATCH = 100;
const RUNS_LOCATION = /^runs:\/([^/]+)\//;
const MLFLOW_BOM_ID = /^mlflow-([0-9a-f]{32})$/;

/** The MLflow run a summary's BOM lives in or was read from, when the summary tells. */
export function mlflowRunIdOf(summary: Pick<BomSummary, 'id' | 'location'>): string | undefined {
  return RUNS_LOCATION.exec(summary.location)?.[1] ?? MLFLOW_BOM_ID.exec(summary.id)?.[1];
}

function positive(path: string, value: number | undefined, max: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1 && value <= max)) throw new InvalidArgumentError(path, `must be an integer from 1 to ${max}`);
}

function registryConfigured(options: DatasetLineageOptions): boolean {
  if (options.registry !== undefined) return options.registry;
  if (options.client !== undefined || options.clientOptions?.trackingUri !== undefined) return true;
  return ((options.clientOptions?.env ?? process.env).MLFLOW_TRACKING_URI ?? '') !== '';
}

/**
 * The BOMs of `store` trained on `dataset` (a digest, `sha256:<hex>` or the 64 hex digits, matched against
 * `additional_values.dataset.digest`; any other string against `dataset_info.origin`), every page of the
 * store's query, in start-time order; and, when MLflow's registry is consulted, the model versions linked to
 * each: by the version's `run_id`, its `training_bom.run_id` tag or its `training_bom.id` tag.
 * @throws InvalidArgumentError for an empty dataset or a bad option; MlflowError when the registry fails.
 */
export async function datasetLineage(store: BomStore, dataset: string, options: DatasetLineageOptions = {}): Promise<DatasetLineage> {
  if (typeof dataset !== 'string' || dataset === '') throw new InvalidArgumentError('dataset', 'must be a non-empty digest or origin');
  const matchedBy = normalizeBomQuery({ dataset }).datasetDigest === undefined ? 'origin' : 'digest';
  positive('pageSize', options.pageSize, MAX_QUERY_PAGE);
  positive('registryPageSize', options.registryPageSize, 200_000);
  positive('concurrency', options.concurrency, 64);
  const summaries: BomSummary[] = [];
  let pageToken: string | undefined;
  do {
    const page = await store.query({ dataset, limit: options.pageSize, ...(pageToken === undefined ? {} : { pageToken }) });
    summaries.push(...page.items);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  const keys: RunKey[] = summaries.map((s) => ({ bomId: s.id, mlflowRunId: mlflowRunIdOf(s) }));
  let registry: RegistryConsulted;
  let linked = new Map<string, LineageRun['modelVersions']>();
  if (!registryConfigured(options)) {
    registry = { consulted: false, reason: options.registry === false ? 'the registry was not asked for' : 'no MLflow tracking server is configured (MLFLOW_TRACKING_URI)' };
  } else if (keys.length === 0) {
    registry = { consulted: false, reason: 'no run used the dataset' };
  } else {
    registry = await withMlflowClient(options, async (client: MlflowClient): Promise<RegistryConsulted> => {
      linked = await findLinkedVersions(client, keys, { pageSize: options.registryPageSize, concurrency: options.concurrency ?? 4, batch: RUN_ID_BATCH });
      return { consulted: true, trackingUri: client.trackingUri };
    });
  }
  const runs = summaries.map((s, i): LineageRun => ({
    bomId: s.id, startTime: s.startTime, modelType: s.modelType, modelArchitecture: s.modelArchitecture, datasetOrigin: s.datasetOrigin,
    location: s.location, mlflowRunId: keys[i].mlflowRunId, modelVersions: linked.get(s.id) ?? [],
  }));
  return { dataset, matchedBy, runs, registry };
}
