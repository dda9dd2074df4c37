import type { DictComparison, FeatureListComparison } from './bom-comparison';

/** How a run's dataset digest compares with the reference run's. */
export interface DigestComparison {
  /** `same`, `different`, or `unknown` when either run recorded no digest. */
  readonly status: 'same' | 'different' | 'unknown';
  /** The reference run's digest (`additional_values.dataset.digest`), or `null`. */
  readonly reference: string | null;
  /** This run's digest, or `null`. */
  readonly run: string | null;
}

/** One run compared with the reference run (the first BOM). */
export interface RunConsistency {
  /** The run's BOM id. */
  readonly id: string;
  /** Its position in the list given to {@link checkFeatureConsistency}. */
  readonly index: number;
  /** Its selected features against the reference's: added, removed, reordered. */
  readonly selectedFeatures: FeatureListComparison;
  /** Its dataset digest against the reference's. */
  readonly datasetDigest: DigestComparison;
  /** Its parameters against the reference's (reported, never an inconsistency). */
  readonly params: DictComparison;
  /** True when the selected features match in order and the digests do not differ (nor are missing, with `requireDigest`). */
  readonly consistent: boolean;
}

/** The result of {@link checkFeatureConsistency}. */
export interface FeatureConsistencyReport {
  /** True when every run is consistent with the reference. */
  readonly consistent: boolean;
  /** The reference run's id (the first BOM). */
  readonly reference: string;
  /** The reference run's selected features, in order. */
  readonly selectedFeatures: readonly string[];
  /** Every other run, in the order given. */
  readonly runs: readonly RunConsistency[];
  /** One line per inconsistency, for people (`run-2: selected features differ from run-1: added "age"`). */
  readonly problems: readonly string[];
  /** One line per fact worth knowing that is not an inconsistency: missing digests, changed parameters. */
  readonly notes: readonly string[];
}

/** Options of {@link checkFeatureConsistency}. */
export interface CheckFeatureConsistencyOptions {
  /** Count a run without a dataset digest (or a reference without one) as inconsistent (default false: a note). */
  readonly requireDigest?: boolean;
}
