import { expect } from 'chai';
import { printable, printableJson } from '../../../src/cli/printable';
import { formatValue } from '../../../src/cli/format-value';

describe('printable', () => {
  it('escapes controls, separators, bidirectional controls and unpaired surrogates, and backslashes', () => {
    expect(printable('a\nb\r\t\u0000\u001b[2J\u007f\u009b\u2028\u2029\u202e\u2066\u200f\u061c\ud800\\')).to.equal(
      'a\\nb\\r\\t\\u0000\\u001b[2J\\u007f\\u009b\\u2028\\u2029\\u202e\\u2066\\u200f\\u061c\\ud800\\\\',
    );
  });

  it('leaves other text, paired surrogates included, as it is', () => {
    expect(printable('naïve 数据 😀 → …')).to.equal('naïve 数据 😀 → …');
  });

  it('keeps JSON text JSON: its own escapes untouched, the rest escaped as JSON does', () => {
    const json = JSON.stringify({ k: 'a\nb\u2028\u202e' });
    expect(printableJson(json)).to.equal('{"k":"a\\nb\\u2028\\u202e"}');
    expect(JSON.parse(printableJson(json))).to.deep.equal({ k: 'a\nb\u2028\u202e' });
  });

  it('formatValue escapes strings and a JSON value cut inside a surrogate pair', () => {
    expect(formatValue('x\u001b[31m')).to.equal('x\\u001b[31m');
    expect(formatValue({ k: `${'a'.repeat(72)}😀` })).to.equal(`{"k":"${'a'.repeat(72)}\\ud83d…`);
  });
});
