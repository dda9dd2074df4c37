/** Strings that try to forge lines or drive a terminal, for tests of the CLI's human output. */
import { expect } from 'chai';

/** One of each kind of hostile text (no NUL: BOM ids in a store and MLflow values refuse it; see {@link NUL}). */
export const HOSTILE = {
  newline: 'a\nforged: valid',
  carriageReturn: 'hidden\roverwritten',
  ansi: 'x\u001b[2J\u001b[31mred\u001b[0m',
  bidi: 'abc\u202edcba',
  separators: 'l\u2028p\u2029q',
  c1: 'c\u009b31m',
  del: 'd\u007f',
  backslash: 'a\\nb',
} as const;

/** A NUL character inside text. */
export const NUL = 'n\u0000ul';

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/**
 * Asserts that `output` holds no raw control character but the line feeds between lines: no other C0 or C1
 * control, DEL, line or paragraph separator, bidirectional control, unpaired surrogate, nor the U+FFFD that
 * UTF-8 output makes of one.
 */
export function expectPrintable(output: string, what: string): void {
  const match = RAW.exec(output);
  expect(match, `${what}: raw U+${match?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} at ${match?.index} in ${JSON.stringify(output)}`).to.equal(null);
}
