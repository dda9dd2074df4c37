import { InvalidArgumentError, StandardsFormatError } from '../../errors';
import { TrainingBOM } from '../../models/training-bom';
import { bomParts } from '../bom-parts';
import { cycloneDxEnvelope, type CycloneDxSpecVersion } from './cyclonedx-envelope';
import { addMachineLearning } from './cyclonedx-ml';
import { checkCycloneDxReferences } from './cyclonedx-references';
import type { CycloneDxDocument } from './cyclonedx-types';

/** Options of {@link toCycloneDx}. */
export interface CycloneDxExportOptions {
  /** CycloneDX version to write: `1.6` (default) or `1.7`. */
  readonly specVersion?: CycloneDxSpecVersion;
}

const VERSIONS: readonly string[] = ['1.6', '1.7'];

/**
 * Writes a training BOM as a CycloneDX ML-BOM (JSON): the model as a `machine-learning-model` component with
 * a model card, the dataset as a `data` component, the run as a `formulation` workflow. Deterministic: the
 * same BOM gives the same document; `createTrainingBomFromCycloneDx` reads it back to an equal BOM.
 * @throws {InvalidArgumentError} for an unsupported `specVersion`.
 * @throws {BomValidationError} when the BOM is not valid.
 * @throws {StandardsFormatError} when the document would have duplicate or dangling references.
 */
export function toCycloneDx(bom: TrainingBOM, options: CycloneDxExportOptions = {}): CycloneDxDocument {
  const specVersion = options.specVersion ?? '1.6';
  if (!VERSIONS.includes(specVersion)) throw new InvalidArgumentError('specVersion', `must be one of ${VERSIONS.join(', ')}, got ${JSON.stringify(specVersion)}`);
  if (!(bom instanceof TrainingBOM)) throw new InvalidArgumentError('bom', 'must be a TrainingBOM');
  const parts = bomParts(bom);
  const doc = cycloneDxEnvelope(parts, specVersion);
  addMachineLearning(doc, parts);
  const issues = checkCycloneDxReferences(doc);
  if (issues.length > 0) throw new StandardsFormatError('cyclonedx', 'Inconsistent CycloneDX document', issues);
  return doc;
}
