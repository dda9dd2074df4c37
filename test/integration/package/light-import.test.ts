/**
 * `require('training-bom')` in a training process loads the model, the tracker and their validation only:
 * the libraries of optional features (CycloneDX export, the IRI check of the exports, the MLflow transport,
 * Parquet row counts, the CLI) load when the feature is first used. Each case runs in a fresh Node process
 * that resolves the package by name, as a user's process does, and then still gets the feature's result.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import type * as HyparquetWriter from 'hyparquet-writer';
import { mlflowServer } from '../../helpers/mlflow-server';
import { vectorPath } from '../../helpers/vectors';

const ROOT = resolve(__dirname, '../../..');

/** Packages an import must not load: optional features' libraries, and class-validator's built-in validators. */
const HEAVY = [
  '@cyclonedx/cyclonedx-library', 'ajv', 'ajv-formats', 'ajv-formats-draft2019', 'hyparquet', 'undici', 'commander',
  'cli-progress', 'validator', 'libphonenumber-js', 'node-sqlite3-wasm', 'proper-lockfile',
];

interface Probe {
  entry: string;
  before: string[];
  after: string[];
  result: unknown;
}

/** Runs `feature` (an async function body that returns a JSON value; `tb` is the package) in a fresh process. */
function probe(feature: string): Probe {
  const code = `
    const packages = () => [...new Set(Object.keys(require.cache)
      .map((k) => /[\\\\/]node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(k)?.[1]).filter(Boolean))].sort();
    const tb = require('training-bom');
    const before = packages();
    (async () => { ${feature} })().then((result) => {
      console.log(JSON.stringify({ entry: require.resolve('training-bom'), before, after: packages(), result }));
    });`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`probe exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Probe;
}

describe("require('training-bom') stays light", function () {
  this.timeout(120_000);

  it('loads the model and tracker, and none of the optional features\' libraries', () => {
    const p = probe(`
      const tracker = new tb.TrainingWorkflowTracker();
      tracker.startTraining('light').registerDataset('s3://b/d.csv', 3).registerFeatures(['a', 'b'], ['a'])
        .registerModel('M', 'mlp');
      tracker.logMetric('loss', 0.5, 0);
      const bom = tracker.finalizeTraining();
      await tracker.close();
      return tb.TrainingBOM.parse(bom.toJSONString()) instanceof tb.TrainingBOM;`);
    expect(p.entry).to.equal(join(ROOT, 'dist', 'index.js'));
    expect(p.before).to.include.members(['class-validator', 'class-transformer', 'reflect-metadata']);
    expect(p.before.filter((name) => HEAVY.includes(name))).to.deep.equal([]);
    expect(p.after.filter((name) => HEAVY.includes(name))).to.deep.equal([]);
    expect(p.result).to.equal(true);
  });

  it('loads the CycloneDX library with the first CycloneDX export', () => {
    const p = probe(`
      const bom = tb.TrainingBOM.parse(require('fs').readFileSync(${JSON.stringify(vectorPath('valid', 'seed-basic'))}, 'utf8'));
      const doc = tb.toCycloneDx(bom);
      return [doc.bomFormat, tb.createTrainingBomFromCycloneDx(doc).id];`);
    expect(p.before).to.not.include('@cyclonedx/cyclonedx-library');
    expect(p.after).to.include('@cyclonedx/cyclonedx-library');
    expect(p.result).to.deep.equal(['CycloneDX', 'training-run-2024-09-05-001']);
  });

  it("loads ajv-formats (the exports' IRI check) with the first SPDX export", () => {
    const p = probe(`
      const bom = tb.TrainingBOM.parse(require('fs').readFileSync(${JSON.stringify(vectorPath('valid', 'seed-basic'))}, 'utf8'));
      return tb.toSpdx3(bom)['@graph'].map((o) => o.type).includes('ai_AIPackage');`);
    expect(p.before).to.not.include('ajv-formats');
    expect(p.after).to.include('ajv-formats');
    expect(p.result).to.equal(true);
  });

  it('loads undici with the first MLflow client, which then talks to a real server', async () => {
    const server = await mlflowServer();
    const p = probe(`
      const client = new tb.MlflowClient({ trackingUri: ${JSON.stringify(server.url)} });
      const experiment = await client.getOrCreateExperiment('light-import');
      await client.close();
      return experiment.name;`);
    expect(p.before).to.not.include('undici');
    expect(p.after).to.include('undici');
    expect(p.result).to.equal('light-import');
  });

  it('loads hyparquet with the first Parquet file inspected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-light-'));
    try {
      const file = join(dir, 'rows.parquet');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { parquetWriteFile } = require('hyparquet-writer') as typeof HyparquetWriter;
      parquetWriteFile({ filename: file, columnData: [{ name: 'id', data: Int32Array.from([1, 2, 3, 4, 5]), type: 'INT32' }] });
      const p = probe(`return (await tb.inspectDataset(${JSON.stringify(file)})).rows;`);
      expect(p.before).to.not.include('hyparquet');
      expect(p.after).to.include('hyparquet');
      expect(p.result).to.equal(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
