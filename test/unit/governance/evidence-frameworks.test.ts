import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { evidenceFramework, evidenceFrameworks, InvalidArgumentError } from '../../../src';
import { FRAMEWORK_IDS } from '../../../src/cli/evidence-command';
import { readEvidenceFramework } from '../../../src/governance/evidence-framework';
import { EVIDENCE_CHECKS } from '../../../src/governance/evidence-checks';

const DIR = resolve(__dirname, '../../../src/governance/frameworks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const raw = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;

describe('evidence frameworks (the mapping data in src/governance/frameworks)', () => {
  for (const file of files) {
    it(`${file}: every item has an id, citation, wording, source of the quote, what it asks, a required flag and known checks`, () => {
      const framework = readEvidenceFramework(raw(file), file);
      expect(framework.id).to.equal(file.replace(/\.json$/, ''));
      for (const item of framework.items) {
        expect(item.citation, item.id).to.match(file.startsWith('eu') ? /^Regulation \(EU\) 2024\/1689, Annex IV, point \d\([a-h]\)$/ : /^NIST AI 100-1, (MAP|MEASURE) \d\.\d+$/);
        expect(item.quotedFrom, item.id).to.match(/^https:\/\//);
        expect(item.checks.every((c) => Object.prototype.hasOwnProperty.call(EVIDENCE_CHECKS, c)), item.id).to.equal(true);
      }
    });
  }

  it('lists the frameworks the CLI offers, and every check of the catalogue is used by some item', () => {
    expect(evidenceFrameworks().map((f) => f.id)).to.deep.equal([...FRAMEWORK_IDS]);
    expect(files.map((f) => f.replace(/\.json$/, ''))).to.deep.equal([...FRAMEWORK_IDS].sort());
    const used = new Set(evidenceFrameworks().flatMap((f) => f.items.flatMap((i) => i.checks)));
    expect([...used].sort()).to.deep.equal(Object.keys(EVIDENCE_CHECKS).sort());
  });

  it('holds the items the issue names: Annex IV 2(c), 2(d), 2(g) and MAP 2.3, MEASURE 2.1, all required', () => {
    const eu = evidenceFramework('eu-ai-act-annex-iv').items;
    const nist = evidenceFramework('nist-ai-rmf').items;
    for (const point of ['2(b)', '2(c)', '2(d)', '2(g)']) expect(eu.some((i) => i.citation.endsWith(point) && i.required), point).to.equal(true);
    for (const sub of ['MAP 2.3', 'MEASURE 2.1']) expect(nist.some((i) => i.citation.endsWith(sub) && i.required), sub).to.equal(true);
    expect(eu.find((i) => i.id === '2g-signed')?.checks).to.deep.equal(['signature']);
  });

  const broken: Array<[string, (f: { items: Array<Record<string, unknown>> } & Record<string, unknown>) => void, RegExp]> = [
    ['an item without wording', (f) => delete f.items[0].wording, /items\.0\.wording: must be a non-empty string/],
    ['an empty citation', (f) => (f.items[1].citation = ' '), /items\.1\.citation: must be a non-empty string/],
    ['a required flag that is a string', (f) => (f.items[0].required = 'yes'), /items\.0\.required: must be true or false/],
    ['an unknown check', (f) => (f.items[0].checks = ['dataset-digets']), /items\.0\.checks\.0: is not a known check: dataset-digets/],
    ['no checks', (f) => (f.items[0].checks = []), /items\.0\.checks: must name at least one check/],
    ['a repeated id', (f) => (f.items[1].id = f.items[0].id), /items\.1\.id: repeats/],
    ['no items', (f) => (f.items = []), /items: must hold at least one item/],
    ['notCovered missing', (f) => delete f.notCovered, /notCovered: must be an array/],
  ];
  for (const [what, edit, message] of broken) {
    it(`refuses a framework with ${what}, naming the path`, () => {
      const f = raw('eu-ai-act-annex-iv.json') as { items: Array<Record<string, unknown>> } & Record<string, unknown>;
      edit(f);
      expect(() => readEvidenceFramework(f, 'eu')).to.throw(InvalidArgumentError, message);
    });
  }

  it('refuses an unknown framework id, naming the known ones', () => {
    expect(() => evidenceFramework('iso-42001')).to.throw(InvalidArgumentError, /framework: must be one of eu-ai-act-annex-iv, nist-ai-rmf, got "iso-42001"/);
  });
});

describe('docs/governance.md', () => {
  const doc = readFileSync(resolve(__dirname, '../../../docs/governance.md'), 'utf8');

  it('lists every item of every framework and every check, with its required flag', () => {
    for (const framework of evidenceFrameworks()) {
      for (const item of framework.items) expect(doc, item.id).to.match(new RegExp(`^\\| \`${item.id.replace(/\./g, '\\.')}\` \\| .* \\| ${item.required ? 'yes' : 'no'} \\| ${item.checks.map((c) => `\`${c}\``).join(', ')} \\|`, 'm'));
    }
    for (const check of Object.keys(EVIDENCE_CHECKS)) expect(doc, check).to.match(new RegExp(`^\\| \`${check}\` \\|`, 'm'));
  });

  it('has the Evidence section the CLI help and docs/cli.md link to', () => {
    expect(doc).to.match(/^## Evidence$/m);
  });
});

describe('evidenceFrameworks()', () => {
  it('gives frozen frameworks, so that no caller can change what later assessments read', () => {
    const [first] = evidenceFrameworks();
    expect(Object.isFrozen(first) && Object.isFrozen(first.items) && Object.isFrozen(first.items[0]) && Object.isFrozen(first.items[0].checks) && Object.isFrozen(first.notCovered)).to.equal(true);
    expect(() => (first.items[0].checks as string[]).push('signature')).to.throw(TypeError);
  });
});
