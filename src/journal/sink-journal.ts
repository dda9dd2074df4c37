import type { JsonDict } from '../core/json-types';
import type { JournalSinkState } from './journal-state';
import type { JournalWriter } from './journal-writer';
import type { JournaledPoint } from './point-frames';

export type { JournaledPoint } from './point-frames';

/**
 * A sink's view of the tracker's journal (given through `acceptJournal`): the journal holds every
 * point in order, numbered from 0, so a sink can keep only a bounded queue in memory, read the rest back
 * when it has room, and record how far it has delivered so that a later `recover` or `resume` replays
 * only the rest.
 */
export interface SinkJournal {
  /** The journal file (for messages that say where the points wait). */
  readonly path: string;
  /** Points journaled so far: the sequence number the next point will get. */
  readonly points: number;
  /** What this sink recorded in an earlier process of the same run (on resume or recover), else undefined. */
  readonly previous: JournalSinkState | undefined;
  /** Records that points `[0, points)` are delivered, or refused for good; lower values than before are ignored. */
  acknowledge(points: number): void;
  /** Records sink state to hand back on resume (replacing earlier state), e.g. `{ run_id }`. */
  saveState(state: JsonDict): void;
  /** Reads points `[from, from + max)` back in order; fewer at the end, none if the journal failed. */
  readPoints(from: number, max: number): readonly JournaledPoint[];
}

/** The tracker's {@link SinkJournal} for one sink, named for its journal records. */
export class SinkJournalHandle implements SinkJournal {
  private acknowledged: number;

  constructor(
    private readonly name: string,
    private readonly writer: JournalWriter,
    readonly previous: JournalSinkState | undefined,
  ) {
    this.acknowledged = previous?.acknowledged ?? 0;
  }

  get path(): string {
    return this.writer.path;
  }

  get points(): number {
    return this.writer.points;
  }

  acknowledge(points: number): void {
    if (!(points > this.acknowledged)) return;
    this.acknowledged = points;
    this.writer.record({ type: 'ack', sink: this.name, points });
  }

  saveState(state: JsonDict): void {
    this.writer.record({ type: 'sink', sink: this.name, state });
  }

  readPoints(from: number, max: number): readonly JournaledPoint[] {
    return this.writer.readPoints(from, max);
  }
}

const hooks = new WeakMap<object, (journal: SinkJournal) => void>();

/**
 * Lets a sink of this package (the MLflow sink) use the tracker's journal as its overflow and delivery
 * record: when the tracker keeps a journal, it calls `bind` with the sink's handle before the run's first
 * event. Kept off the public `TrackerSink` interface on purpose: the journal's layout is internal.
 */
export function acceptJournal(sink: object, bind: (journal: SinkJournal) => void): void {
  hooks.set(sink, bind);
}

/** The journal hook a sink registered with {@link acceptJournal}, if any. */
export function journalHookOf(sink: object): ((journal: SinkJournal) => void) | undefined {
  return hooks.get(sink);
}
