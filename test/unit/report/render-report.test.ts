import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { InvalidArgumentError, renderReport } from '../../../src';
import { hostileRun, PAYLOAD, trackedRun } from '../../helpers/report-fixtures';

const csp = (html: string): string => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
const inlineScripts = (html: string): string[] => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const sha = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('renderReport', () => {
  const one = trackedRun({ id: 'run-a', lr: 0.01, depth: 2, trouble: true, seed: 1 });
  const html = renderReport([one]);

  it('forbids every request and admits exactly its own scripts and style, by hash', () => {
    const policy = csp(html);
    expect(policy).to.match(/^default-src 'none'; /).and.contain("img-src data:").and.contain("base-uri 'none'");
    expect(policy).to.not.contain('unsafe-inline').and.not.contain('unsafe-eval').and.not.contain('http');
    const scripts = inlineScripts(html);
    expect(scripts).to.have.length(2);
    expect(/script-src ([^;]*)/.exec(policy)?.[1]).to.equal(scripts.map(sha).join(' '));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(/style-src ([^;]*)/.exec(policy)?.[1]).to.equal(sha(style));
    expect(html).to.not.match(/\s(href|src)=/);
    expect(html).to.not.match(/\sstyle=/);
  });

  it('carries the chart numbers as JSON, one chart per metric logged at several points', () => {
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const data = JSON.parse(json) as { runs: { label: string }[]; charts: { log: boolean; marks: { rule: string }[] }[] };
    expect(data.runs.map((r) => r.label)).to.deep.equal(['run-a']);
    expect(data.charts.map((c) => c.log)).to.deep.equal([true, false, true]);   // loss spans decades, accuracy does not, lr does
    expect(data.charts[0].marks.map((m) => m.rule)).to.deep.equal(['non_finite', 'divergence']);
    expect((html.match(/<div class="chart">/g) ?? []).length).to.equal(3);
  });

  it('redacts secrets: a signed URL\'s signature and a token parameter', () => {
    expect(html).to.not.contain('secret123').and.not.contain('hunter2');
    expect(html).to.contain('X-Amz-Signature=***REDACTED***');
  });

  it('escapes every hostile string wherever it lands: no markup of the payload, no raw control characters', () => {
    for (const page of [renderReport([hostileRun()]), renderReport([hostileRun(), one, hostileRun()])]) {
      expect(page).to.not.contain('<script>window.__pwned').and.not.contain('<img').and.not.contain('<svg onload');
      expect(page).to.not.match(/[\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
      expect(page.match(/<\/script>/g)).to.have.length(3);   // the data, uPlot, the page's script
      expect(page).to.contain('window.__pwned=1;document.title=&#39;pwned&#39;');
      expect(csp(page)).to.match(/^default-src 'none'/);
    }
  });

  it('compares runs: differing parameters marked, parallel coordinates from three runs', () => {
    const runs = [one, trackedRun({ id: 'run-b', lr: 0.02, depth: 4, seed: 2 }), trackedRun({ id: 'run-c', lr: 0.005, depth: 8, seed: 3 })];
    const two = renderReport(runs.slice(0, 2));
    const three = renderReport(runs);
    expect(two).to.not.contain('id="parallel"');
    expect(three).to.contain('id="parallel"');
    expect((three.match(/<tr class="differs">/g) ?? []).length).to.equal(3 + 3);   // lr, depth, optimizer; loss, val/accuracy, test_accuracy
    expect((three.match(/<polyline/g) ?? []).length).to.equal(3 * 4);   // 3 runs × 4 numeric metrics
  });

  it('shows final values only, and says so, without a history', () => {
    const page = renderReport([{ bom: one.bom }]);
    expect(page).to.contain('No metric history was stored').and.not.contain('<div class="chart">');
  });

  it('shows the signature status when given, an unknown status as escaped text only', () => {
    expect(renderReport([{ ...one, attestation: { status: 'verified', keyId: 'k1' } }])).to.contain('<dl class="summary sig-verified">')
      .and.contain('<dt>Signature</dt><dd><bdi>verified · key k1</bdi></dd>');
    const odd = renderReport([{ ...one, attestation: { status: '"><script>x</script>' as 'verified' } }]);
    expect(odd).to.contain('<dl class="summary">').and.contain('&quot;&gt;&lt;script&gt;x&lt;/script&gt;').and.not.contain('"><script>x');
  });

  it('rejects what is not a run with the field that is wrong', () => {
    expect(() => renderReport([])).to.throw(InvalidArgumentError, /runs/);
    expect(() => renderReport([{ bom: JSON.parse(PAYLOAD.length > 0 ? '{}' : '') as never }])).to.throw(InvalidArgumentError, /runs\.0\.bom/);
    expect(() => renderReport([one], { maxPointsPerSeries: 3 })).to.throw(InvalidArgumentError, /maxPointsPerSeries/);
  });
});
