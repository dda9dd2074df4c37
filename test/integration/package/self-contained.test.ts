/**
 * A clone with nothing beside it must test: nothing under test/, bench/, scripts/ or examples/ may read a
 * file outside the repository (the project's `../shared` in particular). Checked twice: statically, every
 * `__dirname`-relative path literal must land inside the repository and no file may name `../shared`; and
 * by running the suite's file-reading helpers from a copy of the repository in an otherwise empty folder.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect } from 'chai';

const ROOT = resolve(__dirname, '../../..');
const SCANNED = ['test', 'bench', 'scripts', 'examples', '.ci'];
const SCANNED_FILES = ['package.json', '.mocharc.json', '.c8rc.json', 'tsconfig.json', 'tsconfig.test.json'];
const SOURCE = /\.(ts|js|mjs|cjs|py|sh|json)$|^run$/;

/** Every text file of the scanned folders, with its content (fixtures of foreign standards excluded). */
function scannedFiles(): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.data' && entry.name !== '__pycache__') walk(path);
      } else if (SOURCE.test(entry.name) && !path.includes(`${sep}spdx-3.0.1${sep}`)) {
        out.push({ path, text: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const dir of SCANNED) walk(join(ROOT, dir));
  for (const file of SCANNED_FILES) out.push({ path: join(ROOT, file), text: readFileSync(join(ROOT, file), 'utf8') });
  return out;
}

/** The string arguments of each `resolve(__dirname, ...)` / `join(__dirname, ...)` made only of literals. */
function dirnameLiterals(text: string): string[][] {
  const calls = text.matchAll(/\b(?:resolve|join)\(\s*__dirname\s*((?:,\s*'[^'\n]*'\s*)+)\)/g);
  return [...calls].map((m) => [...m[1].matchAll(/'([^'\n]*)'/g)].map((s) => s[1]));
}

describe('self-contained tests and benchmarks', function () {
  this.timeout(120_000);

  it('finds the file-reading helpers it checks (the scan is not empty)', () => {
    const files = scannedFiles();
    expect(files.length).to.be.greaterThan(100);
    expect(files.flatMap((f) => dirnameLiterals(f.text)).length).to.be.greaterThan(20);
  });

  it('resolves every __dirname-relative path literal inside the repository', () => {
    const outside: string[] = [];
    for (const { path, text } of scannedFiles()) {
      for (const parts of dirnameLiterals(text)) {
        const target = resolve(dirname(path), ...parts);
        if (target !== ROOT && !target.startsWith(ROOT + sep)) outside.push(`${relative(ROOT, path)}: ${parts.join(', ')} -> ${target}`);
      }
    }
    expect(outside).to.deep.equal([]);
  });

  it('names no path into a shared folder beside the repository', () => {
    const pattern = /(?:\.\.\/)+shared\b|\/work\/shared\b|['"`]shared\/(?:vectors|standards|spec)\b/;
    const hits = scannedFiles().filter((f) => f.path !== __filename && pattern.test(f.text)).map((f) => relative(ROOT, f.path));
    expect(hits).to.deep.equal([]);
  });

  it("runs the suite's file-reading helpers from a copy of the repository with nothing beside it", () => {
    const parent = mkdtempSync(join(tmpdir(), 'training-bom-alone-'));
    try {
      const clone = join(parent, 'training-bom');
      mkdirSync(clone);
      for (const part of ['src', 'test', 'bench', 'package.json', 'tsconfig.json', 'tsconfig.test.json']) {
        cpSync(join(ROOT, part), join(clone, part), { recursive: true, filter: (p) => !p.includes(`${sep}.data`) });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
      const script = `
        const v = require('./test/helpers/vectors');
        const s = require('./test/helpers/standards-validators');
        const { emittedCorpus } = require('./test/interop/emitted-corpus');
        const { writeBenchData } = require('./bench/bench-data');
        const { TrainingBOM, toSpdx3 } = require('./src');
        const fs = require('fs');
        const bom = TrainingBOM.parse(fs.readFileSync(v.vectorPath('valid', 'seed-basic'), 'utf8'));
        console.log(JSON.stringify({
          valid: v.vectors('valid').length,
          invalid: v.vectors('invalid').length,
          expected: Object.keys(v.expectedInvalidPaths()).length,
          example: v.specExample().id,
          spdxFiles: fs.readdirSync(s.SPDX_DIR).filter((f) => !f.endsWith('.md')).sort(),
          spdxErrors: s.spdxSchemaErrors(toSpdx3(bom)),
          corpus: emittedCorpus(v.VECTORS_DIR).length > v.vectors('valid').length,
          bench: writeBenchData().map((d) => d.name),
          inside: [v.VECTORS_DIR, s.SPDX_DIR].every((d) => d.startsWith(${JSON.stringify(clone + sep)})),
        }));`;
      const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        cwd: clone, encoding: 'utf8', timeout: 110_000,
      });
      expect(r.status, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal({
        valid: 10, invalid: 16, expected: 16, example: 'training-run-2024-09-05-001',
        spdxFiles: ['spdx-3.0.1-schema.json', 'spdx-context.jsonld', 'spdx-model.ttl'],
        spdxErrors: null, corpus: true, bench: ['S', 'M', 'L'], inside: true,
      });
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
