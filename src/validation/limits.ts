/**
 * Size limits on what a BOM may hold, set far above real use (wide tabular data has 100k+ features,
 * MLflow keys are at most 250 characters) so that only hostile or broken input reaches them. Each one
 * fails with a `BomValidationError` issue naming the path and the limit.
 */

/** Default of `ParseOptions.maxInputBytes`: 256 MiB of JSON text. */
export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Longest dictionary key (in UTF-16 code units) in `mlflow_params`, `mlflow_metrics`, `additional_values` and unknown fields. */
export const MAX_KEY_LENGTH = 65_536;

/** Longest string (in UTF-16 code units) anywhere in a BOM: 16 Mi. */
export const MAX_STRING_LENGTH = 16 * 1024 * 1024;

/** Most entries in `feature_info.original_features` or `.selected_features`: ten million. */
export const MAX_FEATURES = 10_000_000;

/** The message for a string longer than {@link MAX_STRING_LENGTH}. */
export function tooLongString(length: number): string {
  return `is a string of ${length} characters, longer than the limit of ${MAX_STRING_LENGTH}`;
}

/** The message for a dictionary key longer than {@link MAX_KEY_LENGTH} (the key itself is cut to keep messages short). */
export function tooLongKey(key: string): string {
  return `has a key of ${key.length} characters (${JSON.stringify(key.slice(0, 20))}…), longer than the limit of ${MAX_KEY_LENGTH}`;
}
