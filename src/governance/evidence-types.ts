/** What `assessEvidence` returns: per framework item, whether the BOM answers it and with which fields. */
import type { AttestationKeyInput } from '../attestation/attestation-key';
import type { AttestationStatus } from '../attestation/attestation-status';
import type { MetricHistory } from '../tracker/metric-series';

/**
 * How far the record answers an item or check: `answered`; `partial` (some of it, or a signature not
 * verified because no key was given); `missing`; `failed` (a value that cannot count as evidence: a
 * signature that does not verify, a malformed digest).
 */
export type EvidenceStatus = 'answered' | 'partial' | 'missing' | 'failed';

/** A field of the record that answers a check, with its value summarised (redacted, at most 120 characters; untrusted text). */
export interface EvidenceField {
  /** The wire path (`dataset_info.origin`, `additional_values.dataset.digest`), or `attestation` / `history` for what is kept beside the BOM. */
  readonly path: string;
  /** The value, summarised. */
  readonly value: string;
}

/** One check of an item: a fact of the record (the dataset digest, the signature…), and how far the BOM holds it. */
export interface EvidenceCheckResult {
  /** The check's id (`dataset-digest`, `signature`…; docs/governance.md lists them). */
  readonly check: string;
  /** What the check looks for, in a few words. */
  readonly title: string;
  /** How far the record holds it. */
  readonly status: EvidenceStatus;
  /** The fields that hold it. */
  readonly fields: readonly EvidenceField[];
  /** The paths it looked for and did not find. */
  readonly missing: readonly string[];
  /** Why a value does not count (with `failed`, and with `partial` where there is a reason). */
  readonly problem?: string;
  /** How to record what is missing (the tracker call or command), unless the check is answered. */
  readonly hint?: string;
}

/** One item of a framework: a point of the document, quoted, and the checks of the record that answer it. */
export interface EvidenceFrameworkItem {
  /** The item's id in its framework (`2d-data-provenance`). */
  readonly id: string;
  /** The document and point quoted (`Regulation (EU) 2024/1689, Annex IV, point 2(d)`). */
  readonly citation: string;
  /** The point's words, quoted (`…` marks text left out). */
  readonly wording: string;
  /** Where the quote was read. */
  readonly quotedFrom: string;
  /** What of the point a training record can answer. */
  readonly asks: string;
  /** Whether the assessment fails when it is missing or failed. */
  readonly required: boolean;
  /** Ids of the checks that answer it (docs/governance.md, "Checks"). */
  readonly checks: readonly string[];
}

/** A framework as `assessEvidence` reads it. */
export interface EvidenceFramework {
  /** `eu-ai-act-annex-iv` or `nist-ai-rmf`. */
  readonly id: string;
  /** What the framework is, in a line. */
  readonly title: string;
  /** The document its wording is quoted from. */
  readonly document: string;
  /** Its items, in the document's order. */
  readonly items: readonly EvidenceFrameworkItem[];
  /** Points a training record cannot speak to, each with its reason. */
  readonly notCovered: readonly EvidenceNotCovered[];
}

/** One item of a framework, assessed: the item as the framework states it, with its status and checks' results. */
export interface EvidenceItemResult extends Omit<EvidenceFrameworkItem, 'checks'> {
  /** The worst of its checks: failed, else answered when all are, missing when none is, partial otherwise. */
  readonly status: EvidenceStatus;
  /** Its checks, in the framework's order. */
  readonly checks: readonly EvidenceCheckResult[];
}

/** A point of the framework that a training record cannot speak to, and why. */
export interface EvidenceNotCovered {
  /** The document and point. */
  readonly citation: string;
  /** The point's wording, when quoted ('' when not). */
  readonly wording: string;
  /** Where the quote was read ('' when not quoted). */
  readonly quotedFrom: string;
  /** Why a training record cannot answer it. */
  readonly reason: string;
}

/** A BOM's evidence for one framework. */
export interface EvidenceAssessment {
  /** The framework's id, title and the document it cites. */
  readonly framework: {
    /** `eu-ai-act-annex-iv` or `nist-ai-rmf`. */
    readonly id: string;
    /** What the framework is, in a line. */
    readonly title: string;
    /** The document its wording is quoted from. */
    readonly document: string;
  };
  /** The BOM's id. */
  readonly bomId: string;
  /** True when no required item is missing or failed (and, with `strict`, none is partial). */
  readonly passed: boolean;
  /** Whether partial required items fail the assessment. */
  readonly strict: boolean;
  /** How many items have each status. */
  readonly counts: Readonly<Record<EvidenceStatus, number>>;
  /** Every item of the framework, in its order. */
  readonly items: readonly EvidenceItemResult[];
  /** The framework's points a training record cannot speak to. */
  readonly notCovered: readonly EvidenceNotCovered[];
}

/** Options of {@link assessEvidence}. */
export interface AssessEvidenceOptions {
  /** The framework's id: `eu-ai-act-annex-iv` or `nist-ai-rmf` ({@link evidenceFrameworks}). */
  readonly framework: string;
  /**
   * The BOM's signed attestation as read (a DSSE envelope; hostile input is fine), e.g. from
   * `FileBomStore.getAttestation(id)`. Absent: the BOM counts as unsigned.
   */
  readonly attestation?: unknown;
  /** Trusted public keys: with them the attestation counts only if it verifies and is about this BOM. */
  readonly keys?: readonly AttestationKeyInput[];
  /** An attestation status already checked (`mlflowAttestationStatus`, `createTrainingBomFromMlflow`'s); used instead of `attestation` and `keys`. */
  readonly attestationStatus?: AttestationStatus;
  /** The run's metric history (`store.history(id)`): the dated log of every metric point. */
  readonly history?: readonly MetricHistory[];
  /** Fail on partial required items too (default false). */
  readonly strict?: boolean;
}
