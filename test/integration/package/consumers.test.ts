/**
 * The package as users get it: `npm pack`, the tarball installed into throwaway consumer projects (from the
 * local npm cache where it can), each project type-checked and run (test/fixtures/consumers/README.md), the
 * CLI run through the tarball's `bin`, and publint and arethetypeswrong run on the tarball. Needs a build
 * (`npm run build`; `npm test` builds first). Uses the Node that runs the test for every process.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { expect } from 'chai';

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'consumers');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string; version: string; devDependencies: Record<string, string>;
};
// Every child (npm, the CLI's `#!/usr/bin/env node`) runs on the Node that runs this test. Coverage (c8) is
// not collected from them: they run copies of dist/ outside the repository, npm and the TypeScript compiler.
const ENV: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, npm_config_update_notifier: 'false' };
delete ENV.NODE_V8_COVERAGE;

function run(command: string, args: readonly string[], cwd: string, timeout = 240_000): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  expect(r.status, `${what}\n${r.stdout}\n${r.stderr}`).to.equal(0);
  return r.stdout;
}

/** The JavaScript file of a dev tool's bin, run with this Node (no shell, no PATH lookup). */
function binScript(pkg: string, bin: string): string {
  const dir = join(ROOT, 'node_modules', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(dir, manifest.bin[bin]);
}

const TSC = binScript('typescript', 'tsc');

describe('the packed package in consumer projects', function () {
  this.timeout(600_000);
  let work: string;
  let tarball: string;
  let consumers: string;

  before(function () {
    work = mkdtempSync(join(tmpdir(), 'training-bom-consumers-'));
    const packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT), 'npm pack')) as Array<{ filename: string }>;
    tarball = join(work, packed[0].filename);
    consumers = join(work, 'consumers');
    mkdirSync(consumers);
    writeFileSync(join(consumers, 'package.json'), JSON.stringify({ name: 'consumers', private: true, version: '0.0.0' }));
    // The tarball's dependencies are in the npm cache after `npm ci`; the registry is asked only for what is not.
    ok(run('npm', [
      'install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', tarball, `@types/node@${PKG.devDependencies['@types/node']}`,
    ], consumers), 'npm install of the tarball');
    cpSync(FIXTURES, consumers, { recursive: true });
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('installs only the runtime dependencies, without the dev tools', () => {
    const installed = JSON.parse(readFileSync(join(consumers, 'node_modules', 'training-bom', 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).to.equal(PKG.version);
    const tree = JSON.parse(ok(run('npm', ['ls', '--all', '--json'], consumers), 'npm ls')) as { dependencies: Record<string, unknown> };
    expect(Object.keys(tree.dependencies).sort()).to.deep.equal(['@types/node', 'training-bom']);
    const names = ok(run('npm', ['ls', '--all', '--parseable'], consumers), 'npm ls').split('\n');
    for (const dev of ['typescript', 'mocha', 'ts-node', 'ajv-formats-draft2019', '@tensorflow/tfjs']) {
      expect(names.some((p) => p.endsWith(`${'/node_modules/'}${dev}`)), dev).to.equal(false);
    }
  });

  for (const kind of ['cjs', 'esm', 'ts-nodenext', 'ts-bundler']) {
    it(`type-checks the ${kind} consumer (strict, library checks on)`, () => {
      const args = kind.startsWith('ts-') ? ['-p', join(consumers, kind)] : ['-p', join(consumers, kind), '--noEmit'];
      ok(run(process.execPath, [TSC, ...args], consumers), `tsc ${kind}`);
    });
  }

  const expected = (id: string): object => ({ id, instance: true, loss: 1 / 3, code: 'BOM_VALIDATION', cyclonedx: 'CycloneDX' });

  it('runs the CommonJS consumer', () => {
    const out = ok(run(process.execPath, [join(consumers, 'cjs', 'main.js'), join(work, 'bom.json')], join(consumers, 'cjs')), 'cjs');
    expect(JSON.parse(out)).to.deep.equal(expected('consumer-cjs'));
  });

  it('runs the ESM consumer: named imports, the default import and require() give one copy of each class', () => {
    const out = ok(run(process.execPath, [join(consumers, 'esm', 'main.js')], join(consumers, 'esm')), 'esm');
    expect(JSON.parse(out)).to.deep.equal({ ...expected('consumer-esm'), sameClasses: true });
  });

  it('runs the TypeScript nodenext consumer, as ESM and as CommonJS', () => {
    const dir = join(consumers, 'ts-nodenext');
    expect(JSON.parse(ok(run(process.execPath, [join(dir, 'out', 'main.js')], dir), 'ts-nodenext'))).to.deep.equal(expected('consumer-ts-nodenext'));
    expect(JSON.parse(ok(run(process.execPath, [join(dir, 'out', 'legacy.cjs')], dir), 'ts-nodenext cts'))).to.deep.equal({ id: 'legacy', instance: true, loss: 0.5 });
  });

  it('runs the TypeScript bundler-resolution consumer', () => {
    const dir = join(consumers, 'ts-bundler');
    expect(JSON.parse(ok(run(process.execPath, [join(dir, 'out', 'main.js')], dir), 'ts-bundler'))).to.deep.equal(expected('consumer-ts-bundler'));
  });

  it("runs the CLI through the tarball's bin", () => {
    const cli = join(consumers, 'node_modules', '.bin', 'training-bom');
    expect(ok(run(cli, ['--version'], consumers), 'cli --version').trim()).to.equal(PKG.version);
    const bom = join(work, 'bom.json');
    writeFileSync(bom, readFileSync(join(ROOT, 'test', 'fixtures', 'reference-vectors', 'valid', 'seed-basic.json')));
    expect(ok(run(cli, ['validate', bom], consumers), 'cli validate')).to.contain('bom.json: valid');
    const spdx = JSON.parse(ok(run(cli, ['export', '--format', 'spdx3', bom], consumers), 'cli export')) as { '@graph': unknown[] };
    expect(spdx['@graph']).to.have.length.greaterThan(3);
  });

  it("ships the evidence frameworks' mapping data: evidence runs through the tarball's bin", () => {
    const cli = join(consumers, 'node_modules', '.bin', 'training-bom');
    const bom = join(work, 'evidence-bom.json');
    writeFileSync(bom, readFileSync(join(ROOT, 'test', 'fixtures', 'reference-vectors', 'valid', 'seed-basic.json')));
    for (const framework of ['eu-ai-act-annex-iv', 'nist-ai-rmf']) {
      const r = run(cli, ['evidence', bom, '--framework', framework, '--json'], consumers);
      expect(r.status, `${framework}\n${r.stderr}`).to.equal(1);   // the reference vector has no dataset digest
      expect((JSON.parse(r.stdout) as { framework: { id: string }; items: unknown[] }).framework.id).to.equal(framework);
    }
  });

  it('passes publint on the tarball (no error, warning or suggestion)', () => {
    const out = ok(run(process.execPath, [binScript('publint', 'publint'), 'run', tarball, '--strict'], work), 'publint');
    expect(out).to.contain('All good!');
  });

  it('passes arethetypeswrong on the tarball for node16 (CJS and ESM importers) and bundlers', () => {
    const r = run(process.execPath, [binScript('@arethetypeswrong/cli', 'attw'), tarball, '--profile', 'node16', '--format', 'json'], work);
    ok(r, 'attw');
    const report = JSON.parse(r.stdout) as {
      analysis: { entrypoints: Record<string, { resolutions: Record<string, unknown> }> };
      problems: Record<string, Array<{ resolutionKind?: string; entrypoint?: string }>>;
    };
    expect(Object.keys(report.analysis.entrypoints)).to.include('.');
    expect(Object.keys(report.analysis.entrypoints['.']?.resolutions ?? {})).to.include.members(['node16-cjs', 'node16-esm', 'bundler']);
    // node10 (TypeScript's legacy resolution) cannot see subpath exports such as ./schema.json; the profile leaves it out.
    const problems = Object.values(report.problems).flat().filter((p) => p.resolutionKind !== 'node10');
    expect(problems).to.deep.equal([]);
  });
});
