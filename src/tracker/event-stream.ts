import type { RunEvent, RunEventSubscriber } from '../events/run-event';

/**
 * A run's one event stream: the tracker publishes each event once, and every subscriber (the journal,
 * then the sink hub, which fans out to the anomaly monitor and the sinks) receives it in the order
 * subscribed. Subscribers are the tracker's own parts and isolate their errors themselves.
 */
export class EventStream {
  private readonly subscribers: RunEventSubscriber[] = [];
  private readonly takesPoints = new Set<RunEventSubscriber>();
  private metricSubscribers: RunEventSubscriber[] = [];

  /**
   * Adds a subscriber after the existing ones; `first` puts it before them (the journal: the sinks read what
   * it wrote). `points: false` keeps it off the hot path even though it has `onMetric` (a hub with no sink
   * that takes points).
   */
  subscribe(subscriber: RunEventSubscriber, options: { readonly first?: boolean; readonly points?: boolean } = {}): void {
    if (options.first === true) this.subscribers.unshift(subscriber);
    else this.subscribers.push(subscriber);
    if (typeof subscriber.onMetric === 'function' && options.points !== false) this.takesPoints.add(subscriber);
    this.metricSubscribers = this.subscribers.filter((s) => this.takesPoints.has(s));
  }

  /** Gives an event to every subscriber. */
  publish(event: RunEvent): void {
    for (const subscriber of this.subscribers) subscriber.onEvent?.(event);
  }

  /** Gives one metric point to every subscriber that takes points; hot path. */
  metric(key: string, value: number, step: number, timestampMs: number, keyIndex: number): void {
    const subscribers = this.metricSubscribers;
    for (let i = 0; i < subscribers.length; i++) {
      (subscribers[i] as Required<RunEventSubscriber>).onMetric(key, value, step, timestampMs, keyIndex);
    }
  }
}
