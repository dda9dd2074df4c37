import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

describe('package exports of the standards export (built dist)', () => {
  it('exports toCycloneDx, createTrainingBomFromCycloneDx, toSpdx3, trainingBomJsonSchema and StandardsFormatError from the root', () => {
    const r = spawnSync(process.execPath, ['-e', "console.log(Object.keys(require('training-bom')).join(','))"], { cwd: ROOT, encoding: 'utf8', timeout: 20000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout.trim().split(',')).to.include.members(['toCycloneDx', 'createTrainingBomFromCycloneDx', 'toSpdx3', 'trainingBomJsonSchema', 'StandardsFormatError']);
  });

  it('does not load the CycloneDX library until the first export', () => {
    const code = "require('training-bom'); console.log(Object.keys(require.cache).some((k) => k.includes('cyclonedx-library')))";
    const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 20000 });
    expect(r.stdout.trim()).to.equal('false');
  });
});
