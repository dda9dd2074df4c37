/** The plain objects lineage answers with (docs/governance.md#lineage has the JSON shape). */
import type { AttestationStatus } from '../../attestation/attestation-status';

/** How a registered model version was found to come from a run. */
export type ModelVersionLinkKind = 'run_id' | 'training_bom.run_id' | 'training_bom.id';

/** A registered model version linked to a run of a lineage. */
export interface LinkedModelVersion {
  /** The registered model's name (untrusted text). */
  readonly name: string;
  /** The version number, as MLflow writes it (`"3"`). */
  readonly version: string;
  /** MLflow's status of the version (`READY`, …). */
  readonly status: string;
  /** The run the version was registered from (MLflow's `run_id`), when it has one. */
  readonly runId: string | undefined;
  /** The version's `training_bom.run_id` tag (set by `linkBomToModelVersion`), when it has one. */
  readonly linkedRunId: string | undefined;
  /** The version's `training_bom.id` tag, when it has one. */
  readonly linkedBomId: string | undefined;
  /** Which of the version's fields tie it to the run (one or more). */
  readonly via: readonly ModelVersionLinkKind[];
}

/** One BOM (one training run) that used the dataset, with the model versions linked to it. */
export interface LineageRun {
  /** The BOM id. */
  readonly bomId: string;
  /** `start_time` as written in the BOM. */
  readonly startTime: string;
  /** `model_info.type`. */
  readonly modelType: string;
  /** `model_info.architecture`. */
  readonly modelArchitecture: string;
  /** `dataset_info.origin`. */
  readonly datasetOrigin: string;
  /** Where the BOM is stored: a file path, `runs:/<run_id>/training_bom.json`. */
  readonly location: string;
  /** The MLflow run of the BOM when known: from an MLflow store's location, or a `mlflow-<run_id>` BOM id. */
  readonly mlflowRunId: string | undefined;
  /** The registered model versions linked to this run or BOM, sorted by name then version; empty when the registry was not consulted. */
  readonly modelVersions: readonly LinkedModelVersion[];
}

/** Whether the MLflow model registry was asked, and if not, why. */
export interface RegistryConsulted {
  /** True when model versions were searched. */
  readonly consulted: boolean;
  /** The tracking server asked (without credentials), when consulted. */
  readonly trackingUri?: string;
  /** Why it was not consulted. */
  readonly reason?: string;
}

/** What {@link datasetLineage} found: the runs trained on a dataset and the model versions made from them. */
export interface DatasetLineage {
  /** The dataset as asked for. */
  readonly dataset: string;
  /** How it was matched: a digest against `additional_values.dataset.digest`, else the origin against `dataset_info.origin`. */
  readonly matchedBy: 'digest' | 'origin';
  /** The runs, in start-time order (then id). */
  readonly runs: readonly LineageRun[];
  /** Whether registered model versions were looked up. */
  readonly registry: RegistryConsulted;
}

/** The dataset a {@link ModelLineage} BOM was trained on. */
export interface LineageDataset {
  /** `dataset_info.origin`. */
  readonly origin: string;
  /** `dataset_info.size`. */
  readonly size: number;
  /** `additional_values.dataset.digest`, when recorded. */
  readonly digest: string | undefined;
}

/** The sweep a {@link ModelLineage} run was a trial of. */
export interface LineageSweep {
  /** `additional_values.sweep.parent_run_id`. */
  readonly parentRunId: string;
  /** The parent run's `mlflow.runName`, when it could be read. */
  readonly parentRunName: string | undefined;
}

/** Whether a {@link ModelLineage} BOM is signed and, when keys were given, whether its attestation verifies. */
export interface LineageSignature extends AttestationStatus {
  /** How many trusted keys were given (0: the attestation was not checked). */
  readonly keysGiven: number;
}

/** A registered model version as {@link ModelLineage} found it. */
export interface RegisteredModelVersion extends LinkedModelVersion {
  /** Where the version's files are (MLflow's `source`). */
  readonly source: string;
}

/** The training record behind a registered model version ({@link modelLineage}). */
export interface ModelLineage {
  /** The model version as the registry has it; `via` says which of its fields name the run. */
  readonly modelVersion: RegisteredModelVersion;
  /** The MLflow run its BOM was read from: the `training_bom.run_id` tag, else the version's `run_id`. */
  readonly runId: string;
  /** The run's name (`mlflow.runName`), when it has one. */
  readonly runName: string | undefined;
  /** Where the BOM came from: the run's `training_bom.json` artifact, or built from the run's data. */
  readonly bomSource: 'artifact' | 'run-data';
  /** The BOM id. */
  readonly bomId: string;
  /** False when the version's `training_bom.id` tag names another BOM than the one the run holds. */
  readonly bomIdMatchesLink: boolean;
  /** `start_time` as written in the BOM. */
  readonly startTime: string;
  /** `end_time` as written in the BOM. */
  readonly endTime: string;
  /** The dataset: origin, size and, when recorded, its digest. */
  readonly dataset: LineageDataset;
  /** `feature_info`: the original and the selected features. */
  readonly features: {
    /** `original_features`. */
    readonly original: readonly string[];
    /** `selected_features`. */
    readonly selected: readonly string[];
  };
  /** `model_info`. */
  readonly model: {
    /** `model_info.type`. */
    readonly type: string;
    /** `model_info.architecture`. */
    readonly architecture: string;
  };
  /** `mlflow_metrics` whose values are numbers (non-finite ones as `"NaN"`, `"Infinity"`, `"-Infinity"`), sorted by key. */
  readonly metrics: Readonly<Record<string, number | string>>;
  /** The hyper-parameter sweep the run was a trial of; undefined when it was not one. */
  readonly sweep: LineageSweep | undefined;
  /** Whether the run's BOM is signed and, when keys were given, whether the attestation verifies and is about it. */
  readonly signature: LineageSignature;
}
