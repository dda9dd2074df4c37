/**
 * A drop-in TensorFlow.js `fit()` callback that logs every epoch's metrics to a tracker. TF.js is an
 * optional peer dependency: this module never imports it (the types below are structural), so the SDK loads
 * without it. Three TF.js traps shape it (docs/tfjs.md):
 * - `fit()` looks only at the first element of a callback array: if that is a `tf.Callback` the array is
 *   used as is, otherwise every element is wrapped as a plain config in `tf.CustomCallback`, calling its
 *   functions with the wrapper as `this`. So the callbacks here are closures (no `this`), and with `tf`
 *   given the result is a real `tf.CustomCallback` for arrays of `tf.Callback`s (`tf.callbacks.earlyStopping`).
 * - `fit()` awaits what a callback returns: these log synchronously (the tracker is O(1), its sinks send in
 *   the background) and return nothing, so training never waits on a server.
 * - With `metrics: ['accuracy']` the logs say `acc` (and `val_acc`): renamed to `accuracy` / `val_accuracy`.
 */
import { InvalidArgumentError } from '../errors';
import type { TrainingWorkflowTracker } from '../tracker/training-workflow-tracker';

/** The logs TF.js passes to a callback: metric name to value (numbers once `tf.CustomCallback` resolved them). */
export type TfjsLogs = Readonly<Record<string, unknown>>;

/** The plain callback config TF.js's `fit()` accepts (`tf.CustomCallbackArgs`), as far as this callback fills it. */
export interface TfjsCallbackConfig {
  /** Called by TF.js after each epoch: logs every numeric entry at step `epoch`. */
  onEpochEnd(epoch: number, logs?: TfjsLogs): void;
  /**
   * Present only with `batchEvery`: logs `batch_<key>` at a running batch step. (When present, TF.js reads
   * every batch's scalars back from the backend before calling it, which costs a sync per batch.)
   */
  onBatchEnd?(batch: number, logs?: TfjsLogs): void;
}

/** The constructor of `tf.CustomCallback`. */
export interface TfjsCustomCallbackConstructor<T> {
  /** Wraps a plain callback config as a `tf.Callback`. */
  new (args: TfjsCallbackConfig): T;
}

/** The part of the `@tensorflow/tfjs` module the callback needs: its `CustomCallback` class. */
export interface TfjsCustomCallbackModule<T> {
  /** `tf.CustomCallback`. */
  readonly CustomCallback: TfjsCustomCallbackConstructor<T>;
}

/** Options of {@link tfjsTrackerCallback}. */
export interface TfjsTrackerCallbackOptions {
  /** Renames of log keys, added to the defaults `acc` → `accuracy`, `val_acc` → `val_accuracy`. */
  readonly keyMap?: Readonly<Record<string, string>>;
  /** Also log batch metrics (as `batch_<key>`) every this many batches, counted across epochs (default: never). */
  readonly batchEvery?: number;
  /** Where a failed logging call goes (default: one warning per distinct message on stderr); never thrown into `fit()`. */
  readonly onError?: (error: unknown) => void;
}

const DEFAULT_KEYS: Readonly<Record<string, string>> = { acc: 'accuracy', val_acc: 'val_accuracy' };

function warnOnce(): (error: unknown) => void {
  const seen = new Set<string>();
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (seen.has(message)) return;
    seen.add(message);
    console.warn(`training-bom: tfjs callback: ${message}`);
  };
}

/**
 * A TF.js `fit()` callback that logs each epoch's `logs` (loss, accuracy, validation metrics) to `tracker`
 * with the epoch as the step. Pass the result as `callbacks`, alone or among plain callback objects; with
 * `tf` (your `@tensorflow/tfjs` module) you get a `tf.CustomCallback` to put among `tf.Callback` instances.
 * Logging errors (a finalized tracker) go to `options.onError`, never into `fit()`.
 * @throws InvalidArgumentError when `batchEvery` is not a positive integer.
 */
export function tfjsTrackerCallback(tracker: TrainingWorkflowTracker, options?: TfjsTrackerCallbackOptions): TfjsCallbackConfig;
export function tfjsTrackerCallback<T>(tracker: TrainingWorkflowTracker, options: TfjsTrackerCallbackOptions & { readonly tf: TfjsCustomCallbackModule<T> }): T;
export function tfjsTrackerCallback<T>(
  tracker: TrainingWorkflowTracker,
  options: TfjsTrackerCallbackOptions & { readonly tf?: TfjsCustomCallbackModule<T> } = {},
): TfjsCallbackConfig | T {
  const keys: Record<string, string> = { ...DEFAULT_KEYS, ...options.keyMap };
  const report = options.onError ?? warnOnce();
  const every = options.batchEvery;
  if (every !== undefined && !(Number.isSafeInteger(every) && every > 0)) {
    throw new InvalidArgumentError('batchEvery', `must be a positive integer, got ${String(every)}`);
  }
  let batches = 0;
  const log = (prefix: string, logs: TfjsLogs | undefined, step: number): void => {
    if (logs === undefined || logs === null) return;
    for (const key of Object.keys(logs)) {
      const value = logs[key];
      if (typeof value !== 'number') continue;
      try {
        tracker.logMetric(prefix + (keys[key] ?? key), value, step);
      } catch (error) {
        report(error);
      }
    }
  };
  const config: TfjsCallbackConfig = { onEpochEnd: (epoch, logs) => log('', logs, epoch) };
  if (every !== undefined) {
    config.onBatchEnd = (_batch, logs) => {
      batches += 1;
      if (batches % every === 0) log('batch_', logs, batches);
    };
  }
  return options.tf === undefined ? config : new options.tf.CustomCallback(config);
}
