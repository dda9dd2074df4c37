/** Every check a framework item can name, by id (the ids the framework files use; docs/governance.md, "Checks"). */
import type { EvidenceCheck } from './evidence-check';
import { dataQuality, datasetCharacteristics, datasetDigest, datasetOrigin, features } from './data-checks';
import { compute, modelArtifacts, software } from './environment-checks';
import { metricHistory, metrics, model, params, runDates } from './run-checks';
import { signature } from './signature-check';

/** The checks, by id. */
export const EVIDENCE_CHECKS: Readonly<Record<string, EvidenceCheck>> = Object.freeze(Object.assign(Object.create(null) as Record<string, EvidenceCheck>, {
  'dataset-origin': datasetOrigin,
  'dataset-digest': datasetDigest,
  'dataset-characteristics': datasetCharacteristics,
  features,
  'data-quality': dataQuality,
  model,
  params,
  metrics,
  'metric-history': metricHistory,
  'run-dates': runDates,
  compute,
  software,
  'model-artifacts': modelArtifacts,
  signature,
}));
