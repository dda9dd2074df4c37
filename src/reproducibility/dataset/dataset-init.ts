import type { DatasetInfoInit } from '../../models/dataset-info';
import type { DatasetInspection } from '../../models/dataset-inspection';

/** What `registerDataset` was given, as the dataset section's init and the inspection, if any. */
export interface DatasetRegistration {
  readonly init: DatasetInfoInit;
  readonly inspection: DatasetInspection | undefined;
}

function isInspection(value: unknown): value is DatasetInspection {
  const v = value as Partial<DatasetInspection> | null;
  return typeof v === 'object' && v !== null && typeof v.origin === 'string' && typeof v.scheme === 'string' && typeof v.kind === 'string';
}

/**
 * Reads the three forms of `registerDataset`: `(origin, size?)`, `({ origin, size })` and
 * `(inspection, size?)`, where an inspection's row count is the size unless one is given.
 */
export function datasetRegistration(what: unknown, size: number | undefined): DatasetRegistration {
  if (isInspection(what)) {
    const rows = size ?? what.rows ?? undefined;
    return { init: { origin: what.origin, ...(rows === undefined ? {} : { size: rows }) }, inspection: what };
  }
  if (typeof what === 'object' && what !== null) return { init: what as DatasetInfoInit, inspection: undefined };
  return { init: { origin: what as string, ...(size === undefined ? {} : { size }) }, inspection: undefined };
}
