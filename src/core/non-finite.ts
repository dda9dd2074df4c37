/**
 * MLflow's SQL store keeps ±Infinity as ±1.7976931348623157e308 (±Number.MAX_VALUE) and returns that
 * (docs/mlflow.md); this maps it back, so a BOM read from a run shows what was logged.
 */

/** ±Number.MAX_VALUE back to ±Infinity; every other value (NaN included) unchanged. */
export function restoreInfinity(value: number): number {
  if (value === Number.MAX_VALUE) return Infinity;
  if (value === -Number.MAX_VALUE) return -Infinity;
  return value;
}
