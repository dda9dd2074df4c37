import { createHash } from 'node:crypto';
import type { DatasetInfo } from '../../models/dataset-info';
import { MLFLOW_LIMITS } from './conventions';
import type { MlflowDatasetInput } from '../client/types';

function sourceType(origin: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(origin)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'file' || scheme.length === 1) return 'local';
  return scheme === 'https' ? 'http' : scheme;
}

function datasetName(origin: string): string {
  const last = origin.replace(/[?#].*$/, '').split(/[\\/]/).filter((p) => p !== '').pop();
  return last ?? origin;
}

/**
 * The dataset as an MLflow run input. Without the data's content at hand the digest identifies the
 * dataset by origin and size (SHA-256); MLflow's digest column holds 36 characters, so the run also
 * gets the full digest as a tag (see {@link BOM_TAGS}).
 */
export function datasetInput(dataset: DatasetInfo): { input: MlflowDatasetInput; fullDigest: string } {
  const fullDigest = `sha256:${createHash('sha256').update(`${dataset.origin}\n${dataset.size}`).digest('hex')}`;
  const input: MlflowDatasetInput = {
    dataset: {
      name: datasetName(dataset.origin),
      digest: fullDigest.slice('sha256:'.length, 'sha256:'.length + MLFLOW_LIMITS.datasetDigestLength),
      sourceType: sourceType(dataset.origin),
      source: JSON.stringify({ uri: dataset.origin }),
      profile: JSON.stringify({ num_rows: dataset.size }),
    },
    tags: { 'mlflow.data.context': 'training' },
  };
  return { input, fullDigest };
}
