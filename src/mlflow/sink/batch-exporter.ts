/** What a {@link BatchExporter} drains. */
export interface ExportSource {
  /** Whether anything waits to be exported. */
  hasWork(): boolean;
  /** Exports the next batch; rejects when that failed, after settling the batch (put back or dropped). */
  exportNext(): Promise<void>;
}

/** How a {@link BatchExporter} schedules, retries and reports. */
export interface BatchExporterOptions {
  /** Longest anything waits before an export starts, in ms. */
  readonly delayMillis: number;
  /** Whether a failure is worth trying again after the delay. */
  readonly isTransient: (error: unknown) => boolean;
  /** Where export failures go; never thrown into the caller. */
  readonly onError: (error: unknown) => void;
}

/**
 * The background half of a sink, after OpenTelemetry's `BatchSpanProcessorBase`: one export in flight at
 * a time, started on an unref'd timer after `delayMillis`, or at once when a full batch waits; `flush()`
 * resolves once everything received so far is exported (or its export failed and was reported); a
 * transient failure is tried again after the delay; `shutdown()` is idempotent and exports what is left.
 */
export class BatchExporter {
  private started = false;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDelay = 0;
  private stopping: Promise<void> | undefined;
  private failedLast = false;
  private failures = 0;
  private lastFailure: unknown;

  constructor(private readonly source: ExportSource, private readonly options: BatchExporterOptions) {}

  /** Export attempts that failed. */
  get failedExports(): number {
    return this.failures;
  }

  /** The last export failure, if any. */
  get lastError(): unknown {
    return this.lastFailure;
  }

  /** Whether the latest export attempt failed. */
  get lastExportFailed(): boolean {
    return this.failedLast;
  }

  /** Lets exports begin (a sink has nothing to export before its run starts) and starts one now. */
  start(): void {
    this.started = true;
    this.schedule(true);
  }

  /** Asks for an export: at once (`now`), else within the delay; cheap enough for a hot path. */
  schedule(now: boolean): void {
    if (!this.started || this.stopping !== undefined) return;
    if (this.timer !== undefined) {
      if (!now || this.timerDelay === 0) return; // already due as soon as the loop yields
      clearTimeout(this.timer);
    }
    this.timerDelay = now ? 0 : this.options.delayMillis;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.timerDelay);
    this.timer.unref();
  }

  /** Resolves once everything received so far is exported, or the latest attempt failed (and was reported). */
  async flush(): Promise<void> {
    if (!this.started) return;
    do await this.drain();
    while (this.source.hasWork() && !this.failedLast);
  }

  /** Stops scheduling and exports what is left; idempotent. */
  shutdown(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      await this.flush();
    })();
    return this.stopping;
  }

  private drain(): Promise<void> {
    this.inFlight ??= this.exportAll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async exportAll(): Promise<void> {
    this.failedLast = false;
    try {
      while (this.source.hasWork()) await this.source.exportNext();
    } catch (error) {
      this.failures++;
      this.failedLast = true;
      this.lastFailure = error;
      try {
        this.options.onError(error);
      } catch {
        // A handler that throws must not turn into an unhandled rejection in the background.
      }
      if (this.options.isTransient(error)) this.schedule(false);
    }
  }
}
