import type { TrainingBOM } from '../models/training-bom';
import type { MetricHistory } from '../tracker/metric-series';

/** What a signature check found, for the report's summary (filled by the attestation feature when present). */
export interface ReportAttestation {
  /** `verified`: a good signature by a trusted key; `unverified`: signed, key not trusted; `invalid`: bad signature; `unsigned`: none. */
  readonly status: 'verified' | 'unverified' | 'invalid' | 'unsigned';
  /** The signing key's id, when known. */
  readonly keyId?: string;
  /** More words on the status (shown as given, escaped). */
  readonly detail?: string;
}

/** One run of a report: its BOM and, when stored, its metric history and signature status. */
export interface ReportRun {
  /** The run's BOM. */
  readonly bom: TrainingBOM;
  /** Every metric's full history, when stored with the BOM; without it the report shows final values only. */
  readonly history?: readonly MetricHistory[];
  /** Signature status, when the BOM's attestation was checked. */
  readonly attestation?: ReportAttestation;
}

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  /** The page title (default: the run id, or "Comparison of N runs"). */
  readonly title?: string;
  /** Most points drawn per series: longer histories are cut into min/max buckets (default 2,000; at least 16). */
  readonly maxPointsPerSeries?: number;
}
