import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureEnvironment, isMlPackage } from '../../../src';
import { redactArgs } from '../../../src/reproducibility/environment/redact-args';
import { DatasetDir, sha256sum } from '../../helpers/dataset-files';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
}

describe('captureEnvironment', () => {
  const dir = new DatasetDir();
  let repo = '';
  before(function () {
    try {
      repo = dir.path('repo');
      execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    } catch {
      this.skip();
    }
    writeFileSync(join(repo, 'train.ts'), 'v1');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    git(repo, 'remote', 'add', 'origin', 'https://alice:ghp_token123@github.com/org/model.git?x=1&token=ghq_query456');
  });
  after(() => dir.cleanup());

  it('records runtime, OS and hardware', () => {
    const env = captureEnvironment({ git: false });
    expect(env).to.deep.include({ node: process.version, v8: process.versions.v8, git: null });
    expect(env.producer).to.match(/^training-bom@\d+\.\d+\.\d+/);
    expect(env.os.platform).to.equal(process.platform);
    expect(env.cpu.count).to.be.at.least(1);
    expect(env.memory).to.be.above(0);
  });

  it('records the commit, branch, clean state and the remote without its credentials', () => {
    const env = captureEnvironment({ cwd: repo });
    expect(env.git).to.deep.equal({ commit: git(repo, 'rev-parse', 'HEAD'), branch: 'main', dirty: false, remote: 'https://github.com/org/model.git?x=1&token=***REDACTED***' });
    expect(JSON.stringify(env)).to.not.match(/ghp_token123|ghq_query456/);
  });

  it('calls a checkout with modified tracked files dirty, and ignores untracked files', () => {
    writeFileSync(join(repo, 'notes.txt'), 'untracked');
    expect(captureEnvironment({ cwd: repo }).git?.dirty).to.equal(false);
    writeFileSync(join(repo, 'train.ts'), 'v2');
    expect(captureEnvironment({ cwd: repo }).git?.dirty).to.equal(true);
    git(repo, 'checkout', '-q', '--', 'train.ts');
  });

  it('gives no branch on a detached HEAD', () => {
    git(repo, 'checkout', '-q', '--detach');
    try {
      expect(captureEnvironment({ cwd: repo }).git).to.include({ branch: null, commit: git(repo, 'rev-parse', 'HEAD') });
    } finally {
      git(repo, 'checkout', '-q', 'main');
    }
  });

  it("never runs a repository's fsmonitor hook", () => {
    const marker = dir.path('fsmonitor-ran');
    git(repo, 'config', 'core.fsmonitor', `touch ${marker}; false`);
    try {
      captureEnvironment({ cwd: repo });
      expect(existsSync(marker)).to.equal(false);
    } finally {
      git(repo, 'config', '--unset', 'core.fsmonitor');
    }
  });

  it('records git as null outside a repository and when git is not installed', () => {
    expect(captureEnvironment({ cwd: dir.root }).git).to.equal(null);
    const path = process.env.PATH;
    process.env.PATH = dir.root;
    try {
      expect(captureEnvironment({ cwd: repo }).git).to.equal(null);
    } finally {
      process.env.PATH = path;
    }
  });

  it('digests the nearest lockfile, looking up from the working directory', () => {
    const lock = dir.file('project/package-lock.json', '{"lockfileVersion":3}');
    dir.file('project/src/deep/x.ts', '');
    expect(captureEnvironment({ cwd: dir.path('project/src/deep'), git: false }).lockfile).to.deep.equal({ name: 'package-lock.json', digest: sha256sum(lock) });
  });

  it('lists the ML packages loaded through require, with their versions', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('ml-random-forest');
    const env = captureEnvironment({ git: false, packages: ['@tensorflow/tfjs'] });
    expect(env.packages).to.include({ 'ml-random-forest': '2.1.0', '@tensorflow/tfjs': '4.22.0' });
    expect(env.packages).to.not.have.property('chai');
    expect(Object.keys(env.packages)).to.deep.equal(Object.keys(env.packages).sort());
  });

  it('takes a custom rule for which packages count', () => {
    expect(captureEnvironment({ git: false, isMlPackage: (name) => name === 'chai' }).packages).to.have.keys('chai');
    expect([isMlPackage('@tensorflow/tfjs-core'), isMlPackage('ml-matrix'), isMlPackage('express')]).to.deep.equal([true, true, false]);
  });

  it('never contains environment-variable values, and masks secrets on the command line', () => {
    const argv = process.argv;
    process.env.TRAINING_BOM_TEST_SECRET = 'env-secret-value-42';
    process.argv = [argv[0], join(process.cwd(), 'train.js'), '--epochs', '3', '--api-key=k-123', '--token', 't-456', '--data', 'https://u:pw@host/d.csv?sig=1'];
    try {
      const env = captureEnvironment({ git: false });
      expect(env.command).to.deep.include({ script: 'train.js', args: ['--epochs', '3', '--api-key=***REDACTED***', '--token', '***REDACTED***', '--data', 'https://***@host/d.csv?sig=***REDACTED***'] });
      expect(JSON.stringify(env)).to.not.match(/env-secret-value-42|k-123|t-456|pw@/);
    } finally {
      process.argv = argv;
      delete process.env.TRAINING_BOM_TEST_SECRET;
    }
  });
});

describe('command-line redaction', () => {
  it('masks the values of secret-looking options in both spellings', () => {
    expect(redactArgs(['--password', 'p', '--db-password=q', '-v', '--secret', '--next'])).to.deep.equal(['--password', '***REDACTED***', '--db-password=***REDACTED***', '-v', '--secret', '--next']);
  });

  it('applies the text rules to every other argument and leaves look-alike options alone', () => {
    expect(redactArgs(['--author', 'me', '--max-tokens', '5', 'db.password=x', 'https://h/d.csv?X-Amz-Signature=s&X-Amz-Date=1']))
      .to.deep.equal(['--author', 'me', '--max-tokens', '5', 'db.password=***REDACTED***', 'https://h/d.csv?X-Amz-Signature=***REDACTED***&X-Amz-Date=1']);
  });
});
