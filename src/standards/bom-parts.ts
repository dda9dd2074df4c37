import type { JsonDict } from '../core/json-types';
import type { TrainingBOM } from '../models/training-bom';
import { modelArtifactsOf, type ModelArtifact } from '../models/model-artifact';
import type { TrainingBomWire } from '../models/training-bom-wire';
import { type SafeDict } from '../core/safe-dict';
import { extraFieldsOf } from '../core/extra-fields';
import { validateBom } from '../validation/validate-bom';
import { UNKNOWN_FIELD_SECTIONS, type UnknownFieldSection } from './property-names';
import { readTimestamp } from './timestamps';

/** What an exporter reads from a BOM: its wire form, its unknown fields by section, its times. */
export interface BomParts {
  /** The wire form (non-finite numbers already as strings). */
  readonly wire: TrainingBomWire;
  /** Unknown fields kept from parsing, per section that has any, in section order. */
  readonly unknownFields: ReadonlyArray<readonly [UnknownFieldSection, SafeDict]>;
  /** `start_time` in epoch microseconds, when it is a time. */
  readonly startMicros: number | undefined;
  /** `end_time` in epoch microseconds, when it is a time. */
  readonly endMicros: number | undefined;
  /** The model artifacts (`additional_values.model_artifacts`), sorted by name; `[]` when none. */
  readonly artifacts: readonly ModelArtifact[];
}

/**
 * Validates a BOM (the reference's rules) and takes it apart for export.
 * @throws {BomValidationError} when the BOM was changed into an invalid state after it was built, or
 *   its model artifacts are not valid (an export states their digests: it does not pass on bad ones).
 */
export function bomParts(bom: TrainingBOM): BomParts {
  validateBom(bom);
  const wire = bom.toJSON();
  const holders: Record<UnknownFieldSection, object> = {
    '': bom,
    dataset_info: bom.datasetInfo,
    feature_info: bom.featureInfo,
    model_info: bom.modelInfo,
  };
  const unknownFields: Array<readonly [UnknownFieldSection, SafeDict]> = [];
  for (const section of UNKNOWN_FIELD_SECTIONS) {
    const extras = extraFieldsOf(holders[section]);
    if (extras !== undefined && Object.keys(extras).length > 0) unknownFields.push([section, extras]);
  }
  const artifacts = modelArtifactsOf(bom);
  return { wire, unknownFields, startMicros: readTimestamp(wire.start_time), endMicros: readTimestamp(wire.end_time), artifacts };
}

/** The entries of a wire dictionary, in order (own keys only; `__proto__` is an ordinary key). */
export function dictEntries(dict: JsonDict): Array<[string, JsonDict[string]]> {
  return Object.keys(dict).map((key) => [key, dict[key]]);
}
