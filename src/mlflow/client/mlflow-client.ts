/**
 * A typed client for the MLflow tracking server's REST API 2.0 (about 260 lines: one short method per
 * endpoint the SDK uses; the HTTP, retry and error logic lives in mlflow-transport.ts).
 */
import { InvalidArgumentError, MlflowError } from '../../errors';
import { ARTIFACTS_API, checkArtifactPath, encodePath, proxiedArtifactRoot } from './artifact-location';
import { resolveMlflowConfig, type MlflowClientOptions } from './mlflow-config';
import { MlflowTransport } from './mlflow-transport';

/** MLflow's SQL store's answer when two writers insert the same row at once (SQLite, PostgreSQL, MySQL wording). */
const CONCURRENT_INSERT = /IntegrityError|UNIQUE constraint failed|duplicate key value violates unique constraint|Duplicate entry/i;
import type {
  MlflowCreateModelVersionRequest, MlflowCreateRunRequest, MlflowDatasetInput, MlflowExperiment, MlflowFileInfo,
  MlflowLogBatchRequest, MlflowMetric, MlflowModelVersion, MlflowPage, MlflowRegisteredModel, MlflowRun, MlflowRunInfo,
  MlflowSearchModelVersionsRequest, MlflowSearchRunsRequest, MlflowUpdateRunRequest,
} from './types';
import {
  decodeExperiment, decodeFileInfo, decodeMetric, decodeModelVersion, decodeRegisteredModel, decodeRun, decodeRunInfo,
  encodeDatasetInput, encodeMetric, toPairs, type RestExperiment, type RestFileInfo, type RestMetric,
  type RestModelVersion, type RestRegisteredModel, type RestRun, type RestRunInfo,
} from './rest-json';

const API = '/api/2.0/mlflow';
const MAX_CACHED_URIS = 1000;

function token(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Talks to an MLflow tracking server over REST with keep-alive, MLflow's retry policy and typed errors.
 * Configure it with options or MLflow's environment variables (docs/mlflow.md); call `close()` when done.
 */
export class MlflowClient {
  /** The tracking server's base URL, without credentials. */
  readonly trackingUri: string;
  /** Experiment name from the options or `MLFLOW_EXPERIMENT_NAME`. */
  readonly experimentName: string | undefined;
  /** Run id from the options or `MLFLOW_RUN_ID`. */
  readonly runId: string | undefined;
  private readonly http: MlflowTransport;
  /** Run id -> artifact URI, which never changes for a run. */
  private readonly artifactUris = new Map<string, string>();

  /** @throws InvalidArgumentError when the configuration is missing or malformed. */
  constructor(options: MlflowClientOptions = {}) {
    const config = resolveMlflowConfig(options);
    this.trackingUri = config.baseUrl;
    this.experimentName = config.experimentName;
    this.runId = config.runId;
    this.http = new MlflowTransport(config);
  }

  /** The experiment with this name, or `undefined` when there is none. */
  async getExperimentByName(name: string): Promise<MlflowExperiment | undefined> {
    try {
      const r = await this.http.json<{ experiment: RestExperiment }>({ method: 'GET', path: `${API}/experiments/get-by-name`, query: { experiment_name: name } });
      return decodeExperiment(r.experiment);
    } catch (error) {
      if (error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return undefined;
      throw error;
    }
  }

  /** Creates an experiment and returns its id. */
  async createExperiment(name: string, options: { artifactLocation?: string; tags?: Readonly<Record<string, string>> } = {}): Promise<string> {
    const json = { name, artifact_location: options.artifactLocation, tags: toPairs(options.tags) };
    const r = await this.http.json<{ experiment_id: string }>({ method: 'POST', path: `${API}/experiments/create`, json });
    return r.experiment_id;
  }

  /** The named experiment (default: `experimentName`), created when missing; safe against a concurrent create. */
  async getOrCreateExperiment(name: string | undefined = this.experimentName): Promise<MlflowExperiment> {
    if (name === undefined) throw new InvalidArgumentError('experimentName', 'pass an experiment name or set MLFLOW_EXPERIMENT_NAME');
    const existing = await this.getExperimentByName(name);
    if (existing !== undefined) return existing;
    try {
      await this.createExperiment(name);
    } catch (error) {
      if (!(error instanceof MlflowError && error.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw error;
    }
    const created = await this.getExperimentByName(name);
    if (created === undefined) throw new InvalidArgumentError('experimentName', `experiment '${name}' vanished right after it was created`);
    return created;
  }

  /** Creates a run. */
  async createRun(request: MlflowCreateRunRequest): Promise<MlflowRun> {
    const json = { experiment_id: request.experimentId, run_name: request.runName, start_time: request.startTime ?? Date.now(), tags: toPairs(request.tags) };
    const r = await this.http.json<{ run: RestRun }>({ method: 'POST', path: `${API}/runs/create`, json });
    return this.remember(decodeRun(r.run));
  }

  /** A run with its latest metrics, params, tags and dataset inputs. @throws MlflowError `RESOURCE_DOES_NOT_EXIST` */
  async getRun(runId: string): Promise<MlflowRun> {
    const r = await this.http.json<{ run: RestRun }>({ method: 'GET', path: `${API}/runs/get`, query: { run_id: runId } });
    return this.remember(decodeRun(r.run));
  }

  /** Sets a run's status, end time or name. */
  async updateRun(runId: string, request: MlflowUpdateRunRequest): Promise<MlflowRunInfo> {
    const json = { run_id: runId, status: request.status, end_time: request.endTime, run_name: request.runName };
    const r = await this.http.json<{ run_info: RestRunInfo }>({ method: 'POST', path: `${API}/runs/update`, json });
    return decodeRunInfo(r.run_info);
  }

  /** One page of a run search. */
  async searchRunsPage(request: MlflowSearchRunsRequest, pageToken?: string): Promise<MlflowPage<MlflowRun>> {
    const json = {
      experiment_ids: request.experimentIds, filter: request.filter, order_by: request.orderBy,
      max_results: request.maxResults, run_view_type: request.runViewType, page_token: pageToken,
    };
    const r = await this.http.json<{ runs?: RestRun[]; next_page_token?: string }>({ method: 'POST', path: `${API}/runs/search`, json });
    return { items: (r.runs ?? []).map((w) => this.remember(decodeRun(w))), nextPageToken: token(r.next_page_token) };
  }

  /** Every run matching the search, fetching page after page as the iteration goes. */
  async *searchRuns(request: MlflowSearchRunsRequest): AsyncGenerator<MlflowRun, void, undefined> {
    let pageToken: string | undefined;
    do {
      const page = await this.searchRunsPage(request, pageToken);
      yield* page.items;
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
  }

  /** Logs metrics, params and tags in one request (NaN and ±Infinity are encoded as MLflow expects). */
  async logBatch(runId: string, batch: MlflowLogBatchRequest): Promise<void> {
    const json = { run_id: runId, metrics: (batch.metrics ?? []).map(encodeMetric), params: batch.params ?? [], tags: batch.tags ?? [] };
    await this.http.json({ method: 'POST', path: `${API}/runs/log-batch`, json });
  }

  /**
   * Records datasets a run used. MLflow's SQL store creates a dataset's row on its first use in an
   * experiment, so two runs logging the same dataset at once (a sweep's parallel trials, distributed ranks)
   * can both insert it, and the loser gets HTTP 400 with the database's unique-constraint error; the dataset
   * exists by then, so that call is sent once more, which only links it to the run.
   */
  async logInputs(runId: string, datasets: readonly MlflowDatasetInput[]): Promise<void> {
    const request = { method: 'POST', path: `${API}/runs/log-inputs`, json: { run_id: runId, datasets: datasets.map(encodeDatasetInput) } } as const;
    try {
      await this.http.json(request);
    } catch (error) {
      if (!(error instanceof MlflowError && error.status === 400 && CONCURRENT_INSERT.test(error.message))) throw error;
      await this.http.json(request);
    }
  }

  /** Sets one tag on a run. */
  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.http.json({ method: 'POST', path: `${API}/runs/set-tag`, json: { run_id: runId, key, value } });
  }

  /** One page of a metric's history. */
  async getMetricHistoryPage(runId: string, key: string, options: { maxResults?: number; pageToken?: string } = {}): Promise<MlflowPage<MlflowMetric>> {
    const query = { run_id: runId, metric_key: key, max_results: options.maxResults, page_token: options.pageToken };
    const r = await this.http.json<{ metrics?: RestMetric[]; next_page_token?: string }>({ method: 'GET', path: `${API}/metrics/get-history`, query });
    return { items: (r.metrics ?? []).map(decodeMetric), nextPageToken: token(r.next_page_token) };
  }

  /** Every point of a metric's history, page by page (`maxResults` is the page size). */
  async *getMetricHistory(runId: string, key: string, options: { maxResults?: number } = {}): AsyncGenerator<MlflowMetric, void, undefined> {
    let pageToken: string | undefined;
    do {
      const page = await this.getMetricHistoryPage(runId, key, { maxResults: options.maxResults, pageToken });
      yield* page.items;
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
  }

  /** Uploads one artifact through the server's artifact proxy. @throws InvalidArgumentError on a bad path */
  async uploadArtifact(runId: string, artifactPath: string, content: Uint8Array | string, options: { contentType?: string } = {}): Promise<void> {
    const path = checkArtifactPath(artifactPath, false);
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const root = await this.artifactRoot(runId);
    await this.http.json({ method: 'PUT', path: `${ARTIFACTS_API}/${encodePath(`${root}/${path}`)}`, bytes, contentType: options.contentType });
  }

  /** The artifacts directly under `artifactPath` (default: the run's root), with run-relative paths. */
  async listArtifacts(runId: string, artifactPath = ''): Promise<MlflowFileInfo[]> {
    const dir = checkArtifactPath(artifactPath, true);
    const root = await this.artifactRoot(runId);
    const r = await this.http.json<{ files?: RestFileInfo[] }>({ method: 'GET', path: ARTIFACTS_API, query: { path: dir === '' ? root : `${root}/${dir}` } });
    const files = (r.files ?? []).map((f) => decodeFileInfo(f, dir));
    // As MLflow's Python client: listing a file's own path yields nothing.
    const base = dir.slice(dir.lastIndexOf('/') + 1);
    if (files.length === 1 && files[0]?.isDir === false && files[0].path === `${dir}/${base}`) return [];
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Downloads one artifact's bytes. With `maxBytes`, at most `maxBytes + 1` bytes are read: a result longer
   * than `maxBytes` says the artifact is larger (hostile input is never buffered whole).
   * @throws MlflowError `RESOURCE_DOES_NOT_EXIST` when it is missing
   */
  async downloadArtifact(runId: string, artifactPath: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
    const path = checkArtifactPath(artifactPath, false);
    const root = await this.artifactRoot(runId);
    return this.http.bytes({ method: 'GET', path: `${ARTIFACTS_API}/${encodePath(`${root}/${path}`)}` }, options.maxBytes);
  }

  /** Creates a registered model. */
  async createRegisteredModel(name: string, options: { description?: string; tags?: Readonly<Record<string, string>> } = {}): Promise<MlflowRegisteredModel> {
    const json = { name, description: options.description, tags: toPairs(options.tags) };
    const r = await this.http.json<{ registered_model: RestRegisteredModel }>({ method: 'POST', path: `${API}/registered-models/create`, json });
    return decodeRegisteredModel(r.registered_model);
  }

  /** A registered model by name. */
  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    const r = await this.http.json<{ registered_model: RestRegisteredModel }>({ method: 'GET', path: `${API}/registered-models/get`, query: { name } });
    return decodeRegisteredModel(r.registered_model);
  }

  /** Creates a version of a registered model. */
  async createModelVersion(request: MlflowCreateModelVersionRequest): Promise<MlflowModelVersion> {
    const json = { name: request.name, source: request.source, run_id: request.runId, description: request.description, tags: toPairs(request.tags) };
    const r = await this.http.json<{ model_version: RestModelVersion }>({ method: 'POST', path: `${API}/model-versions/create`, json });
    return decodeModelVersion(r.model_version);
  }

  /** A model version. */
  async getModelVersion(name: string, version: string): Promise<MlflowModelVersion> {
    const r = await this.http.json<{ model_version: RestModelVersion }>({ method: 'GET', path: `${API}/model-versions/get`, query: { name, version } });
    return decodeModelVersion(r.model_version);
  }

  /** One page of a model-version search across every registered model (`GET model-versions/search`). */
  async searchModelVersionsPage(request: MlflowSearchModelVersionsRequest = {}, pageToken?: string): Promise<MlflowPage<MlflowModelVersion>> {
    const query = { filter: request.filter, order_by: request.orderBy, max_results: request.maxResults, page_token: pageToken };
    const r = await this.http.json<{ model_versions?: RestModelVersion[]; next_page_token?: string }>({ method: 'GET', path: `${API}/model-versions/search`, query });
    return { items: (r.model_versions ?? []).map(decodeModelVersion), nextPageToken: token(r.next_page_token) };
  }

  /** Every model version matching the search, fetching page after page as the iteration goes. */
  async *searchModelVersions(request: MlflowSearchModelVersionsRequest = {}): AsyncGenerator<MlflowModelVersion, void, undefined> {
    let pageToken: string | undefined;
    do {
      const page = await this.searchModelVersionsPage(request, pageToken);
      yield* page.items;
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
  }

  /** Sets one tag on a model version. */
  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.http.json({ method: 'POST', path: `${API}/model-versions/set-tag`, json: { name, version, key, value } });
  }

  /** Closes keep-alive connections; the client is unusable afterwards. */
  async close(): Promise<void> {
    await this.http.close();
  }

  private remember(run: MlflowRun): MlflowRun {
    if (this.artifactUris.size >= MAX_CACHED_URIS) this.artifactUris.clear();
    this.artifactUris.set(run.info.runId, run.info.artifactUri);
    return run;
  }

  private async artifactRoot(runId: string): Promise<string> {
    const uri = this.artifactUris.get(runId) ?? (await this.getRun(runId)).info.artifactUri;
    return proxiedArtifactRoot(uri);
  }
}
