import type { JsonDict } from '../core/json-types';
import { safeDict } from '../core/safe-dict';
import type { FrameKind } from './journal-format';
import { decodePoints } from './point-frames';
import type { JournalRecord } from './journal-record';

/** What a sink recorded about its delivery in the journal. */
export interface JournalSinkState {
  /** Sink-specific state to restore on resume, e.g. `{ run_id }`. */
  readonly state: JsonDict;
  /** The first this many points were delivered (or refused for good) by the sink. */
  readonly acknowledged: number;
}

/** A points frame on disk: its first point's sequence number, how many points, its kind, where its payload starts and its length. */
export interface JournalBlock {
  readonly firstSeq: number;
  readonly count: number;
  readonly kind: FrameKind;
  readonly payloadOffset: number;
  readonly payloadLength: number;
}

/** Record types that hold a run event (event-records.ts); the others are the journal's own bookkeeping. */
const EVENT_RECORDS: ReadonlySet<string> = new Set(['start', 'environment', 'dataset', 'features', 'model', 'params', 'seed', 'quality', 'artifact', 'ranks', 'sweep', 'finalize']);

/**
 * What a journal says about itself: where the run started, whether it was finalized, its metric names,
 * where every point is, what each sink delivered. The run's own state is rebuilt by replaying the event
 * records through the tracker's reducer (`readJournal`'s record visitor).
 */
export class JournalState {
  start: { readonly id: string; readonly startMs: number } | undefined;
  /** Whether the run's finalized BOM is in the journal. */
  finalized = false;
  readonly keys: string[] = [];
  readonly blocks: JournalBlock[] = [];
  readonly sinks = new Map<string, JournalSinkState>();
  points = 0;
  resumes = 0;
  /** Latest time the journal saw anything happen (start, resume, a point), epoch ms. */
  lastActivityMs = -Infinity;
  /** Bytes of intact frames from the start of the file; anything after is torn. */
  validBytes = 0;
  tornBytes = 0;
  readonly warnings: string[] = [];

  constructor(readonly path: string) {}

  /** Whether a record holds a run event (for the reducer) rather than the journal's own bookkeeping. */
  static holdsEvent(record: JournalRecord): boolean {
    return EVENT_RECORDS.has(record.type);
  }

  /** Applies one record's bookkeeping; records of unknown types (a newer writer) are skipped with a warning. */
  apply(record: JournalRecord): void {
    switch (record.type) {
      case 'header':
      case 'environment':
      case 'dataset':
      case 'features':
      case 'model':
      case 'params':
      case 'seed':
      case 'quality':
      case 'ranks':
      case 'sweep':
      case 'artifact':
        return;
      case 'start':
        this.start = { id: record.id, startMs: record.start_ms };
        this.seen(record.start_ms);
        return;
      case 'resume':
        this.resumes++;
        this.seen(record.at_ms);
        return;
      case 'key':
        this.keys[record.index] = record.key;
        return;
      case 'finalize':
        this.finalized = true;
        return;
      case 'sink':
        this.sinks.set(record.sink, { state: record.state, acknowledged: this.sinks.get(record.sink)?.acknowledged ?? 0 });
        return;
      case 'ack': {
        const previous = this.sinks.get(record.sink);
        this.sinks.set(record.sink, { state: previous?.state ?? (safeDict() as JsonDict), acknowledged: Math.max(previous?.acknowledged ?? 0, record.points) });
        return;
      }
      default:
        this.warnings.push(`skipped a record of unknown type ${JSON.stringify((record as { type: unknown }).type)}`);
    }
  }

  /** Records a points frame of `count` points and visits its points. */
  addPoints(kind: FrameKind, payload: Uint8Array, count: number, payloadOffset: number, visit: ((key: string, value: number, step: number, timestampMs: number) => void) | undefined): void {
    this.blocks.push({ firstSeq: this.points, count, kind, payloadOffset, payloadLength: payload.byteLength });
    this.points += count;
    decodePoints(kind, payload, 0, count, (keyIndex, value, step, timestamp) => {
      if (timestamp > this.lastActivityMs) this.lastActivityMs = timestamp;
      visit?.(this.keys[keyIndex] ?? `#${keyIndex}`, value, step, timestamp);
    });
  }

  private seen(ms: number): void {
    if (ms > this.lastActivityMs) this.lastActivityMs = ms;
  }
}
