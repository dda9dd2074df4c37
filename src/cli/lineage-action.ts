/** What `training-bom lineage` does once its options make sense: ask the store and the registry, print, choose the exit code. */
import { setFlagsFromString } from 'node:v8';
import { InvalidArgumentError, MlflowError } from '../errors';
import { redactText } from '../core/redaction';
import { datasetLineage } from '../governance/lineage/dataset-lineage';
import type { DatasetLineage, ModelLineage } from '../governance/lineage/lineage-types';
import { modelLineage, parseModelVersionRef } from '../governance/lineage/model-lineage';
import { MlflowClient } from '../mlflow/client/mlflow-client';
import type { BomStore } from '../store/bom-store';
import { formatDuration } from './format-value';
import { readPublicKeys } from './from-mlflow-attestation';
import type { LineageOptions } from './lineage-command';
import { datasetLineageText, modelLineageText } from './lineage-text';
import { cliClientOptions, mlflowStop, reportStop } from './mlflow-failure';
import { printable } from './printable';
import { storeDirectory } from './store-option';

const EXIT_USAGE = 2;

/** The lineage as printed: dataset origins, locations and model sources through the redaction policy. */
function redactDataset(l: DatasetLineage): DatasetLineage {
  return { ...l, dataset: redactText(l.dataset), runs: l.runs.map((r) => ({ ...r, datasetOrigin: redactText(r.datasetOrigin), location: redactText(r.location) })) };
}

function redactModel(m: ModelLineage): ModelLineage {
  return { ...m, modelVersion: { ...m.modelVersion, source: redactText(m.modelVersion.source) }, dataset: { ...m.dataset, origin: redactText(m.dataset.origin) } };
}

/** Prints a failure and returns its exit code (MLflow's stops as from-mlflow, bad input 2, a refused request 1); undefined for an unexpected one. */
function failure(error: unknown, options: LineageOptions, began: number): number | undefined {
  const stop = mlflowStop(error, options.trackingUri);
  if (stop !== undefined) {
    reportStop('lineage', stop, error, Date.now() - began);
    return stop.exitCode;
  }
  if (error instanceof InvalidArgumentError) {
    process.stderr.write(`training-bom lineage: ${printable(error.message)}\n`);
    return error.argument === 'version' ? 1 : EXIT_USAGE;
  }
  if (error instanceof MlflowError) {
    process.stderr.write(`training-bom lineage: ${printable(redactText(error.message))} (after ${formatDuration(Date.now() - began)})\n`);
    return 1;
  }
  return undefined;
}

/** `lineage --dataset`: exit 0 when some run used the dataset, 1 when none did. */
export async function datasetLineageCommand(options: LineageOptions): Promise<number> {
  const began = Date.now();
  const clientOptions = cliClientOptions({ trackingUri: options.trackingUri, retryFor: options.retryFor });
  let client: MlflowClient | undefined;
  let store: BomStore;
  let where: string;
  try {
    if (options.mlflow !== undefined) {
      const experimentName = options.mlflow === true ? undefined : options.mlflow;
      client = new MlflowClient(clientOptions);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for MLflow
      const { MlflowBomStore } = require('../store/mlflow-bom-store') as typeof import('../store/mlflow-bom-store');
      store = new MlflowBomStore({ client, ...(experimentName === undefined ? {} : { experimentName }) });
      where = `MLflow experiment ${experimentName ?? client.experimentName ?? 'Default'}`;
    } else {
      setFlagsFromString('--liftoff-only');   // as `list`: the index's WebAssembly SQLite needs no optimising tier
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs, not at startup
      const { FileBomStore } = require('../store/file-bom-store') as typeof import('../store/file-bom-store');
      const fileStore = new FileBomStore(storeDirectory(options.store));
      store = fileStore;
      where = fileStore.directory;
    }
    const registry = options.registry ? undefined : false;
    const lineage = await datasetLineage(store, options.dataset as string, client === undefined ? { clientOptions, registry } : { client, registry });
    const shown = redactDataset(lineage);
    process.stdout.write(options.json ? `${JSON.stringify(shown, null, 2)}\n` : datasetLineageText(shown, where));
    return lineage.runs.length > 0 ? 0 : 1;
  } catch (error) {
    const code = failure(error, options, began);
    if (code === undefined) throw error;
    return code;
  } finally {
    await client?.close();
  }
}

/** `lineage --model`: exit 0 when found (and, with --key, verified), 1 when missing, not verified or linked to another BOM. */
export async function modelLineageCommand(options: LineageOptions): Promise<number> {
  const began = Date.now();
  try {
    const { name, version } = parseModelVersionRef(options.model as string);
    const keys = await readPublicKeys(options.key ?? []);
    let lineage: ModelLineage;
    try {
      lineage = await modelLineage(name, version, { clientOptions: cliClientOptions({ trackingUri: options.trackingUri, retryFor: options.retryFor }), keys });
    } catch (error) {
      if (!(error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST')) throw error;
      const uri = redactText(options.trackingUri ?? process.env.MLFLOW_TRACKING_URI ?? '');
      process.stderr.write(`training-bom lineage: no model version ${printable(name)}/${version} (or its run) in the MLflow registry at ${printable(uri)}: ${printable(redactText(error.message))}\n`);
      return 1;
    }
    const shown = redactModel(lineage);
    process.stdout.write(options.json ? `${JSON.stringify(shown, null, 2)}\n` : modelLineageText(shown));
    const unverified = keys.length > 0 && lineage.signature.verified !== true;
    return unverified || !lineage.bomIdMatchesLink ? 1 : 0;
  } catch (error) {
    const code = failure(error, options, began);
    if (code === undefined) throw error;
    return code;
  }
}
