/**
 * show, diff and list on BOMs whose strings try to forge lines or drive the terminal (spawned CLI): the
 * human output holds no raw control character but line feeds and shows every hostile string escaped;
 * --json still carries the exact strings.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore, type TrainingBOM } from '../../../src';
import { printable } from '../../../src/cli/printable';
import { cli } from '../../helpers/cli';
import { expectPrintable, HOSTILE, NUL } from '../../helpers/hostile-text';
import { storeBom } from '../../helpers/store-contract';

const H = Object.values(HOSTILE);
const ID = `run${HOSTILE.newline}${HOSTILE.ansi}${HOSTILE.bidi}`;

/** A BOM with a hostile string in every place the human output shows one. */
function hostileBom(id: string, variant: number): TrainingBOM {
  const bom = storeBom(id, `2024-09-05T10:00:00.000Z${HOSTILE.carriageReturn}`);
  bom.endTime = `later${HOSTILE.ansi}`;
  bom.datasetInfo.origin = `s3://b/${HOSTILE.ansi}${HOSTILE.newline}`;
  bom.featureInfo.originalFeatures = [HOSTILE.newline, HOSTILE.bidi, 'plain', ...(variant === 0 ? [HOSTILE.c1] : [])];
  bom.featureInfo.selectedFeatures = [HOSTILE.bidi, HOSTILE.carriageReturn];
  bom.modelInfo.type = `${HOSTILE.ansi}${variant}`;
  bom.modelInfo.architecture = HOSTILE.separators;
  bom.mlflowParams = Object.fromEntries(H.map((h, i) => [h, variant === 0 ? h : `${h}${i}`]));
  bom.mlflowParams[NUL] = variant === 0 ? { nested: `${HOSTILE.separators}${HOSTILE.bidi}${HOSTILE.c1}`, [NUL]: HOSTILE.ansi } : NUL;
  bom.mlflowParams[`only-${variant}${HOSTILE.newline}`] = HOSTILE.del;
  bom.mlflowMetrics = Object.fromEntries(H.map((h, i) => [h, variant + i / 10]));
  bom.additionalValues = { [HOSTILE.newline]: 1, seeds: { [HOSTILE.ansi]: variant }, environment: { packages: { [HOSTILE.bidi]: `${variant}${HOSTILE.c1}` } } };
  return bom;
}

describe('training-bom show, diff and list on hostile BOMs (spawned CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-hostile-output-'));
  const store = join(dir, 'store');
  const a = hostileBom(ID, 0);
  const b = hostileBom(`${ID}-b${HOSTILE.carriageReturn}`, 1);
  const fileA = join(dir, `a${HOSTILE.newline}${HOSTILE.ansi}.json`);
  const fileB = join(dir, 'b.json');
  writeFileSync(fileA, a.toJSONString(2));
  writeFileSync(fileB, b.toJSONString(2));

  before(async () => {
    await new FileBomStore(store).put(a);
    await new FileBomStore(store).put(b);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('show prints every hostile string escaped, one item a line', () => {
    const r = cli(['show', fileA]);
    expect(r.status, r.stderr).to.equal(0);
    expectPrintable(r.stdout, 'show');
    expect(r.stdout).to.contain(`BOM       ${printable(ID)}\n`).and.contain(`Source    ${printable(fileA)}\n`);
    expect(r.stdout).to.contain(`Model     ${printable(a.modelInfo.type)} (${printable(HOSTILE.separators)})\n`);
    expect(r.stdout).to.contain(`  kept     ${printable(HOSTILE.bidi)}\n`);
    for (const h of H) expect(r.stdout).to.contain(`  ${printable(h)}`);
    expect(r.stdout).to.contain(`${printable(HOSTILE.backslash)}`).and.contain('a\\\\nb');
    expect(r.stdout).to.contain('\nAttestation: unsigned\n');
    expect(r.stdout.split('\n')).to.have.length(12 + 2 * (H.length + 2));
  });

  it('show --json carries the exact strings', () => {
    const r = cli(['show', '--json', fileA]);
    expect(r.status, r.stderr).to.equal(0);
    const description = JSON.parse(r.stdout) as { id: string; source: string; params: Record<string, unknown>; features: { kept: string[] } };
    expect(description.id).to.equal(ID);
    expect(description.source).to.equal(fileA);
    expect(description.params).to.deep.equal(a.toJSON().mlflow_params);
    expect(description.features.kept).to.deep.equal([HOSTILE.bidi]);
  });

  it('diff prints every change with its hostile strings escaped', () => {
    const r = cli(['diff', fileA, fileB]);
    expect(r.status, r.stderr).to.equal(1);
    expectPrintable(r.stdout, 'diff');
    expect(r.stdout).to.contain(`a: ${printable(ID)} (${printable(fileA)})\n`);
    for (const h of H) expect(r.stdout).to.contain(`  ~ ${printable(h)}: `);
    expect(r.stdout).to.contain(`-${printable(HOSTILE.c1)}`).and.contain(`~ ${printable(`packages.${HOSTILE.bidi}`)}: `);
    expect(r.stdout).to.match(/^ {2}~ n\\u0000ul: \{"nested":"l\\u2028p\\u2029q.*\} -> n\\u0000ul$/m);
  });

  it('diff --json carries the exact strings', () => {
    const r = cli(['diff', '--json', fileA, fileB]);
    expect(r.status, r.stderr).to.equal(1);
    const c = JSON.parse(r.stdout) as { ids: { a: string; b: string }; params: { changed: Array<{ key: string; a: unknown; b: unknown }> } };
    expect(c.ids).to.deep.equal({ a: ID, b: b.id });
    expect(c.params.changed.map((x) => x.key)).to.include.members([...H, NUL]);
    expect(c.params.changed.find((x) => x.key === HOSTILE.ansi)).to.deep.equal({ key: HOSTILE.ansi, a: HOSTILE.ansi, b: `${HOSTILE.ansi}2` });
  });

  it('list prints one escaped line per BOM and escapes the files it skips', () => {
    mkdirSync(store, { recursive: true });
    const skipped = join(store, `bad${HOSTILE.newline}${HOSTILE.ansi}.json`);
    writeFileSync(skipped, JSON.stringify({ ...a.toJSON(), mlflow_params: { [`k${HOSTILE.ansi}`]: 'lone' } }).replace('"lone"', '"\\ud800"'));
    writeFileSync(join(store, 'lone.json'), a.toJSONString().replace('"seeds"', '"\\ud800x"'));
    try {
      const r = cli(['list', '--store', store]);
      expect(r.status, r.stderr).to.equal(0);
      expectPrintable(r.stdout, 'list stdout');
      expectPrintable(r.stderr, 'list stderr');
      expect(r.stdout.split('\n')).to.have.length(5);
      expect(r.stdout).to.contain(printable(ID).slice(0, 40)).and.contain(printable(a.datasetInfo.origin));
      // Skipped files are reported as their reads finish, in no fixed order.
      const errors = r.stderr.trim().split('\n').sort((x, y) => Number(x.includes('lone.json')) - Number(y.includes('lone.json')));
      expect(errors).to.have.length(2);
      expect(errors[0]).to.match(/^.*bada\\nforged: validx\\u001b\[2J.*\.json: skipped: not a valid BOM \(mlflow_params\.kx\\u001b\[2J\\u001b\[31mred\\u001b\[0m: /);
      expect(errors[1]).to.contain('lone.json: skipped: not a valid BOM (additional_values.\\ud800x:');
    } finally {
      rmSync(skipped);
      rmSync(join(store, 'lone.json'));
    }
  });

  it('list --json carries the exact strings', () => {
    const r = cli(['list', '--json', '--store', store]);
    expect(r.status, r.stderr).to.equal(0);
    expect((JSON.parse(r.stdout) as Array<{ id: string; modelType: string }>).map((s) => [s.id, s.modelType])).to.deep.equal([[ID, a.modelInfo.type], [b.id, b.modelInfo.type]]);
  });

  it('show reports a BOM with an unpaired surrogate key as one escaped line', () => {
    const file = join(dir, 'lone-surrogate.json');
    writeFileSync(file, a.toJSONString().replace('"seeds"', '"\\udc00\\u001b[2J"'));
    const r = cli(['show', file]);
    expect(r.status).to.equal(1);
    expectPrintable(r.stderr, 'show stderr');
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.contain('additional_values.\\udc00\\u001b[2J');
  });
});
