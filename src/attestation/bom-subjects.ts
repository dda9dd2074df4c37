import { AttestationError, BomValidationError } from '../errors';
import { modelArtifactsOf } from '../models/model-artifact';
import type { TrainingBOM } from '../models/training-bom';
import type { AttestationSubject } from './attestation-types';

/**
 * The BOM's model artifacts (`additional_values.model_artifacts`) as subjects; none when it records none.
 * @throws {@link AttestationError} (`no-subjects`) when the recorded artifacts are malformed.
 */
export function bomSubjects(bom: TrainingBOM): readonly AttestationSubject[] {
  try {
    return modelArtifactsOf(bom);
  } catch (error) {
    if (error instanceof BomValidationError) throw new AttestationError('no-subjects', `the BOM's model artifacts cannot be attested: ${error.issues.map((i) => `${i.path}: ${i.message}`).slice(0, 3).join('; ')}`);
    throw error;
  }
}
