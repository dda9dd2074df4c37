import type { JsonDict, JsonValue } from '../../core/json-types';
import { safeDict } from '../../core/safe-dict';
import { encodeNonFinite } from '../../core/non-finite';
import { toIsoUtc } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { AnomalyMonitor } from './anomaly-monitor';
import { captureEnvironment } from '../environment/capture-environment';
import type { DatasetInspection } from '../../models/dataset-inspection';
import { MODEL_ARTIFACTS_KEY, sortedArtifacts, type ModelArtifact } from '../../models/model-artifact';
import type { CaptureEnvironmentOptions, EnvironmentInfo } from '../../models/environment-info';
import { isMlPackage } from '../environment/is-ml-package';
import { loadedPackages } from '../environment/loaded-packages';
import type { AnomalyOptions, MetricAnomaly } from './metric-anomaly';

/** What the tracker was told about reproducibility. */
export interface RunFactsOptions {
  readonly captureEnvironment?: boolean | CaptureEnvironmentOptions;
  readonly anomalies?: AnomalyOptions | false;
  readonly onAnomaly?: (anomaly: MetricAnomaly) => void;
}

/** The parts of a run's state that become `additional_values` (the tracker's run state has them). */
export interface RunFactsSource {
  readonly inspection: DatasetInspection | undefined;
  readonly environment: EnvironmentInfo | undefined;
  readonly seeds: Readonly<Record<string, number | string>>;
  readonly dataQuality: Readonly<JsonDict>;
  readonly artifacts: ReadonlyMap<string, ModelArtifact>;
}

const asJson = (value: unknown): JsonValue => value as JsonValue;

/**
 * The tracker's reproducibility plug-in: captures the environment at start, watches metrics for
 * anomalies (its monitor subscribes to the run's events), and writes the run's facts (dataset
 * inspection, environment, seeds, data quality, anomalies, model artifacts) as `additional_values`.
 */
export class RunFacts {
  /** The anomaly monitor, to be the tracker's first sink; undefined when monitoring is off. */
  readonly monitor: AnomalyMonitor | undefined;

  constructor(
    private readonly options: RunFactsOptions,
    private readonly logger: Logger,
  ) {
    this.monitor = options.anomalies === false ? undefined : new AnomalyMonitor(options.anomalies ?? {}, options.onAnomaly);
  }

  /** The environment, unless its capture is turned off; a failure is a warning, never an error. */
  captureEnvironment(): EnvironmentInfo | undefined {
    const choice = this.options.captureEnvironment ?? true;
    if (choice === false) return undefined;
    try {
      return captureEnvironment(choice === true ? {} : choice);
    } catch (error) {
      this.logger.warn(`environment not captured: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Logs what a dataset inspection warns about, and a row count it could not find. */
  warnAboutDataset(inspection: DatasetInspection | undefined, sizeGiven: boolean): void {
    if (inspection === undefined) return;
    for (const warning of inspection.warnings ?? []) this.logger.warn(`dataset ${inspection.origin}: ${warning}`);
    if (inspection.rows === null && !sizeGiven) this.logger.warn(`dataset ${inspection.origin}: rows unknown, dataset_info.size stays 0`);
  }

  /** Anomalies found so far. */
  anomalies(): MetricAnomaly[] {
    return this.monitor?.anomalies() ?? [];
  }

  /** The run's `additional_values`, or undefined when there is nothing to record; rescans loaded ML packages. */
  toAdditionalValues(run: RunFactsSource): JsonDict | undefined {
    const out = safeDict() as JsonDict;
    if (run.inspection !== undefined) {
      const { origin: _origin, ...facts } = run.inspection;
      out['dataset'] = asJson(facts);
    }
    if (run.environment !== undefined) out['environment'] = asJson(this.withLatePackages(run.environment));
    if (Object.keys(run.seeds).length > 0) out['seeds'] = Object.assign(safeDict(), run.seeds);
    if (Object.keys(run.dataQuality).length > 0) out['data_quality'] = Object.assign(safeDict(), run.dataQuality);
    if (run.artifacts.size > 0) out[MODEL_ARTIFACTS_KEY] = sortedArtifacts(run.artifacts.values()).map((a) => ({ name: a.name, digest: a.digest, bytes: a.bytes }));
    if (this.monitor !== undefined) {
      out['anomalies'] = this.monitor.anomalies().map((a) => ({ key: a.key, rule: a.rule, step: a.step, value: encodeNonFinite(a.value), timestamp: toIsoUtc(a.timestampMs), message: a.message }));
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }

  /** Packages imported during training (after `startTraining`) count too. */
  private withLatePackages(environment: EnvironmentInfo): EnvironmentInfo {
    const choice = this.options.captureEnvironment;
    const options = typeof choice === 'object' ? choice : {};
    const merged: Record<string, string> = { ...loadedPackages(options.isMlPackage ?? isMlPackage, [], options.cwd ?? process.cwd()), ...environment.packages };
    const packages: Record<string, string> = {};
    for (const name of Object.keys(merged).sort()) packages[name] = merged[name];
    return { ...environment, packages };
  }
}
