import type { JsonDict } from '../../core/json-types';
import type { TrainingBOM } from '../../models/training-bom';
import { CYCLONEDX_PREDICATE_TYPE, type AttestationPredicate } from '../../attestation/attestation-types';
import { registerNamedPredicate } from '../../attestation/named-predicates';
import { toCycloneDx } from './to-cyclonedx';

/**
 * The predicate builder of a CycloneDX attestation: the BOM's CycloneDX 1.6 export (`toCycloneDx`) under
 * `https://cyclonedx.org/bom`. `signBom(bom, key, { predicate: 'cyclonedx' })` uses it by name (this module
 * registers it when loaded; `src/index.ts` loads it); passing the function itself is the same.
 */
export function cycloneDxPredicate(bom: TrainingBOM): AttestationPredicate {
  return { predicateType: CYCLONEDX_PREDICATE_TYPE, predicate: JSON.parse(JSON.stringify(toCycloneDx(bom))) as JsonDict };
}

registerNamedPredicate('cyclonedx', cycloneDxPredicate);
