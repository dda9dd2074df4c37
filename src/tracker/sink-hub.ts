import type { JournalSinkState } from '../journal/journal-state';
import type { JournalWriter } from '../journal/journal-writer';
import { journalHookOf, SinkJournalHandle } from '../journal/sink-journal';
import type { RunEvent } from '../events/run-event';
import type { SinkDeliveryReport, SinkErrorHandler, SinkWaitOptions, TrackerSink } from '../events/tracker-sink';

/** Fans tracker events out to sinks; a sink's error goes to the handler and never to the caller. */
export class SinkHub {
  private readonly metricSinks: TrackerSink[];
  /** Whether any sink listens to metric points (lets the hot path skip the call entirely). */
  readonly hasMetricSinks: boolean;

  constructor(
    readonly sinks: readonly TrackerSink[],
    private readonly onError: SinkErrorHandler,
  ) {
    this.metricSinks = sinks.filter((s) => typeof s.onMetric === 'function');
    this.hasMetricSinks = this.metricSinks.length > 0;
    for (const sink of sinks) {
      try {
        sink.bindErrorHandler?.((error) => this.report(error, sink));
      } catch (error) {
        this.report(error, sink);
      }
    }
  }

  /** Gives `event` to every sink's `onEvent`. */
  onEvent(event: RunEvent): void {
    for (const sink of this.sinks) {
      if (typeof sink.onEvent !== 'function') continue;
      try {
        sink.onEvent(event);
      } catch (error) {
        this.report(error, sink);
      }
    }
  }

  /** Gives one metric point to every sink's `onMetric`; hot path. */
  onMetric(key: string, value: number, step: number, timestampMs: number, keyIndex: number): void {
    const sinks = this.metricSinks;
    for (let i = 0; i < sinks.length; i++) {
      const sink = sinks[i];
      try {
        (sink.onMetric as NonNullable<TrackerSink['onMetric']>)(key, value, step, timestampMs, keyIndex);
      } catch (error) {
        this.report(error, sink);
      }
    }
  }

  /**
   * Gives each sink that reads the journal its handle, named by the sink's class and its rank among sinks
   * of that class (`MlflowRunSink#0`), with what it recorded in an earlier process of the run.
   */
  bindJournal(writer: JournalWriter, previous: ReadonlyMap<string, JournalSinkState>): void {
    const seen = new Map<string, number>();
    for (const sink of this.sinks) {
      const bind = journalHookOf(sink);
      if (bind === undefined) continue;
      const kind = sink.constructor.name;
      const rank = seen.get(kind) ?? 0;
      seen.set(kind, rank + 1);
      const name = `${kind}#${rank}`;
      try {
        bind(new SinkJournalHandle(name, writer, previous.get(name)));
      } catch (error) {
        this.report(error, sink);
      }
    }
  }

  /** Calls `flush` or `close` on every sink concurrently; rejections go to the handler. Returns the sinks' delivery reports. */
  async settle(method: 'flush' | 'close', options: SinkWaitOptions = {}): Promise<SinkDeliveryReport[]> {
    const reports = await Promise.all(
      this.sinks.map(async (sink) => {
        try {
          const report: unknown = await sink[method]?.(options);
          return typeof report === 'object' && report !== null ? (report as SinkDeliveryReport) : undefined;
        } catch (error) {
          this.report(error, sink);
          return undefined;
        }
      }),
    );
    return reports.filter((r): r is SinkDeliveryReport => r !== undefined);
  }

  private report(error: unknown, sink: TrackerSink): void {
    try {
      this.onError(error, sink);
    } catch {
      // An error handler that throws must not reach the training loop either.
    }
  }
}
