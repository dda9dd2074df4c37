import type { JsonDict } from './metadata';

/** The wire (JSON) form of a BOM: the Python reference's field names and nesting. */
export interface TrainingBomWire {
  id: string;
  start_time: string;
  end_time: string;
  dataset_info: { origin: string; size: number; [extra: string]: unknown };
  feature_info: { original_features: string[]; selected_features: string[]; [extra: string]: unknown };
  model_info: { type: string; architecture: string; [extra: string]: unknown };
  mlflow_params: JsonDict;
  mlflow_metrics: JsonDict;
  additional_values?: JsonDict;
  /** Unknown fields kept from a parsed document. */
  [extra: string]: unknown;
}
