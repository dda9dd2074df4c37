import type { Clock } from '../../core/clock';
import type { MlflowClientChoice } from '../client/with-mlflow-client';
import type { DistributedRunOptions } from './distributed';

/** Options of {@link MlflowRunSink}: the client (`client` or `clientOptions`), where the run goes, and the batching knobs. */
export interface MlflowRunSinkOptions extends MlflowClientChoice {
  /** Experiment the run is created in (default: the client's `experimentName`, i.e. `MLFLOW_EXPERIMENT_NAME`, else `Default`). */
  readonly experimentName?: string;
  /** An existing run to log into instead of creating one (default: the client's `runId`, i.e. `MLFLOW_RUN_ID`). */
  readonly runId?: string;
  /** Run name (`mlflow.runName`); default: the BOM id. */
  readonly runName?: string;
  /** Extra tags for the run. */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Most metric points waiting in memory (default 1,000,000); beyond that they wait in the tracker's journal,
   * or, without a journal, are dropped and counted.
   */
  readonly maxQueueSize?: number;
  /** Longest a point waits before an export starts, in ms (default 1,000). */
  readonly scheduledDelayMillis?: number;
  /** Where background errors go (default: the tracker's `onError`, else a warning on stderr). */
  readonly onError?: (error: unknown) => void;
  /** Where the run's end time comes from when it is closed without a finalized BOM (default: the system clock). */
  readonly clock?: Clock;
  /**
   * This process is one rank of a training run spread over several processes or machines, all logging into
   * one MLflow run (docs/distributed.md): the owner (rank 0 by default) creates the run and finalizes the
   * BOM; every other rank joins the run (by `runId` / `MLFLOW_RUN_ID`, else by the shared training id its
   * tracker starts with), logs its params and metrics under its key prefix (`rank<k>/`), and says at close
   * that it is done, without ending the run.
   */
  readonly distributed?: DistributedRunOptions;
  /**
   * The run is a trial of a hyper-parameter sweep (or any nested run): the new run is created with MLflow's
   * `mlflow.parentRunId` tag, as MLflow's own nested runs are (see `startSweep`, docs/distributed.md#sweeps).
   */
  readonly parentRunId?: string;
  /**
   * How long `close()` and `flush()` wait for MLflow without it acknowledging anything once an attempt has
   * failed, in ms (default 10,000; each acknowledged batch starts the wait again, so a slow but working
   * server is not cut short; while nothing has failed, six times as long).
   * When it runs out, `close()` abandons the calls in flight and reports what MLflow lacks; the journal keeps
   * it for `training-bom recover`. `{ timeoutMs }` given to `close()` or `flush()` wins.
   */
  readonly closeTimeoutMillis?: number;
}

/** What the sink has done so far. */
export interface MlflowRunSinkStats {
  /** Metric points the server acknowledged. */
  readonly sentPoints: number;
  /** Points waiting in memory. */
  readonly queuedPoints: number;
  /** Points waiting in the journal only (the queue was full, or a batch failed and will be read again). */
  readonly spilledPoints: number;
  /** Points dropped: queue full without a journal, or refused by the server for good. */
  readonly droppedPoints: number;
  /** Export attempts that failed (after the client's own retries). */
  readonly failedExports: number;
}
