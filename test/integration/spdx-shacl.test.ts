/**
 * SHACL validation of the SPDX 3.0.1 documents we export against the official model (spdx-model.ttl), with
 * pySHACL in the project's venv (test/standards/requirements.txt). The JSON Schema cannot see what SHACL
 * checks: classes of referenced elements, vocabulary terms as the JSON-LD context maps them. Each run also
 * proves the check is real: a document with known violations must fail, and every document must turn into
 * typed RDF nodes (a context that maps nothing would "conform" vacuously). Without pySHACL the suite fails
 * on CI (`CI` set) and is skipped, visibly and with the reason, elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { toSpdx3, TrainingBOM, type Spdx3Document } from '../../src';
import { artifactBom, hostileBom, trackerBom } from '../helpers/export-fixtures';
import { SPDX_DIR, spdxSchemaErrors } from '../helpers/standards-validators';
import { specExample, vectors } from '../helpers/vectors';

const ROOT = resolve(__dirname, '../..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const CHECKER = join(ROOT, 'test', 'standards', 'shacl_check.py');

interface ShaclResult {
  conforms: boolean;
  triples: number;
  typed_nodes: number;
  report: string | null;
}

/** Why pySHACL cannot run here, or undefined when it can. */
function pyshaclMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `there is no Python venv at ${PYTHON}`;
  const r = spawnSync(PYTHON, ['-c', 'import pyshacl'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status === 0) return undefined;
  return `${PYTHON} cannot import pyshacl (${r.error?.message ?? r.stderr.trim().split('\n').pop() ?? `exit ${String(r.status)}`})`;
}

/** True on a CI runner (`CI` set, as GitHub Actions, GitLab CI and others do), where a missing checker is a failure. */
function onCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && !['', '0', 'false'].includes(ci.toLowerCase());
}

/** A document whose model is "supplied" by the Tool, which is not an Agent: valid JSON, invalid SHACL. */
function supplierIsNotAnAgent(): Spdx3Document {
  const doc = toSpdx3(TrainingBOM.parse(specExample()));
  const tool = doc['@graph'].find((o) => o.type === 'Tool');
  const model = doc['@graph'].find((o) => o.type === 'ai_AIPackage');
  if (tool === undefined || model === undefined) throw new Error('export lost the tool or the model');
  model['suppliedBy'] = tool.spdxId;
  return doc;
}

/** A model digest without its value: a Hash needs exactly one hashValue. */
function hashWithoutValue(): Spdx3Document {
  const doc = toSpdx3(artifactBom(1));
  const model = doc['@graph'].find((o) => o.type === 'ai_AIPackage');
  delete (model?.['verifiedUsing'] as Array<Record<string, unknown>>)[0]['hashValue'];
  return doc;
}

/** `extension` as a profile: the 3.0.1 context maps the word to the Element property, not the profile. */
function extensionProfile(): Spdx3Document {
  const doc = toSpdx3(TrainingBOM.parse(specExample()));
  const root = doc['@graph'].find((o) => o.type === 'SpdxDocument');
  (root?.['profileConformance'] as string[]).push('extension');
  return doc;
}

describe('SPDX 3.0.1 export under SHACL (pySHACL, official model)', function () {
  this.timeout(180_000);
  let dir: string;
  let results: Record<string, ShaclResult>;
  const result = (name: string): ShaclResult => {
    const r = results[`${name}.json`];
    if (r === undefined) throw new Error(`no SHACL result for ${name}`);
    return r;
  };

  before(async function () {
    const missing = pyshaclMissing();
    if (missing !== undefined) {
      const reason = `${missing}; run \`bash scripts/python-venv.sh test/standards/requirements.txt\``;
      if (onCi()) throw new Error(`The SHACL check must run in CI, but ${reason}`);
      // Locally a skip is allowed, never silent: the reason goes to stderr and into the title of every skipped test.
      console.warn(`      SHACL check skipped: ${reason}`);
      for (const test of this.test?.parent?.tests ?? []) test.title += ' (skipped: pySHACL unavailable, see above)';
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'training-bom-shacl-'));
    const docs: Record<string, Spdx3Document> = {
      tracker: toSpdx3(await trackerBom()),
      hostile: toSpdx3(hostileBom(), { supplier: 'ACME Corp' }),
      'supplier-not-agent': supplierIsNotAnAgent(),
      'extension-profile': extensionProfile(),
      'artifacts-1': toSpdx3(artifactBom(1)),
      'artifacts-3': toSpdx3(artifactBom(3)),
      'hash-without-value': hashWithoutValue(),
    };
    for (const v of vectors('valid')) docs[`vector-${v.name}`] = toSpdx3(TrainingBOM.parse(v.text));
    const files = Object.entries(docs).map(([name, doc]) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(doc), 'utf8');
      return file;
    });
    const run = spawnSync(PYTHON, [CHECKER, SPDX_DIR, ...files], { encoding: 'utf8', timeout: 170_000, maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`shacl_check.py exited ${run.status}\n${run.stderr}`);
    results = JSON.parse(run.stdout) as Record<string, ShaclResult>;
  });

  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  for (const v of vectors('valid')) {
    it(`finds the export of ${v.name} conformant`, () => {
      expect(result(`vector-${v.name}`).conforms, result(`vector-${v.name}`).report ?? '').to.equal(true);
    });
  }

  it('finds the export of the tracker-built demo BOM conformant', () => {
    expect(result('tracker').conforms, result('tracker').report ?? '').to.equal(true);
  });

  it('finds the export of the hostile BOM conformant', () => {
    expect(result('hostile').conforms, result('hostile').report ?? '').to.equal(true);
  });

  it('finds the exports of BOMs with model artifacts (verifiedUsing hashes) conformant', () => {
    for (const name of ['artifacts-1', 'artifacts-3']) expect(result(name).conforms, result(name).report ?? '').to.equal(true);
  });

  it('rejects a model hash without its value (SHACL checks the verifiedUsing hashes)', () => {
    expect(result('hash-without-value').conforms).to.equal(false);
    expect(result('hash-without-value').report).to.contain('hashValue');
  });

  it('turns every document into typed SPDX nodes (the context really maps the terms)', () => {
    for (const [name, r] of Object.entries(results)) expect(r.typed_nodes, name).to.be.greaterThan(20);
  });

  it('rejects a supplier that is not an Agent, which the JSON Schema accepts', () => {
    expect(spdxSchemaErrors(supplierIsNotAnAgent())).to.equal(null);
    expect(result('supplier-not-agent').conforms).to.equal(false);
    expect(result('supplier-not-agent').report).to.contain('suppliedBy');
  });

  it('rejects "extension" as a profile, which the JSON Schema accepts', () => {
    expect(spdxSchemaErrors(extensionProfile())).to.equal(null);
    expect(result('extension-profile').conforms).to.equal(false);
  });
});
