/** BOMs for the evidence tests: one that answers every check, one that answers none, and a metric history. */
import { TrainingBOM } from '../../src';
import { metricHistoryOf } from '../../src/tracker/metric-history-of';
import type { MetricHistory } from '../../src/tracker/metric-series';
import { modelArtifactsExample, specExampleWithFacts } from './reproducibility-facts';

/** The spec's example with every reproducibility fact and two model artifacts: every check answers (given history and a verified signature). */
export function completeBomJson(id = 'evidence-complete'): Record<string, unknown> {
  const doc = specExampleWithFacts();
  (doc.additional_values as Record<string, unknown>).model_artifacts = modelArtifactsExample();
  return { ...doc, id };
}

/** {@link completeBomJson} as a BOM. */
export function completeBom(id?: string): TrainingBOM {
  return TrainingBOM.parse(completeBomJson(id));
}

/** A valid BOM that records nothing a check looks for. */
export function emptyBom(id = 'evidence-empty'): TrainingBOM {
  return TrainingBOM.parse({
    id, start_time: '', end_time: '', dataset_info: { origin: '', size: 0 }, feature_info: { original_features: [], selected_features: [] },
    model_info: { type: '', architecture: '' }, mlflow_params: {}, mlflow_metrics: {},
  });
}

/** A BOM from a JSON object edited by `edit` (on a fresh copy of the complete one). */
export function editedBom(edit: (doc: Record<string, unknown>) => void): TrainingBOM {
  const doc = completeBomJson();
  edit(doc);
  return TrainingBOM.parse(doc);
}

/** A three-point history of `loss`. */
export function lossHistory(): MetricHistory[] {
  return [metricHistoryOf('loss', Float64Array.of(0.9, 0.5, 0.3), Float64Array.of(0, 1, 2), Float64Array.of(1725530400000, 1725530460000, 1725530520000))];
}
