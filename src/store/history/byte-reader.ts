import { HistoryFormatError } from '../../errors';

/** Bounds-checked reading of a history file: every overrun or bad number is a {@link HistoryFormatError}. */
export class ByteReader {
  offset = 0;

  constructor(readonly bytes: Uint8Array, readonly end = bytes.length) {}

  fail(field: string, message: string, cause?: unknown): never {
    throw new HistoryFormatError(field, this.offset, message, cause === undefined ? undefined : { cause });
  }

  u8(field: string): number {
    if (this.offset >= this.end) this.fail(field, 'the file ends here (truncated)');
    return this.bytes[this.offset++];
  }

  take(field: string, length: number): Uint8Array {
    if (length > this.end - this.offset) this.fail(field, `needs ${length} bytes, ${this.end - this.offset} left (truncated)`);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  /** An unsigned LEB128 varint below 2^53 (at most 8 bytes). */
  varint(field: string): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.u8(field);
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) this.fail(field, 'varint exceeds 2^53 - 1');
        return value;
      }
      scale *= 128;
    }
    return this.fail(field, 'varint longer than 8 bytes');
  }
}

/** Grows as needed; `bytes()` is a view of what was written. */
export class ByteWriter {
  private buffer: Uint8Array;
  length = 0;

  constructor(capacity = 256) {
    this.buffer = new Uint8Array(capacity);
  }

  private room(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }

  u8(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  put(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** An unsigned integer below 2^53 as LEB128. */
  varint(value: number): void {
    this.room(8);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
