/**
 * Reads a journal back (see journal-format.ts): every intact frame in order, stopping at the first frame
 * that is cut short or fails its CRC (a crash mid-write) with a warning, never an error. Points go to a
 * callback as they are read, so a journal larger than memory's share for it can be scanned.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { JournalError } from '../errors';
import { FRAME_HEADER_BYTES, FrameKind, JOURNAL_MAGIC, MAX_FRAME_BYTES, payloadIntact } from './journal-format';
import { pointCount } from './point-frames';
import type { JournalRecord } from './journal-record';
import { JournalState } from './journal-state';

/** Receives each journaled metric point, in the order logged. */
export type JournalPointVisitor = (key: string, value: number, step: number, timestampMs: number) => void;

/** Receives each intact JSON record, in the order written (points in between go to the point visitor). */
export type JournalRecordVisitor = (record: JournalRecord) => void;

function readExactly(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, bytes, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? bytes : bytes.subarray(0, got);
}

function parseRecord(payload: Buffer): JournalRecord | undefined {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string' ? (value as JournalRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the journal at `path` into its bookkeeping, visiting each record and each point in order.
 * @throws {@link JournalError} when the file cannot be read or does not start like a journal.
 */
export function readJournal(path: string, onPoint?: JournalPointVisitor, onRecord?: JournalRecordVisitor): JournalState {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new JournalError(path, `cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  try {
    const size = fstatSync(fd).size;
    const magic = readExactly(fd, JOURNAL_MAGIC.length, 0);
    if (!magic.equals(JOURNAL_MAGIC.subarray(0, magic.length))) throw new JournalError(path, 'is not a training-bom journal (it does not start with the journal header)');
    const state = new JournalState(path);
    if (magic.length < JOURNAL_MAGIC.length) {
      state.warnings.push(`the journal header is cut short (${size} bytes): the process stopped as the journal was created`);
      return state;
    }
    let offset = JOURNAL_MAGIC.length;
    while (offset < size) {
      const problem = readFrame(fd, offset, size, state, onPoint, onRecord);
      if (typeof problem === 'string') {
        state.warnings.push(`skipped the last ${size - offset} bytes from offset ${offset}: ${problem} (a write cut short by a crash, or damage)`);
        state.tornBytes = size - offset;
        break;
      }
      offset = problem;
    }
    state.validBytes = offset;
    return state;
  } finally {
    closeSync(fd);
  }
}

/** Reads the frame at `offset` into `state`: the next frame's offset, or why the frame cannot be trusted. */
function readFrame(fd: number, offset: number, size: number, state: JournalState, onPoint: JournalPointVisitor | undefined, onRecord: JournalRecordVisitor | undefined): number | string {
  if (size - offset < FRAME_HEADER_BYTES) return 'an incomplete frame header';
  const header = readExactly(fd, FRAME_HEADER_BYTES, offset);
  const length = header.readUInt32LE(0);
  const crc = header.readUInt32LE(4);
  const byte = header.readUInt8(8);
  const kind = byte as FrameKind; // any byte: the last branch reports one it does not know
  if (length > MAX_FRAME_BYTES || offset + FRAME_HEADER_BYTES + length > size) return `a frame of ${length} bytes that the file does not hold`;
  const payload = readExactly(fd, length, offset + FRAME_HEADER_BYTES);
  if (!payloadIntact(payload, crc)) return 'a frame whose checksum does not match';
  if (kind === FrameKind.Points || kind === FrameKind.CompactPoints) {
    const count = pointCount(kind, length);
    if (count === undefined) return 'a points frame of the wrong length';
    state.addPoints(kind, payload, count, offset + FRAME_HEADER_BYTES, onPoint);
  } else if (kind === FrameKind.Json) {
    const record = parseRecord(payload);
    if (record === undefined) return 'a record that is not a JSON object with a type';
    state.apply(record);
    onRecord?.(record);
  } else {
    return `a frame of unknown kind ${byte}`;
  }
  return offset + FRAME_HEADER_BYTES + length;
}

