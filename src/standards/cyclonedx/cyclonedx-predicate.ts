import type { JsonDict } from '../../core/json-types';
import type { TrainingBOM } from '../../models/training-bom';
import { CYCLONEDX_PREDICATE_TYPE, type AttestationPredicate } from '../../attestation/attestation-types';
import { toCycloneDx } from './to-cyclonedx';

/**
 * The predicate builder of a CycloneDX attestation: the BOM's CycloneDX 1.6 export (`toCycloneDx`) under
 * `https://cyclonedx.org/bom`. Pass it as `signBom(bom, key, { predicate: cycloneDxPredicate })`.
 */
export function cycloneDxPredicate(bom: TrainingBOM): AttestationPredicate {
  return { predicateType: CYCLONEDX_PREDICATE_TYPE, predicate: JSON.parse(JSON.stringify(toCycloneDx(bom))) as JsonDict };
}
