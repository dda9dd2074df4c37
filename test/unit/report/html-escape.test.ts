import { expect } from 'chai';
import { bdi, escapeHtml, jsonForScript } from '../../../src/report/html-escape';
import { escapeMarkdown, markdownTable } from '../../../src/report/markdown-escape';
import { HOSTILE, expectPrintable } from '../../helpers/hostile-text';
import { PAYLOAD } from '../../helpers/report-fixtures';

describe('report escaping', () => {
  it('escapeHtml leaves no markup, quote or raw control', () => {
    const out = escapeHtml(PAYLOAD);
    expect(out).to.not.match(/[<>"']/);
    expect(out).to.contain('&lt;/script&gt;').and.contain('&quot;').and.contain('&#39;');
    expectPrintable(out, 'escapeHtml');
  });

  it('escapeHtml shows bidi controls and separators as visible \\u escapes', () => {
    expect(escapeHtml(HOSTILE.bidi)).to.equal('abc\\u202edcba');
    expect(escapeHtml(HOSTILE.separators)).to.equal('l\\u2028p\\u2029q');
    for (const text of Object.values(HOSTILE)) expectPrintable(escapeHtml(text), text);
  });

  it('bdi isolates the text direction', () => {
    expect(bdi('a<b')).to.equal('<bdi>a&lt;b</bdi>');
  });

  it('jsonForScript cannot close its element and parses back to the same value', () => {
    const value = { label: PAYLOAD, nested: ['<!--', '-->', '&amp;', '\u2028\u2029'] };
    const text = jsonForScript(value);
    expect(text).to.not.match(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).to.deep.equal(value);
  });

  it('escapeMarkdown escapes inline syntax, HTML and table borders, and shows controls', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)> | *a* _b_ [l](javascript:x) `c` ~d~ $e$ &amp;\u202e');
    expect(out).to.equal('\\<img src=x onerror=alert\\(1\\)\\> \\| \\*a\\* \\_b\\_ \\[l\\]\\(javascript:x\\) \\`c\\` \\~d\\~ \\$e\\$ \\&amp;\\\\u202e');
    expect(markdownTable(['k'], [['a|b\nc']])).to.equal('| k |\n| --- |\n| a\\|b\\\\nc |');
  });
});
