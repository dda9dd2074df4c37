import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { RecordCounter } from '../../../src/reproducibility/dataset/record-counter';

/** A character-by-character reading of the same rules, as the oracle for the indexOf-based counter. */
function reference(text: string, quoting: boolean): { records: number; unterminatedQuote: boolean } {
  let records = 0;
  let record = '';
  let inQuotes = false;
  let fieldStart = true;
  const end = (): void => {
    if (record !== '' && record !== '\r') records++;
    record = '';
    fieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      record += c;
      if (c === '"') {
        if (text[i + 1] === '"') (record += '"'), i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '\n') {
      end();
      continue;
    }
    if (quoting && c === '"' && fieldStart) inQuotes = true;
    record += c;
    fieldStart = c === ',';
  }
  const unterminatedQuote = inQuotes;
  end();
  return { records, unterminatedQuote };
}

function count(text: string, cuts: readonly number[], quoting = true): { records: number; unterminatedQuote: boolean } {
  const bytes = Buffer.from(text, 'latin1');
  const counter = new RecordCounter(0x2c, quoting);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(cut, bytes.length);
    counter.push(bytes.subarray(from, Math.max(from, at)));
    from = Math.max(from, at);
  }
  counter.push(bytes.subarray(from));
  return counter.finish();
}

const piece = fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r\n', ' ', 'x,y', '"q,\n"');
const csvText = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
const cuts = fc.array(fc.nat({ max: 200 }), { maxLength: 8 });

describe('RecordCounter', () => {
  it('agrees with a character-by-character reading, however the input is cut into chunks', () => {
    fc.assert(
      fc.property(csvText, cuts, fc.boolean(), (text, at, quoting) => {
        expect(count(text, at, quoting)).to.deep.equal(reference(text, quoting));
      }),
      { numRuns: 3000 },
    );
  });

  it("counts what Python's csv module reads as rows (blank lines skipped)", function () {
    const samples = fc.sample(csvText, { numRuns: 400, seed: 7 }).filter((t) => !reference(t, true).unterminatedQuote);
    const script = 'import csv, io, json, sys\nprint(json.dumps([sum(1 for row in csv.reader(io.StringIO(t, newline="")) if row) for t in json.load(sys.stdin)]))';
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(samples), encoding: 'utf8' });
    if (r.error !== undefined) this.skip();
    expect(r.status, r.stderr).to.equal(0);
    const python = JSON.parse(r.stdout) as number[];
    expect(samples.map((t) => count(t, [5, 17]).records)).to.deep.equal(python);
  });

  it('keeps a doubled quote inside a quoted field when the chunk ends between the two quotes', () => {
    expect(count('"a""\nb"\nc\n', [3]).records).to.equal(2);
    expect(count('"a""\nb"\nc\n', [4]).records).to.equal(2);
  });

  it('treats a quote inside an unquoted field as a literal', () => {
    expect(count('5" screen,x\n"ok"\n', []).records).to.equal(2);
  });

  it('does not count blank lines, LF or CRLF, even when a chunk ends inside the CRLF', () => {
    expect(count('a\r\n\r\n\nb\r\n', [4]).records).to.equal(2);
  });

  it('counts a last record without a newline and reports a quote that never closes', () => {
    expect(count('a\nb', [])).to.deep.equal({ records: 2, unterminatedQuote: false });
    expect(count('a\n"b\nc', [])).to.deep.equal({ records: 2, unterminatedQuote: true });
  });
});
