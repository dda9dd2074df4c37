import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore, type BomQuery } from '../../../src';
import { cli } from '../../helpers/cli';
import { corpus, DIGESTS, expectedIds } from '../../helpers/query-corpus';

describe('training-bom list query options (spawned CLI)', function () {
  this.timeout(60_000);
  const store = mkdtempSync(join(tmpdir(), 'training-bom-list-query-'));
  const boms = corpus(60, 11);

  before(async () => {
    const s = new FileBomStore(store);
    for (const bom of boms) await s.put(bom, { deferDirectorySync: true });
  });

  const ids = (args: string[]): string[] => {
    const r = cli(['list', '--store', store, '--json', ...args]);
    expect(r.status, r.stderr).to.equal(0);
    return (JSON.parse(r.stdout) as Array<{ id: string }>).map((x) => x.id);
  };

  const cases: Array<[string[], BomQuery]> = [
    [['--dataset', DIGESTS[0]], { dataset: DIGESTS[0] }],
    [['--dataset', "it's"], { dataset: "it's" }],
    [['--feature', '100%', '--feature', 'x'], { features: ['100%', 'x'] }],
    [['--model-type', 'RF', '--metric', 'accuracy>=0.9'], { modelType: 'RF', metrics: [{ key: 'accuracy', op: '>=', value: 0.9 }] }],
    [['--metric', 'accuracy!=0.9', '--metric', 'accuracy>0.5'], { metrics: [{ key: 'accuracy', op: '!=', value: 0.9 }, { key: 'accuracy', op: '>', value: 0.5 }] }],
    [['--architecture', 'dense', '--param', 'seed=1'], { modelArchitecture: 'dense', params: { seed: '1' } }],
    [['--param', 'lr={"a":1}'], { params: { lr: '{"a":1}' } }],
    [['--in-sweep', "p'2"], { sweep: "p'2" }],
    [['--order-by', 'metric:accuracy', '--desc', '--since', '2024-09-02'], { orderBy: 'metric:accuracy', descending: true, since: Date.parse('2024-09-02T00:00:00Z') }],
  ];

  for (const [args, query] of cases) {
    it(`answers ${args.join(' ')} as the reference does`, () => {
      const expected = expectedIds(boms, query);
      expect(ids(args)).to.deep.equal(expected);
    });
  }

  it('pages with --limit and --page-token, telling the next token on stderr', () => {
    const all: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 30; page++) {
      const r = cli(['list', '--store', store, '--json', '--limit', '7', '--order-by', 'metric:accuracy', ...(token === undefined ? [] : ['--page-token', token])]);
      expect(r.status, r.stderr).to.equal(0);
      all.push(...(JSON.parse(r.stdout) as Array<{ id: string }>).map((x) => x.id));
      token = /^more: --page-token (\S+)$/m.exec(r.stderr)?.[1];
      if (token === undefined) break;
    }
    expect(all).to.deep.equal(expectedIds(boms, { orderBy: 'metric:accuracy' }));
  });

  it('refuses a bare --metric name without --sweep, a bad condition and a forged token (exit 1, a usage error)', () => {
    for (const args of [['--metric', 'accuracy'], ['--metric', 'accuracy>=high'], ['--page-token', 'Zm9v'], ['--limit', '0'], ['--order-by', 'size']]) {
      const r = cli(['list', '--store', store, ...args]);
      expect(r.status, args.join(' ')).to.equal(1);
      expect(r.stderr).to.match(/metric|page|limit|order/i);
    }
  });
});
