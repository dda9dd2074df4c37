/**
 * The URIs of training-bom's attestations (docs/attestation.md): the in-toto ones, and the two this project
 * defines, under a namespace it owns by convention (the URIs name; they are not fetched).
 */
import type { JsonDict } from '../core/json-types';
import type { TrainingBOM } from '../models/training-bom';

/** The DSSE payload type of an in-toto Statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** `_type` of an in-toto Statement v1. */
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Predicate type of the training BOM itself, as its wire JSON (the default predicate). */
export const TRAINING_BOM_PREDICATE_TYPE = 'https://training-bom.dev/attestation/training-bom/v1';
/** Predicate type of SLSA Provenance v1. */
export const SLSA_PROVENANCE_PREDICATE_TYPE = 'https://slsa.dev/provenance/v1';
/** Predicate type of a CycloneDX document, as in-toto's predicate list names it. */
export const CYCLONEDX_PREDICATE_TYPE = 'https://cyclonedx.org/bom';
/** The SLSA `buildType` of a training run (docs/attestation.md, "SLSA Provenance"). */
export const TRAINING_RUN_BUILD_TYPE = 'https://training-bom.dev/attestation/training-run/v1';

/** A Statement's predicate: its type URI and the document. */
export interface AttestationPredicate {
  /** The predicate type URI. */
  readonly predicateType: string;
  /** The predicate document. */
  readonly predicate: JsonDict;
}

/** Makes the predicate of a BOM's attestation (e.g. `cycloneDxPredicate`). */
export type PredicateBuilder = (bom: TrainingBOM) => AttestationPredicate;

/** A predicate chosen by name: the BOM itself, SLSA Provenance v1, or the BOM's CycloneDX export (docs/attestation.md). */
export type PredicateName = 'bom' | 'slsa' | 'cyclonedx';

/** Which predicate to sign: `bom` (the default), `slsa`, `cyclonedx`, or any {@link PredicateBuilder}. */
export type PredicateChoice = PredicateName | PredicateBuilder;

/** Something an attestation is about: a name and its SHA-256 (`sha256:` and 64 hex digits), as a model artifact records it. */
export interface AttestationSubject {
  /** The artifact's name (a path relative to the root it was registered from). */
  readonly name: string;
  /** `sha256:` and 64 lowercase hex digits. */
  readonly digest: string;
}

/** An in-toto Statement v1 resource descriptor as training-bom writes subjects. */
export interface StatementSubject {
  /** The artifact's name. */
  readonly name: string;
  /** Digests by algorithm; training-bom writes `sha256`. */
  readonly digest: Readonly<Record<string, string>>;
}

/** An in-toto Statement v1. */
export interface InTotoStatement {
  /** Always {@link IN_TOTO_STATEMENT_TYPE}. */
  readonly _type: string;
  /** What the statement is about. */
  readonly subject: readonly StatementSubject[];
  /** The predicate type URI. */
  readonly predicateType: string;
  /** The predicate. */
  readonly predicate: JsonDict;
}
