import { expect } from 'chai';
import { renderModelCard } from '../../../src';
import { hostileRun, trackedRun } from '../../helpers/report-fixtures';
import { expectPrintable } from '../../helpers/hostile-text';

describe('renderModelCard', () => {
  const run = trackedRun({ id: 'run-a', lr: 0.01, depth: 2, trouble: true, seed: 1 });
  const card = renderModelCard(run);

  it('has the usual model-card sections, in order', () => {
    const headings = [...card.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(headings).to.deep.equal([
      'Model details', 'Intended use', 'Training data', 'Training procedure and hyper-parameters', 'Evaluation results',
      'Environment and compute', 'Limitations and ethical considerations', 'How to cite and provenance',
    ]);
  });

  it('leaves what the BOM cannot know as marked blanks', () => {
    expect(card.match(/To be filled in by a person/g)).to.have.length(3);   // intended use, limitations, citation
  });

  it('fills the rest from the BOM: data, hyper-parameters, results, anomalies, environment, provenance', () => {
    expect(card).to.contain('- **Rows:** 1000').and.contain('| lr | 0\\.01 |'.replace('\\.', '.')).and.contain('| missing\\_ratio | 0.013 |');
    expect(card).to.contain('| test\\_accuracy | 0.91 |').and.contain('| loss | non\\_finite | 66 |');
    expect(card).to.contain('| loss | 200 | 1 |');
    expect(card).to.match(/sha256 of the BOM as training-bom stores it `[0-9a-f]{64}`/);
    expect(card).to.contain('| node | v');
  });

  it('redacts secrets', () => {
    expect(card).to.not.contain('secret123').and.not.contain('hunter2');
  });

  it('escapes a hostile BOM: no HTML, no table-breaking bar, no raw control', () => {
    const hostile = renderModelCard(hostileRun());
    expect(hostile.replace(/^> _To be filled in/gm, '')).to.not.match(/(^|[^\\])[<>]/m);
    const tables = hostile.split('\n\n').filter((block) => block.startsWith('| '));
    expect(tables.length).to.be.greaterThan(5);
    for (const table of tables) {
      const [header, ...rows] = table.split('\n');
      const bars = (line: string): number => (line.replace(/\\\\/g, '').match(/(^|[^\\])\|/g) ?? []).length;
      for (const row of rows) expect(bars(row), row).to.equal(bars(header));   // no cell adds a column
    }
    expectPrintable(hostile, 'model card');
  });
});
