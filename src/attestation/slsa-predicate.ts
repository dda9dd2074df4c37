import type { JsonDict } from '../core/json-types';
import { PRODUCER } from '../core/producer';
import type { TrainingBOM } from '../models/training-bom';
import { SLSA_PROVENANCE_PREDICATE_TYPE, TRAINING_RUN_BUILD_TYPE, type AttestationPredicate } from './attestation-types';

/** The default SLSA `runDetails.builder.id`: training-bom's tracker, which ran and recorded the training. */
export const DEFAULT_BUILDER_ID = 'https://training-bom.dev/attestation/builder/v1';

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const DIGEST = /^sha256:([0-9a-f]{64})$/;

function rfc3339(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp : new Date(ms).toISOString();
}

/**
 * The BOM as SLSA Provenance v1 (docs/attestation.md): the training is the build, its parameters the
 * `externalParameters`, the dataset (with its digest when it was inspected) the one resolved dependency,
 * and the run id, start and end the `runDetails.metadata`.
 */
export function slsaPredicate(bom: TrainingBOM, builderId: string = DEFAULT_BUILDER_ID): AttestationPredicate {
  const wire = bom.toJSON() as unknown as JsonDict;
  const origin = bom.datasetInfo.origin;
  const facts = (wire.additional_values as JsonDict | undefined)?.dataset as JsonDict | undefined;
  const digest = typeof facts?.digest === 'string' ? DIGEST.exec(facts.digest) : null;
  const dependency: JsonDict = { name: 'dataset' };
  if (URI.test(origin)) dependency.uri = origin;
  if (digest !== null) dependency.digest = { sha256: digest[1] };
  dependency.annotations = { origin, size: bom.datasetInfo.size };
  const predicate: JsonDict = {
    buildDefinition: {
      buildType: TRAINING_RUN_BUILD_TYPE,
      externalParameters: wire.mlflow_params,
      internalParameters: { model_info: wire.model_info },
      resolvedDependencies: [dependency],
    },
    runDetails: {
      builder: { id: builderId, version: { 'training-bom': PRODUCER.slice('training-bom@'.length) } },
      metadata: { invocationId: bom.id, startedOn: rfc3339(bom.startTime), finishedOn: rfc3339(bom.endTime) },
    },
  };
  return { predicateType: SLSA_PROVENANCE_PREDICATE_TYPE, predicate };
}
