import { bomTimeMs } from './bom-time-ms';

/** What a store's `list` tells about one BOM, without the whole document. */
export interface BomSummary {
  /** The BOM id. */
  readonly id: string;
  /** `start_time` as written in the BOM. */
  readonly startTime: string;
  /** `end_time` as written in the BOM. */
  readonly endTime: string;
  /** `start_time` in epoch milliseconds (ISO 8601, naive read as UTC, or epoch-ms digits); undefined when neither. */
  readonly startTimeMs: number | undefined;
  /** `model_info.type`. */
  readonly modelType: string;
  /** `model_info.architecture`. */
  readonly modelArchitecture: string;
  /** `dataset_info.origin`. */
  readonly datasetOrigin: string;
  /** Where the BOM is stored: a file path, an MLflow artifact URI. */
  readonly location: string;
}

/** The parts of a BOM a summary reads (a `TrainingBOM` has them). */
export interface SummarizedFields {
  /** The BOM id. */
  readonly id: string;
  /** `start_time`. */
  readonly startTime: string;
  /** `end_time`. */
  readonly endTime: string;
  /** `model_info`. */
  readonly modelInfo: { readonly type: string; readonly architecture: string };
  /** `dataset_info`. */
  readonly datasetInfo: { readonly origin: string };
}

/** The {@link BomSummary} of a BOM stored at `location`. */
export function summarizeBom(bom: SummarizedFields, location: string): BomSummary {
  return {
    id: bom.id,
    startTime: bom.startTime,
    endTime: bom.endTime,
    startTimeMs: bomTimeMs(bom.startTime),
    modelType: bom.modelInfo.type,
    modelArchitecture: bom.modelInfo.architecture,
    datasetOrigin: bom.datasetInfo.origin,
    location,
  };
}
