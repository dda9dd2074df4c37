import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Runs a snippet in a fresh Node process from the project root, resolving `training-bom` as a user would. */
function node(code: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('package exports (built dist)', () => {
  it('resolves the package by name to the CommonJS build', () => {
    const r = node("console.log(require.resolve('training-bom'))");
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal(resolve(ROOT, 'dist/index.js'));
  });

  it('exports the documented public names', () => {
    const r = node("console.log(Object.keys(require('training-bom')).sort().join(','))");
    expect(r.stdout.trim().split(',')).to.include.members([
      'BomValidationError', 'DatasetInfo', 'FeatureInfo', 'ModelInfo', 'TrackerStateError', 'TrainingBOM',
      'TrainingBomError', 'TrainingWorkflowTracker',
    ]);
  });

  it('hides internal modules', () => {
    const r = node("require('training-bom/dist/serialization/from-wire')");
    expect(r.status).to.not.equal(0);
    expect(r.stderr).to.contain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('ships type declarations for the entry point', () => {
    const pkg = require(resolve(ROOT, 'package.json')) as { exports: { '.': { types: string } } };
    const r = node(`require('fs').accessSync(${JSON.stringify(resolve(ROOT, pkg.exports['.'].types))})`);
    expect(r.status, r.stderr).to.equal(0);
  });

  it('keeps one copy of each class so instanceof holds across imports', () => {
    const r = node("const a=require('training-bom'); const b=require('training-bom'); console.log(new a.DatasetInfo({origin:'o'}) instanceof b.DatasetInfo)");
    expect(r.stdout.trim()).to.equal('true');
  });
});
