/** TF.js is an optional peer dependency: the built SDK loads and its callback works where TF.js cannot be found. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

// Makes every `@tensorflow/*` import fail, as on a machine without TF.js.
const HIDE_TFJS = `
const Module = require('module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('@tensorflow/')) { const e = new Error("Cannot find module '" + request + "'"); e.code = 'MODULE_NOT_FOUND'; throw e; }
  return resolveFilename.call(this, request, ...rest);
};`;

describe('TF.js stays optional (built package)', () => {
  it('loads the SDK and uses the callback without TF.js installed, loading none of it', () => {
    const code = `${HIDE_TFJS}
      const sdk = require('training-bom');
      const t = new sdk.TrainingWorkflowTracker().startTraining('x');
      sdk.tfjsTrackerCallback(t).onEpochEnd(0, { loss: 1, acc: 0.5 });
      console.log(JSON.stringify({ keys: t.metricKeys(), tfjs: Object.keys(require.cache).filter((k) => k.includes('@tensorflow')).length }));`;
    const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal({ keys: ['loss', 'accuracy'], tfjs: 0 });
  });

  it('declares TF.js as an optional peer dependency, not a dependency', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the repository's package.json, outside the TS program
    const pkg = require(resolve(ROOT, 'package.json')) as { dependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional: boolean }> };
    expect(pkg.dependencies).to.not.have.property('@tensorflow/tfjs');
    expect(pkg.peerDependenciesMeta['@tensorflow/tfjs']?.optional).to.equal(true);
  });
});
