import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'chai';

const ROOT = resolve(__dirname, '../../..');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.js');
/** The environment without the test run's ts-node settings, which would point depcruise at our tsconfig. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TS_NODE_')));

/** Runs the project's layering rule over a tree of the given files (path → source). */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-layering-'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'err'], { cwd: dir, encoding: 'utf8', env: ENV });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('layering rule (.dependency-cruiser.js)', function () {
  this.timeout(60_000);

  it('passes on the project itself', () => {
    const r = spawnSync(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'err'], { cwd: ROOT, encoding: 'utf8', env: ENV });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
  });

  it('fails on an import that points up a layer, naming the rule', () => {
    const r = cruise({
      'src/core/clock.ts': "import { x } from '../tracker/x';\nexport const y = x;\n",
      'src/tracker/x.ts': 'export const x = 1;\n',
    });
    expect(r.status).to.not.equal(0);
    expect(r.output).to.contain('layer-core');
  });

  it('fails on an import between siblings the rule keeps apart (journal → reproducibility)', () => {
    const r = cruise({
      'src/journal/a.ts': "import { b } from '../reproducibility/b';\nexport const a = b;\n",
      'src/reproducibility/b.ts': 'export const b = 1;\n',
    });
    expect(r.status).to.not.equal(0);
    expect(r.output).to.contain('layer-journal');
  });

  it('fails when code inside src imports the public index', () => {
    const r = cruise({ 'src/index.ts': 'export const a = 1;\n', 'src/cli/main.ts': "import { a } from '../index';\nexport const b = a;\n" });
    expect(r.status).to.not.equal(0);
    expect(r.output).to.contain('index-is-the-door');
  });

  it('allows the directions it states (tracker → journal, store → mlflow)', () => {
    const r = cruise({
      'src/tracker/t.ts': "import { j } from '../journal/j';\nexport const t = j;\n",
      'src/journal/j.ts': 'export const j = 1;\n',
      'src/store/s.ts': "import { m } from '../mlflow/m';\nexport const s = m;\n",
      'src/mlflow/m.ts': 'export const m = 1;\n',
    });
    expect(r.status, r.output).to.equal(0);
  });
});
