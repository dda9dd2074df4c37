import { AttestationError, BomValidationError } from '../errors';
import type { JsonDict } from '../core/json-types';
import { TrainingBOM } from '../models/training-bom';
import { CYCLONEDX_PREDICATE_TYPE, SLSA_PROVENANCE_PREDICATE_TYPE, TRAINING_BOM_PREDICATE_TYPE } from './attestation-types';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(kind: string, message: string): never {
  throw new AttestationError('predicate', `the predicate is not a valid ${kind}: ${message}`);
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

function checkSlsa(predicate: JsonDict): void {
  const kind = 'SLSA Provenance v1';
  const definition = predicate.buildDefinition;
  if (!isObject(definition)) invalid(kind, 'buildDefinition must be an object');
  if (typeof definition.buildType !== 'string' || definition.buildType === '') invalid(kind, 'buildDefinition.buildType must be a non-empty string');
  if (!isObject(definition.externalParameters)) invalid(kind, 'buildDefinition.externalParameters must be an object');
  if (definition.internalParameters !== undefined && !isObject(definition.internalParameters)) invalid(kind, 'buildDefinition.internalParameters must be an object');
  const dependencies = definition.resolvedDependencies ?? [];
  if (!Array.isArray(dependencies)) invalid(kind, 'buildDefinition.resolvedDependencies must be an array');
  (dependencies as unknown[]).forEach((dependency, index) => {
    const at = `buildDefinition.resolvedDependencies.${index}`;
    if (!isObject(dependency)) return invalid(kind, `${at} must be an object`);
    if (dependency.uri === undefined && dependency.digest === undefined && dependency.content === undefined) invalid(kind, `${at} needs a uri, a digest or content`);
    if (dependency.digest !== undefined && (!isObject(dependency.digest) || Object.values(dependency.digest).some((d) => typeof d !== 'string'))) {
      invalid(kind, `${at}.digest must map algorithms to strings`);
    }
  });
  const details = predicate.runDetails;
  if (!isObject(details)) return invalid(kind, 'runDetails must be an object');
  if (!isObject(details.builder) || typeof details.builder.id !== 'string' || details.builder.id === '') invalid(kind, 'runDetails.builder.id must be a non-empty string');
  const metadata = details.metadata;
  if (metadata === undefined) return;
  if (!isObject(metadata)) return invalid(kind, 'runDetails.metadata must be an object');
  if (metadata.invocationId !== undefined && typeof metadata.invocationId !== 'string') invalid(kind, 'runDetails.metadata.invocationId must be a string');
  for (const key of ['startedOn', 'finishedOn']) {
    if (metadata[key] !== undefined && !isTimestamp(metadata[key])) invalid(kind, `runDetails.metadata.${key} must be an RFC 3339 timestamp`);
  }
}

function checkCycloneDx(predicate: JsonDict): void {
  const kind = 'CycloneDX document';
  if (predicate.bomFormat !== 'CycloneDX') invalid(kind, 'bomFormat must be "CycloneDX"');
  if (typeof predicate.specVersion !== 'string' || !/^1\.\d+$/.test(predicate.specVersion)) invalid(kind, 'specVersion must be "1.x"');
  for (const key of ['components', 'formulation']) {
    const list = predicate[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => !isObject(item)))) invalid(kind, `${key} must be an array of objects`);
  }
  if (predicate.metadata !== undefined && !isObject(predicate.metadata)) invalid(kind, 'metadata must be an object');
}

/**
 * Checks a signed statement's predicate by its type: a training BOM strictly (as `TrainingBOM.parse`), SLSA
 * Provenance v1 and CycloneDX by shape. Returns the BOM when the predicate is one.
 * @throws {@link AttestationError} (`predicate`) naming what is wrong, or for a predicate type it does not know.
 */
export function checkPredicate(predicateType: string, predicate: JsonDict): TrainingBOM | undefined {
  switch (predicateType) {
    case TRAINING_BOM_PREDICATE_TYPE:
      try {
        return TrainingBOM.parse(predicate, { strict: true });
      } catch (error) {
        if (error instanceof BomValidationError) {
          const shown = error.issues.slice(0, 5).map((i) => `${i.path === '' ? '(document)' : i.path}: ${i.message}`).join('; ');
          invalid('training BOM', `${error.issues.length} problem(s): ${shown}`);
        }
        throw error;
      }
    case SLSA_PROVENANCE_PREDICATE_TYPE:
      checkSlsa(predicate);
      return undefined;
    case CYCLONEDX_PREDICATE_TYPE:
      checkCycloneDx(predicate);
      return undefined;
    default:
      throw new AttestationError('predicate', `unsupported predicate type ${JSON.stringify(predicateType.slice(0, 200))}: expected ${TRAINING_BOM_PREDICATE_TYPE}, ${SLSA_PROVENANCE_PREDICATE_TYPE} or ${CYCLONEDX_PREDICATE_TYPE}`);
  }
}
