import { InvalidArgumentError, type ValidationIssue } from '../../errors';
import type { JsonDict, JsonValue } from '../../core/json-types';
import { safeDict } from '../../core/safe-dict';
import { toIsoUtc } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { checkJsonValue } from '../../validation/json-value';
import { IssueCollector } from '../../validation/locators';
import { AnomalyMonitor } from './anomaly-monitor';
import { captureEnvironment } from '../environment/capture-environment';
import type { DatasetInspection } from '../../models/dataset-inspection';
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

const asJson = (value: unknown): JsonValue => value as JsonValue;
const wireNumber = (n: number): JsonValue => (Number.isFinite(n) ? n : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity');

function checkJson(path: string, value: unknown): void {
  const problems = new IssueCollector();
  if (!checkJsonValue(value, 0, '', new Set(), problems)) {
    const first = problems.done()[0] as ValidationIssue;
    throw new InvalidArgumentError(`${path}${first.path === '' ? '' : `.${first.path}`}`, first.message);
  }
}

/**
 * The tracker's reproducibility facts for one run (dataset inspection, environment, seeds, data quality,
 * anomalies) and their `additional_values` form. Keeps that logic out of the tracker.
 */
export class RunFacts {
  /** The anomaly monitor, to be the tracker's first sink; undefined when monitoring is off. */
  readonly monitor: AnomalyMonitor | undefined;
  private dataset: DatasetInspection | undefined;
  private environment: EnvironmentInfo | undefined;
  private readonly seeds = safeDict() as JsonDict;
  private readonly dataQuality = safeDict() as JsonDict;

  constructor(
    private readonly options: RunFactsOptions,
    private readonly logger: Logger,
  ) {
    this.monitor = options.anomalies === false ? undefined : new AnomalyMonitor(options.anomalies ?? {}, options.onAnomaly);
  }

  /** Captures the environment unless turned off; a failure is a warning, never an error. */
  start(): void {
    const choice = this.options.captureEnvironment ?? true;
    if (choice === false) return;
    try {
      this.environment = captureEnvironment(choice === true ? {} : choice);
    } catch (error) {
      this.logger.warn(`environment not captured: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Restores the environment an earlier process of the run captured (resume), instead of capturing this one's. */
  restoreEnvironment(environment: EnvironmentInfo): void {
    this.environment = environment;
  }

  /** The environment as captured at start, for the journal. */
  get capturedEnvironment(): EnvironmentInfo | undefined {
    return this.environment;
  }

  /** Replaces the dataset facts (cleared by a registration without inspection) and logs the inspection's warnings. */
  setDataset(inspection: DatasetInspection | undefined, sizeGiven: boolean): void {
    this.dataset = inspection;
    if (inspection === undefined) return;
    for (const warning of inspection.warnings ?? []) this.logger.warn(`dataset ${inspection.origin}: ${warning}`);
    if (inspection.rows === null && !sizeGiven) this.logger.warn(`dataset ${inspection.origin}: rows unknown, dataset_info.size stays 0`);
  }

  /** @throws {@link InvalidArgumentError} for an empty name or a value that is not a finite number or a string. */
  seed(name: string, value: number | string): void {
    if (typeof name !== 'string' || name === '') throw new InvalidArgumentError('seeds', 'seed names must be non-empty strings');
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new InvalidArgumentError(`seeds.${name}`, `must be a finite number or a string, got ${typeof value === 'number' ? String(value) : typeof value}`);
    }
    this.seeds[name] = value;
  }

  /** @throws {@link InvalidArgumentError} for an empty key or a value that is not JSON. */
  quality(key: string, value: JsonValue): void {
    if (typeof key !== 'string' || key === '') throw new InvalidArgumentError('data_quality', 'data-quality keys must be non-empty strings');
    checkJson(`data_quality.${key}`, value);
    this.dataQuality[key] = value;
  }

  /** Anomalies found so far. */
  anomalies(): MetricAnomaly[] {
    return this.monitor?.anomalies() ?? [];
  }

  /** The run's `additional_values`, or undefined when there is nothing to record; rescans loaded ML packages. */
  toAdditionalValues(): JsonDict | undefined {
    const out = safeDict() as JsonDict;
    if (this.dataset !== undefined) {
      const { origin: _origin, ...facts } = this.dataset;
      out['dataset'] = asJson(facts);
    }
    if (this.environment !== undefined) out['environment'] = asJson(this.withLatePackages(this.environment));
    if (Object.keys(this.seeds).length > 0) out['seeds'] = Object.assign(safeDict(), this.seeds) as JsonDict;
    if (Object.keys(this.dataQuality).length > 0) out['data_quality'] = Object.assign(safeDict(), this.dataQuality) as JsonDict;
    if (this.monitor !== undefined) {
      out['anomalies'] = this.monitor.anomalies().map((a) => ({ key: a.key, rule: a.rule, step: a.step, value: wireNumber(a.value), timestamp: toIsoUtc(a.timestampMs), message: a.message }));
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }

  /** Packages imported during training (after `startTraining`) count too. */
  private withLatePackages(environment: EnvironmentInfo): EnvironmentInfo {
    const choice = this.options.captureEnvironment;
    const options = typeof choice === 'object' ? choice : {};
    const merged: Record<string, string> = { ...loadedPackages(options.isMlPackage ?? isMlPackage, [], options.cwd ?? process.cwd()), ...environment.packages };
    const packages: Record<string, string> = {};
    for (const name of Object.keys(merged).sort()) packages[name] = merged[name] as string;
    return { ...environment, packages };
  }
}
