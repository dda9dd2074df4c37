/**
 * The result of {@link compareBoms}: what differs between two training BOMs, section by section.
 * Stable: fields may be added in later versions, none will be renamed or removed.
 */
import type { JsonValue } from '../../core/json-types';

/** A key present in only one of the two BOMs, with its value there. */
export interface KeyedValue {
  /** The dictionary key (a parameter, metric, seed or data-quality name). */
  readonly key: string;
  /** Its value in the BOM that has it. */
  readonly value: JsonValue;
}

/** A key present in both BOMs with different values: `a` from the first BOM, `b` from the second. */
export interface KeyedChange {
  /** The dictionary key. */
  readonly key: string;
  /** The value in the first BOM. */
  readonly a: JsonValue;
  /** The value in the second BOM. */
  readonly b: JsonValue;
}

/**
 * How a dictionary (`mlflow_params`, `additional_values.seeds`, `additional_values.data_quality`) changed.
 * `removed` and `changed` follow the first BOM's key order, `added` the second's. Values are compared as
 * JSON (objects by their keys whatever the order, NaN equal to NaN).
 */
export interface DictComparison {
  /** Keys only the second BOM has. */
  readonly added: readonly KeyedValue[];
  /** Keys only the first BOM has. */
  readonly removed: readonly KeyedValue[];
  /** Keys both have, with different values. */
  readonly changed: readonly KeyedChange[];
}

/** A metric both BOMs have, with a different value; `a` and `b` may be NaN or ±Infinity (which `JSON.stringify` writes as null). */
export interface MetricChange extends KeyedChange {
  /** `b - a` when both are finite numbers, else `null`. */
  readonly delta: number | null;
  /** `(b - a) / |a|` when both are finite numbers and `a` is not 0, else `null`. */
  readonly relativeDelta: number | null;
}

/** How `mlflow_metrics` changed; same ordering rules as {@link DictComparison}. */
export interface MetricComparison {
  /** Metrics only the second BOM has. */
  readonly added: readonly KeyedValue[];
  /** Metrics only the first BOM has. */
  readonly removed: readonly KeyedValue[];
  /** Metrics both have, with different values, and by how much. */
  readonly changed: readonly MetricChange[];
}

/** How one feature list changed between the two BOMs. */
export interface FeatureListComparison {
  /** Features only the second list has, in its order. */
  readonly added: readonly string[];
  /** Features only the first list has, in its order. */
  readonly removed: readonly string[];
  /** True when the features both lists share appear in a different relative order. */
  readonly reordered: boolean;
  /** The first BOM's list as it is. */
  readonly a: readonly string[];
  /** The second BOM's list as it is. */
  readonly b: readonly string[];
  /** True when the lists are not exactly equal (element by element). */
  readonly changed: boolean;
}

/** How `feature_info` changed. */
export interface FeatureComparison {
  /** `feature_info.original_features`. */
  readonly original: FeatureListComparison;
  /** `feature_info.selected_features`: what the model was trained on, so order matters. */
  readonly selected: FeatureListComparison;
}

/**
 * One field that differs, named by its wire name or dotted path (`digest`, `git.commit`,
 * `packages.@tensorflow/tfjs`); `null` on a side means the field was not recorded there.
 */
export interface FieldChange {
  /** The field's name or dotted path within its section. */
  readonly field: string;
  /** The value in the first BOM, `null` when absent. */
  readonly a: JsonValue;
  /** The value in the second BOM, `null` when absent. */
  readonly b: JsonValue;
}

/** Everything that differs between two BOMs `a` and `b`; each list is empty when its section is equal. */
export interface BomComparison {
  /** True when any section below has a difference. Ids and start/end times are never compared. */
  readonly differs: boolean;
  /** The two BOMs' ids, for reports. */
  readonly ids: {
    /** The first BOM's id. */
    readonly a: string;
    /** The second BOM's id. */
    readonly b: string;
  };
  /** Changes in `mlflow_params`. */
  readonly params: DictComparison;
  /** Changes in `mlflow_metrics`, with deltas. */
  readonly metrics: MetricComparison;
  /** Changes in `feature_info`. */
  readonly features: FeatureComparison;
  /**
   * Dataset changes, in this order: `origin` and `size` (from `dataset_info`), then `digest`, `bytes` and
   * `format` (from `additional_values.dataset`, recorded by dataset inspection).
   */
  readonly dataset: readonly FieldChange[];
  /** Model changes: `type`, `architecture`. */
  readonly model: readonly FieldChange[];
  /** Changes in `additional_values.seeds`. */
  readonly seeds: DictComparison;
  /** Changes in `additional_values.data_quality`. */
  readonly dataQuality: DictComparison;
  /** Changes in `additional_values.environment`, as dotted paths; which fields count is set by {@link CompareBomsOptions.environment}. */
  readonly environment: readonly FieldChange[];
}

/** Options of {@link compareBoms}. */
export interface CompareBomsOptions {
  /**
   * Which environment facts to compare: `software` (default: Node, V8, platform, architecture, git,
   * lockfile digest, ML package versions, `producer` (the training-bom version)), `all` (also CPU, memory, OS release and
   * the command line) or `none`.
   */
  readonly environment?: 'software' | 'all' | 'none';
}
