import type { JsonDict } from '../core/json-types';

/** The wire (JSON) form of a BOM: the Python reference's field names and nesting. */
export interface TrainingBomWire {
  /** Training run identifier. */
  id: string;
  /** Start timestamp. */
  start_time: string;
  /** End timestamp. */
  end_time: string;
  /** The dataset section. */
  dataset_info: {
    /** Where the data came from. */
    origin: string;
    /** Number of records. */
    size: number;
    /** Unknown fields kept from a parsed document. */
    [extra: string]: unknown;
  };
  /** The feature section. */
  feature_info: {
    /** Every feature the data offered. */
    original_features: string[];
    /** The features the model was trained on. */
    selected_features: string[];
    /** Unknown fields kept from a parsed document. */
    [extra: string]: unknown;
  };
  /** The model section. */
  model_info: {
    /** Model type. */
    type: string;
    /** Architecture family. */
    architecture: string;
    /** Unknown fields kept from a parsed document. */
    [extra: string]: unknown;
  };
  /** Training parameters. */
  mlflow_params: JsonDict;
  /** Latest metric values; non-finite numbers as the strings `NaN`, `Infinity`, `-Infinity`. */
  mlflow_metrics: JsonDict;
  /** Extra facts; absent unless set. */
  additional_values?: JsonDict;
  /** Unknown fields kept from a parsed document. */
  [extra: string]: unknown;
}
