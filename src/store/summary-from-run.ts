import { BOM_ARTIFACT, BOM_PARAMS, BOM_TAGS } from '../mlflow/bom/conventions';
import type { MlflowRun } from '../mlflow/client/types';
import { summarizeBom, type BomSummary } from './bom-summary';
import { SUMMARY_TAGS } from './mlflow-summary-tags';

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());

/**
 * The {@link BomSummary} of the BOM a run holds as its artifact, from the run alone: the store's summary
 * tags, else the spec's params and the run's times (ISO 8601 UTC).
 */
export function summaryFromRun(run: MlflowRun): BomSummary {
  const { tags, params, info } = run;
  const pick = (tag: string, param: string | undefined, fallback: string): string => tags[tag] ?? (param === undefined ? undefined : params[param]) ?? fallback;
  const modelType = pick(SUMMARY_TAGS.modelType, BOM_PARAMS.modelType, 'unknown');
  const modelArchitecture = pick(SUMMARY_TAGS.modelArchitecture, BOM_PARAMS.modelArchitecture, 'unknown');
  const datasetOrigin = pick(SUMMARY_TAGS.datasetOrigin, BOM_PARAMS.datasetPath, 'unknown');
  const stub = {
    id: tags[BOM_TAGS.bomId] ?? '',
    startTime: pick(SUMMARY_TAGS.startTime, undefined, iso(info.startTime)),
    endTime: pick(SUMMARY_TAGS.endTime, undefined, iso(info.endTime)),
    modelInfo: { type: modelType, architecture: modelArchitecture },
    datasetInfo: { origin: datasetOrigin },
  };
  return summarizeBom(stub, `runs:/${info.runId}/${BOM_ARTIFACT}`);
}
