/**
 * The BOM's dataset section from an MLflow run: the run's dataset input (`runs/log-inputs`) when it says
 * where the data is and how big, else the specification's params `dataset_path` / `dataset_size`.
 */
import { BomValidationError } from '../../errors';
import type { DatasetInfoInit } from '../../models/dataset-info';
import { BOM_PARAMS } from './conventions';
import type { MlflowDataset, MlflowRun } from '../client/types';

const TRAINING_CONTEXT = 'training';
// MLflow's dataset sources name their location `uri` (local, S3, DBFS files), `url` (HTTP) or `path` (Hugging Face, Delta, Spark).
const LOCATORS = ['uri', 'url', 'path'] as const;

function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function inputOrigin(dataset: MlflowDataset | undefined): string | undefined {
  const source = jsonObject(dataset?.source);
  for (const key of LOCATORS) {
    const value = source?.[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function inputRows(dataset: MlflowDataset | undefined): number | undefined {
  const rows = jsonObject(dataset?.profile)?.num_rows;
  return typeof rows === 'number' && Number.isSafeInteger(rows) && rows >= 0 ? rows : undefined;
}

function paramSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const size = /^\+?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isSafeInteger(size)) return size;
  throw new BomValidationError([
    { path: 'dataset_info.size', message: `param ${BOM_PARAMS.datasetSize} must be a non-negative integer, got ${JSON.stringify(text)}` },
  ]);
}

/**
 * Field by field: the dataset input with context `training` (else the first), then the params, then the
 * specification's defaults (`unknown`, 0).
 * @throws BomValidationError when param `dataset_size` is not a non-negative integer.
 */
export function datasetFromRun(run: MlflowRun): DatasetInfoInit {
  const inputs = run.datasetInputs;
  const dataset = (inputs.find((i) => i.tags['mlflow.data.context'] === TRAINING_CONTEXT) ?? inputs[0])?.dataset;
  const origin = inputOrigin(dataset) ?? run.params[BOM_PARAMS.datasetPath] ?? 'unknown';
  const size = inputRows(dataset) ?? paramSize(run.params[BOM_PARAMS.datasetSize]) ?? 0;
  return { origin, size };
}
