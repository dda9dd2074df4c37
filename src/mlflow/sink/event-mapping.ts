/**
 * What MLflow gets for each run event: params, tags and dataset inputs under MLflow's limits and the
 * conventions `createTrainingBomFromMlflow` reads back (../bom/conventions.ts), and the problems to report
 * for what cannot go there. Pure: no I/O, no state (docs/mlflow.md has the table).
 */
import type { EnvironmentInfo } from '../../models/environment-info';
import type { FeatureInfo } from '../../models/feature-info';
import type { RunEvent } from '../../events/run-event';
import {
  BOM_ARTIFACT, BOM_KEY_PREFIXES, BOM_PARAMS, BOM_TAGS, encodeFeatureList, invalidKeyReason, MLFLOW_GIT_TAGS, MLFLOW_LIMITS, MLFLOW_PARENT_RUN_TAG, modelArtifactTag, paramText,
} from '../bom/conventions';
import { datasetInput } from '../bom/dataset-input';
import type { MlflowDatasetInput, MlflowKeyValue } from '../client/types';

/** One event's share of an MLflow run: what to send, and what could not be sent and why. */
export interface MlflowRunData {
  /** Params to log. */
  readonly params: readonly MlflowKeyValue[];
  /** Tags to set. */
  readonly tags: readonly MlflowKeyValue[];
  /** Dataset inputs to log. */
  readonly inputs: readonly MlflowDatasetInput[];
  /** What stays out of MLflow, in words (the BOM keeps it). */
  readonly problems: readonly string[];
}

interface Draft {
  readonly params: MlflowKeyValue[];
  readonly tags: MlflowKeyValue[];
  readonly inputs: MlflowDatasetInput[];
  readonly problems: string[];
}

function param(out: Draft, key: string, value: string): void {
  const reason = invalidKeyReason(key);
  if (reason !== undefined) out.problems.push(`param ${JSON.stringify(key)} ${reason}; it stays in the BOM but not in MLflow`);
  else if (value.length > MLFLOW_LIMITS.paramValueLength) out.problems.push(`param ${key}: value longer than ${MLFLOW_LIMITS.paramValueLength} characters; it stays in the BOM but not in MLflow`);
  else out.params.push({ key, value });
}

function tag(out: Draft, key: string, value: string): void {
  const reason = invalidKeyReason(key);
  if (reason !== undefined) out.problems.push(`tag ${JSON.stringify(key)} ${reason}; it stays in the BOM but not in MLflow`);
  else if (value.length > MLFLOW_LIMITS.tagValueLength) out.problems.push(`tag ${key}: value longer than ${MLFLOW_LIMITS.tagValueLength} characters; it stays in the BOM but not in MLflow`);
  else out.tags.push({ key, value });
}

function features(out: Draft, info: FeatureInfo): void {
  for (const [key, list] of [[BOM_PARAMS.originalFeatures, info.originalFeatures], [BOM_PARAMS.selectedFeatures, info.selectedFeatures]] as const) {
    const text = encodeFeatureList(list);
    if (text !== undefined) param(out, key, text);
    else out.problems.push(`param ${key}: ${list.length} features do not fit MLflow's ${MLFLOW_LIMITS.paramValueLength}-character param; they are in ${BOM_ARTIFACT}`);
  }
}

/** The git checkout, as the tags MLflow's own client sets (the rest of the environment is in the BOM artifact). */
function gitTags(out: Draft, environment: EnvironmentInfo): void {
  const git = environment.git;
  if (git === null) return;
  if (git.commit !== null) tag(out, MLFLOW_GIT_TAGS.commit, git.commit);
  if (git.branch !== null) tag(out, MLFLOW_GIT_TAGS.branch, git.branch);
  if (git.remote !== null) tag(out, MLFLOW_GIT_TAGS.repoUrl, git.remote);
}

/** What MLflow gets for `event` (a `finalize` event maps to nothing here: the sink uploads its BOM as an artifact). */
export function mlflowDataOf(event: RunEvent): MlflowRunData {
  const out: Draft = { params: [], tags: [], inputs: [], problems: [] };
  switch (event.type) {
    case 'start':
      tag(out, BOM_TAGS.bomId, event.id);
      break;
    case 'environment':
      gitTags(out, event.environment);
      break;
    case 'dataset': {
      param(out, BOM_PARAMS.datasetPath, event.dataset.origin);
      param(out, BOM_PARAMS.datasetSize, String(event.dataset.size));
      const { input, fullDigest } = datasetInput(event.dataset);
      out.inputs.push(input);
      tag(out, BOM_TAGS.datasetDigest, fullDigest);
      break;
    }
    case 'features':
      features(out, event.features);
      break;
    case 'model':
      param(out, BOM_PARAMS.modelType, event.model.type);
      param(out, BOM_PARAMS.modelArchitecture, event.model.architecture);
      break;
    case 'params':
      for (const key of Object.keys(event.params)) param(out, key, paramText(event.params[key]));
      break;
    case 'seed':
      param(out, `${BOM_KEY_PREFIXES.seed}${event.name}`, paramText(event.value));
      break;
    case 'data_quality':
      tag(out, `${BOM_KEY_PREFIXES.dataQuality}${event.key}`, JSON.stringify(event.value));
      break;
    case 'artifact':
      for (const artifact of event.artifacts) {
        const { key, value } = modelArtifactTag(artifact);
        tag(out, key, value);
      }
      break;
    case 'sweep':
      tag(out, MLFLOW_PARENT_RUN_TAG, event.parentRunId);
      break;
    case 'ranks': // the ranks' own data is in the run already; the BOM artifact has the summary
    case 'finalize':
      break;
  }
  return out;
}

/** Why MLflow would refuse points of metric `key`, in words, or undefined when it takes them. */
export function metricKeyProblem(key: string): string | undefined {
  const reason = invalidKeyReason(key);
  return reason === undefined ? undefined : `metric ${JSON.stringify(key)} ${reason}; its points stay in the BOM's history but not in MLflow`;
}
