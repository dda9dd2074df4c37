import type { TrainingBOM } from '../models/training-bom';
import type { AttestationSubject } from './attestation-types';

/** The BOM's model artifacts (`additional_values.model_artifacts`) as subjects; none when it records none. */
export function bomSubjects(bom: TrainingBOM): readonly AttestationSubject[] {
  const list = bom.additionalValues?.model_artifacts;
  if (!Array.isArray(list)) return [];
  return list as unknown as readonly AttestationSubject[];
}
