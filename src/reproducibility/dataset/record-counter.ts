const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Counts the records of a delimited text file (CSV, TSV) or of JSON Lines, streaming, chunk by chunk.
 * With `quoting` a field that starts with `"` may hold newlines, delimiters and `""` up to its closing
 * quote (RFC 4180); a quote elsewhere in a field is a literal, as Python's csv module and pandas read it.
 * Blank lines (empty or a lone `\r`) are not records, as pandas skips them. Finds every newline and
 * quote with `indexOf` (memchr), so the cost is per line, not per byte.
 */
export class RecordCounter {
  /** Records completed so far. */
  records = 0;
  private inQuotes = false;
  /** In a quoted field, the previous chunk ended on a quote: closing, or the first half of `""`. */
  private quotePending = false;
  /** Bytes of the current record seen so far. */
  private recordLength = 0;
  /** Whether the current record's first byte is `\r` (a record of just `\r` is a blank CRLF line). */
  private firstIsCr = false;
  private lastByte = -1;

  constructor(
    private readonly delimiter: number,
    private readonly quoting: boolean,
  ) {}

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    let i = 0;
    if (this.quotePending) {
      this.quotePending = false;
      if (chunk[0] === QUOTE) {
        this.grow(chunk, 0, 1);
        i = 1;
      } else this.inQuotes = false;
    }
    let nextQuote = -2;
    while (i < n) {
      if (this.inQuotes) {
        const q = chunk.indexOf(QUOTE, i);
        if (q < 0) {
          this.grow(chunk, i, n);
          break;
        }
        this.grow(chunk, i, q + 1);
        if (q + 1 === n) {
          this.quotePending = true;
          break;
        }
        if (chunk[q + 1] === QUOTE) {
          this.grow(chunk, q + 1, q + 2);
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
          nextQuote = -2;
        }
        continue;
      }
      const nl = chunk.indexOf(LF, i);
      const end = nl < 0 ? n : nl;
      if (this.quoting) {
        if (nextQuote === -2 || (nextQuote >= 0 && nextQuote < i)) nextQuote = chunk.indexOf(QUOTE, i);
        let opened = -1;
        while (nextQuote >= 0 && nextQuote < end) {
          const before = this.recordLength + (nextQuote - i);
          const prev = nextQuote === 0 ? this.lastByte : chunk[nextQuote - 1];
          if (before === 0 || prev === this.delimiter) {
            opened = nextQuote;
            break;
          }
          nextQuote = chunk.indexOf(QUOTE, nextQuote + 1);
        }
        if (opened >= 0) {
          this.grow(chunk, i, opened + 1);
          this.inQuotes = true;
          i = opened + 1;
          continue;
        }
      }
      this.grow(chunk, i, end);
      if (nl < 0) break;
      this.endRecord();
      i = nl + 1;
    }
    this.lastByte = chunk[n - 1];
  }

  /** Ends the input: counts a last record without a trailing newline; true when a quoted field never closed. */
  finish(): { records: number; unterminatedQuote: boolean } {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    const unterminatedQuote = this.inQuotes;
    this.endRecord();
    return { records: this.records, unterminatedQuote };
  }

  private grow(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    if (this.recordLength === 0) this.firstIsCr = chunk[from] === CR;
    this.recordLength += to - from;
  }

  private endRecord(): void {
    if (this.recordLength > 1 || (this.recordLength === 1 && !this.firstIsCr)) this.records++;
    this.recordLength = 0;
    this.firstIsCr = false;
  }
}
