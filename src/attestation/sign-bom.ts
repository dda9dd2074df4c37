import { AttestationError, BomValidationError, InvalidArgumentError } from '../errors';
import type { JsonDict } from '../core/json-types';
import type { DsseEnvelope } from '../models/dsse-envelope';
import { TrainingBOM } from '../models/training-bom';
import { validateBom } from '../validation/validate-bom';
import { privateKeyOf, signBytes, type AttestationKeyInput } from './attestation-key';
import { IN_TOTO_PAYLOAD_TYPE, TRAINING_BOM_PREDICATE_TYPE, type AttestationPredicate, type AttestationSubject, type PredicateChoice } from './attestation-types';
import { bomSubjects } from './bom-subjects';
import { checkPredicate } from './check-predicate';
import { namedPredicate } from './named-predicates';
import { preAuthEncoding } from './pae';
import { slsaPredicate } from './slsa-predicate';
import { buildStatement, statementSubjects } from './statement';

/** Options of {@link signBom}. */
export interface SignBomOptions {
  /** What the statement says: `bom` (default), `slsa`, `cyclonedx`, or a builder of your own. */
  readonly predicate?: PredicateChoice;
  /** What the statement is about (default: the BOM's model artifacts, `additional_values.model_artifacts`). */
  readonly subjects?: readonly AttestationSubject[];
  /** The environment variable holding the passphrase of an encrypted PEM key. */
  readonly passphraseEnv?: string;
  /** SLSA `runDetails.builder.id` (default {@link DEFAULT_BUILDER_ID}). */
  readonly builderId?: string;
}

function predicateOf(bom: TrainingBOM, options: SignBomOptions): AttestationPredicate {
  const choice = options.predicate ?? 'bom';
  if (choice === 'bom') {
    try {
      // sign only what a verifier will accept: the strict rules of TrainingBOM.parse(…, { strict: true })
      validateBom(bom, { strict: true });
      return { predicateType: TRAINING_BOM_PREDICATE_TYPE, predicate: bom.toJSON() as unknown as JsonDict };
    } catch (error) {
      if (error instanceof BomValidationError) throw new AttestationError('predicate', `the BOM cannot be attested: it fails strict validation (${error.issues.map((i) => `${i.path}: ${i.message}`).slice(0, 3).join('; ')})`);
      throw error;
    }
  }
  if (choice === 'slsa') return slsaPredicate(bom, options.builderId);
  const builder = choice === 'cyclonedx' ? namedPredicate(choice) : choice;
  if (builder === undefined) throw new AttestationError('predicate', "the 'cyclonedx' predicate is not loaded: import signBom from the package (training-bom), which loads it, or pass cycloneDxPredicate");
  if (typeof builder !== 'function') throw new InvalidArgumentError('predicate', `must be 'bom', 'slsa', 'cyclonedx' or a predicate builder, got ${JSON.stringify(choice)}`);
  const made = builder(bom);
  checkPredicate(made.predicateType, made.predicate);
  return made;
}

/**
 * Signs a BOM: a DSSE envelope (`application/vnd.in-toto+json`) holding an in-toto Statement v1 whose
 * subjects are the BOM's model artifacts (or `options.subjects`) and whose predicate is the BOM itself, SLSA
 * Provenance v1 or a CycloneDX export (docs/attestation.md). The key signs with Ed25519 or ECDSA P-256/SHA-256.
 * @throws {@link AttestationError}: `no-subjects` for a BOM without model artifacts and no `subjects`,
 *   `key` for a key that cannot sign, `predicate` for a BOM a verifier would refuse.
 */
export function signBom(bom: TrainingBOM, key: AttestationKeyInput, options: SignBomOptions = {}): DsseEnvelope {
  if (!(bom instanceof TrainingBOM)) throw new InvalidArgumentError('bom', 'must be a TrainingBOM');
  const subjects = options.subjects === undefined
    ? statementSubjects(bomSubjects(bom), 'additional_values.model_artifacts')
    : statementSubjects(options.subjects, 'subjects');
  if (subjects.length === 0) {
    throw new AttestationError('no-subjects', `BOM ${bom.id} has no model artifact to attest: register the model with tracker.registerModelArtifact(path) before finalizing, or give subjects explicitly`);
  }
  const signer = privateKeyOf(key, options.passphraseEnv);
  const payload = Buffer.from(JSON.stringify(buildStatement(subjects, predicateOf(bom, options))), 'utf8');
  const sig = signBytes(signer, preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));
  return { payloadType: IN_TOTO_PAYLOAD_TYPE, payload: payload.toString('base64'), signatures: [{ keyid: signer.keyid, sig: sig.toString('base64') }] };
}
