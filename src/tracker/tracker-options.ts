import type { CaptureEnvironmentOptions } from '../models/environment-info';
import type { AnomalyOptions, MetricAnomaly } from '../reproducibility/plugins/metric-anomaly';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { SinkErrorHandler, TrackerSink } from '../events/tracker-sink';
import type { SecretParamRule } from '../core/secret-names';
import type { JournalOptions } from '../journal/journal-options';
import type { MetricHistoryOptions } from './history-budget';
import type { AttestationKeyInput } from '../attestation/attestation-key';
import type { SignBomOptions } from '../attestation/sign-bom';

/** How a tracker signs its BOM at finalize (docs/attestation.md): the private key and `signBom`'s options. */
export interface TrackerSigning extends SignBomOptions {
  /** The private key: a `KeyObject` or PKCS#8 PEM (encrypted: name its passphrase's variable in `passphraseEnv`). */
  readonly key: AttestationKeyInput;
}

/** Options of {@link TrainingWorkflowTracker}. */
export interface TrainingWorkflowTrackerOptions {
  /** Time source for start/finalize timestamps and metric points (default: `Date.now`). */
  readonly clock?: Clock;
  /** Where progress and warnings go (default: warnings to stderr only). */
  readonly logger?: Logger;
  /** Receivers of everything tracked, e.g. an MLflow mirror. */
  readonly sinks?: readonly TrackerSink[];
  /** Where sink errors go (default: `logger.warn`); they never reach the training loop. */
  readonly onError?: SinkErrorHandler;
  /**
   * Record the environment (`additional_values.environment`) at `startTraining` (default true), or the
   * options of that capture; `false` turns it off.
   */
  readonly captureEnvironment?: boolean | CaptureEnvironmentOptions;
  /** Rules of metric anomaly monitoring (`additional_values.anomalies`); `false` turns monitoring off. */
  readonly anomalies?: AnomalyOptions | false;
  /**
   * Called synchronously, inside `logMetric`, with each anomaly when it is found, e.g. to stop the loop
   * early; if it throws, the error goes to `onError`, never to the loop.
   */
  readonly onAnomaly?: (anomaly: MetricAnomaly) => void;
  /**
   * Which parameter and data-quality names are secrets, their values replaced by `"***REDACTED***"` in the
   * BOM, the journal and before any sink sees them: by default names such as `password`, `api_key`,
   * `hf_token`, `client_secret` (see `DEFAULT_SECRET_PARAM_PATTERN`); a `RegExp` or a list of substrings
   * instead. Unless this is `false`, the redaction policy also applies to every string value, the dataset
   * origin and string seeds: `user:password@` in URLs, the credentials of signed URLs
   * (`X-Amz-Signature=***REDACTED***`, `sig=`, `token=`…) and `Bearer`/`Basic` values. `false` records
   * everything as given (log lines and error messages are redacted whatever this says). See docs/reliability.md#secrets.
   */
  readonly redactSecrets?: SecretParamRule;
  /**
   * The crash-safe journal of everything tracked (see docs/reliability.md): on by default when `sinks` are
   * given, off otherwise; `true` or {@link JournalOptions} turn it on, `false` off.
   */
  readonly journal?: boolean | JournalOptions;
  /**
   * How much metric history stays in memory: by default at most 64 MiB of points (about 2.8 million);
   * older points beyond it spill to a local file (0600, unlinked at once where the platform allows) and are
   * read back by `metricHistory` and at finalize, so a run of any length keeps its whole history in bounded
   * memory. See docs/reliability.md#long-runs-in-bounded-memory.
   */
  readonly metricHistory?: MetricHistoryOptions;
  /**
   * Sign the BOM at finalize: a DSSE envelope holding an in-toto Statement about the registered model
   * artifacts (`tracker.attestation`, and the `finalize` event's `attestation` for sinks and stores). The key
   * stays in memory: it never reaches the BOM, the journal, a sink or a log. Signing fails, and the tracker
   * stays running, when no model artifact was registered (and no `subjects` given).
   */
  readonly sign?: TrackerSigning;
}
