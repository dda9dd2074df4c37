/**
 * JSON has no NaN or ±Infinity. Everywhere the SDK writes JSON (the BOM's wire form, journal records,
 * MLflow's REST JSON, the CLI's output) they travel as the strings `"NaN"`, `"Infinity"` and
 * `"-Infinity"`, which is also how protobuf JSON and the Python reference spell them: this file is that
 * one encoding, both ways. It also undoes MLflow's SQL store, which keeps ±Infinity as ±Number.MAX_VALUE.
 */

/** How a non-finite number is spelled in JSON. */
export type NonFiniteName = 'NaN' | 'Infinity' | '-Infinity';

/** A finite number as it is; NaN, Infinity and -Infinity as their names. */
export function encodeNonFinite(value: number): number | NonFiniteName {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/** True for the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (and nothing else). */
export function isNonFiniteName(value: unknown): value is NonFiniteName {
  return value === 'NaN' || value === 'Infinity' || value === '-Infinity';
}

/** The number a name stands for. */
export function decodeNonFinite(name: NonFiniteName): number {
  return name === 'NaN' ? NaN : name === 'Infinity' ? Infinity : -Infinity;
}

/**
 * MLflow's SQL store keeps ±Infinity as ±1.7976931348623157e308 (±Number.MAX_VALUE) and returns that
 * (docs/mlflow.md): ±Number.MAX_VALUE back to ±Infinity; every other value (NaN included) unchanged.
 */
export function restoreInfinity(value: number): number {
  if (value === Number.MAX_VALUE) return Infinity;
  if (value === -Number.MAX_VALUE) return -Infinity;
  return value;
}
