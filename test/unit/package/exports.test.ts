import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it('exports at run time exactly the values of the API report (etc/training-bom.api.md)', () => {
    const report = readFileSync(resolve(ROOT, 'etc/training-bom.api.md'), 'utf8');
    const values = [...report.matchAll(/^export (?:declare )?(?:abstract )?(?:class|function|const|let|var|enum) (\w+)/gm)].map((m) => m[1]);
    const r = node("console.log(Object.keys(require('training-bom')).join(','))");
    expect(r.status, r.stderr).to.equal(0);
    expect(values).to.include.members(['TrainingBOM', 'TrainingWorkflowTracker', 'createTrainingBomFromMlflow', 'MAX_JSON_DEPTH']);
    expect(r.stdout.trim().split(',').sort()).to.deep.equal([...new Set(values)].sort());
  });

  it('hides internal modules', () => {
    const r = node("require('training-bom/dist/serialization/from-wire')");
    expect(r.status).to.not.equal(0);
    expect(r.stderr).to.contain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('ships type declarations for the entry point', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the repository's package.json, outside the TS program
    const pkg = require(resolve(ROOT, 'package.json')) as { exports: { '.': { types: string } } };
    const r = node(`require('fs').accessSync(${JSON.stringify(resolve(ROOT, pkg.exports['.'].types))})`);
    expect(r.status, r.stderr).to.equal(0);
  });

  describe('require() and import() of the package', () => {
    /** What an ES module importing `training-bom` sees, next to what `require` gives, in one fresh process. */
    function compare(expression: string): string {
      const code = [
        "import { createRequire } from 'node:module';",
        "const cjs = createRequire(process.cwd() + '/')('training-bom');",
        "const esm = await import('training-bom');",
        `console.log(JSON.stringify(${expression}));`,
      ].join('\n');
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 20000 });
      expect(r.status, r.stderr).to.equal(0);
      return JSON.parse(r.stdout) as string;
    }

    it('give the same named exports', () => {
      // Node 23+ also offers the whole CommonJS object as the export named 'module.exports'.
      const [esm, cjs] = compare("[Object.keys(esm).filter((k) => !['default', '__esModule', 'module.exports'].includes(k)).sort(), Object.keys(cjs).sort()]") as unknown as string[][];
      expect(cjs).to.have.length.greaterThan(30);
      expect(esm).to.deep.equal(cjs);
    });

    it('give the very same values, and require() as the default export', () => {
      const differ = compare("[...Object.keys(cjs).filter((k) => esm[k] !== cjs[k]), ...(esm.default === cjs ? [] : ['default'])]");
      expect(differ).to.deep.equal([]);
    });

    it('share one copy of each class, so instanceof holds across them', () => {
      const checks = compare(`[
        new esm.DatasetInfo({ origin: 'o' }) instanceof cjs.DatasetInfo,
        new cjs.DatasetInfo({ origin: 'o' }) instanceof esm.DatasetInfo,
        esm.TrainingBOM.parse(cjs.TrainingBOM.parse(JSON.stringify({
          id: 'x', start_time: 's', end_time: 'e', dataset_info: { origin: 'o' },
          feature_info: { original_features: [], selected_features: [] }, model_info: { type: 't', architecture: 'a' }, mlflow_params: {}, mlflow_metrics: {},
        })).toJSONString()) instanceof cjs.TrainingBOM,
        (() => { try { esm.TrainingBOM.parse('{}'); } catch (e) { return e instanceof cjs.BomValidationError && e instanceof cjs.TrainingBomError; } })(),
        (() => { try { cjs.TrainingBOM.parse('{}'); } catch (e) { return e instanceof esm.BomValidationError && e instanceof esm.TrainingBomError; } })(),
      ]`) as unknown as boolean[];
      expect(checks).to.deep.equal([true, true, true, true, true]);
    });
  });
});
