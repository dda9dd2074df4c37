import type { DatasetInfoInit } from '../../models/dataset-info';
import { redactText } from '../../core/redaction';
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

/** The inspection as recorded: its origin and warnings redacted (the caller's object keeps the origin as given). */
function redactedInspection(inspection: DatasetInspection): DatasetInspection {
  const warnings = inspection.warnings === undefined ? {} : { warnings: Object.freeze(inspection.warnings.map(redactText)) };
  return Object.freeze({ ...inspection, origin: redactText(inspection.origin), ...warnings });
}

function read(what: unknown, size: number | undefined): DatasetRegistration {
  if (isInspection(what)) {
    const rows = size ?? what.rows ?? undefined;
    return { init: { origin: what.origin, ...(rows === undefined ? {} : { size: rows }) }, inspection: what };
  }
  if (typeof what === 'object' && what !== null) return { init: what as DatasetInfoInit, inspection: undefined };
  return { init: { origin: what as string, ...(size === undefined ? {} : { size }) }, inspection: undefined };
}

/**
 * Reads the three forms of `registerDataset`: `(origin, size?)`, `({ origin, size })` and
 * `(inspection, size?)`, where an inspection's row count is the size unless one is given. With `redact`,
 * the origin (and the inspection's origin and warnings) go through the redaction policy, so the BOM, the
 * journal, the sinks and the log line get `X-Amz-Signature=***REDACTED***` instead of a signature.
 */
export function datasetRegistration(what: unknown, size: number | undefined, redact = true): DatasetRegistration {
  const given = read(what, size);
  if (!redact) return given;
  const { init, inspection } = given;
  const origin = typeof init.origin === 'string' ? { origin: redactText(init.origin) } : {};
  return { init: { ...init, ...origin }, inspection: inspection === undefined ? undefined : redactedInspection(inspection) };
}
