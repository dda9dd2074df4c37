import { expect } from 'chai';
import fc from 'fast-check';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BomValidationError, DEFAULT_MAX_INPUT_BYTES, TrainingBOM } from '../../../src';
import { printable } from '../../../src/cli/printable';
import { cli } from '../../helpers/cli';
import { deepArrayText, deepObjectText, mutatedBytes, mutatedText, safeStringify } from '../../helpers/hostile-documents';
import { specExample } from '../../helpers/vectors';

/** What the library says about `bytes`: valid, or the issues' `path: message` lines. */
function inProcess(bytes: Uint8Array, strict: boolean): string[] {
  try {
    TrainingBOM.parse(bytes, { strict });
    return [];
  } catch (error) {
    if (!(error instanceof BomValidationError)) throw error;
    return error.issues.map((i) => `${i.path === '' ? '(document)' : i.path}: ${i.message}`);
  }
}

/**
 * The built CLI, spawned on batches of hostile files (a bounded number of processes: 4 batches of 40
 * files, lax and strict): it exits 0 or 1, prints only `file: path: message` lines, never a stack
 * trace, and says exactly what the library says about each file.
 */
describe('training-bom validate on hostile files (spawned CLI, fast-check)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-hostile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const inputs = fc.oneof(mutatedText.map((t) => new TextEncoder().encode(t)), mutatedBytes);
  const samples = fc.sample(inputs, { numRuns: 80, seed: 20_240_905 });

  for (const strict of [false, true]) {
    for (let batch = 0; batch < 2; batch++) {
      it(`batch ${batch + 1} of 40 files${strict ? ', --strict' : ''}`, () => {
        const files = samples.slice(batch * 40, batch * 40 + 40).map((bytes, i) => {
          const file = join(dir, `doc-${strict ? 's' : 'l'}-${batch}-${i}.json`);
          writeFileSync(file, bytes);
          return { file, expected: inProcess(bytes, strict) };
        });
        const r = cli(['validate', ...(strict ? ['--strict'] : []), ...files.map((f) => f.file)]);
        expect(r.status, r.stderr).to.equal(files.every((f) => f.expected.length === 0) ? 0 : 1);
        expect(r.stderr).to.not.match(/^\s+at /m).and.not.match(/^training-bom:/m);
        const lines = r.stderr === '' ? [] : r.stderr.replace(/\n$/, '').split('\n');
        // The CLI escapes control characters and unpaired surrogates, so each issue stays one line.
        const expected = files.flatMap((f) => f.expected.map((line) => `${f.file}: ${printable(line)}`));
        expect(lines).to.deep.equal(expected);
        for (const f of files) expect(r.stdout.includes(`${f.file}: valid`)).to.equal(f.expected.length === 0);
        expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
      });
    }
  }

  it('rejects 10,000 levels of nesting in a dict and in an unknown field, one line each', () => {
    const doc = JSON.stringify(specExample());
    const inParams = doc.replace('"mlflow_params":{', `"mlflow_params":{"d":${deepArrayText(10_000)},`);
    const inUnknown = doc.replace(/}$/, `,"x":${deepObjectText(10_000)}}`);
    const files = [inParams, inUnknown].map((text, i) => {
      const file = join(dir, `deep-${i}.json`);
      writeFileSync(file, text);
      return file;
    });
    const r = cli(['validate', ...files]);
    expect(r.status).to.equal(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(new RegExp(`^${files[0]}: mlflow_params\\.d(\\.0)+: is nested deeper than 128 levels$`));
    expect(lines[1]).to.match(new RegExp(`^${files[1]}: x(\\.a)+: is nested deeper than 128 levels$`));
  });

  it('keeps one issue per line when a key holds a newline, so no line can be forged', () => {
    const file = join(dir, 'forge.json');
    const doc = { ...specExample(), mlflow_metrics: 5 } as Record<string, unknown>;
    doc['a\nfake.json: valid\nb'] = 1;
    writeFileSync(file, JSON.stringify(doc));
    const r = cli(['validate', '--strict', file]);
    expect(r.status).to.equal(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).to.deep.equal([
      `${file}: mlflow_metrics: must be an object (a dictionary), got a number (5)`,
      `${file}: a\\nfake.json: valid\\nb: is not a known field`,
    ]);
    expect(r.stdout).to.not.contain('fake.json: valid');
  });

  it('reads hostile standard input the same way', () => {
    const r = cli(['validate', '-'], safeStringify({ ...specExample(), __proto__: { polluted: true }, dataset_info: [[[]]] }));
    expect(r.status).to.equal(1);
    expect(r.stderr.trim()).to.equal('-: dataset_info: must be an object with origin and size, got an array');
  });

  it('refuses a file over the input limit before reading it, one line, exit 1', () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, DEFAULT_MAX_INPUT_BYTES + 1); // sparse: no disk space, no memory
    const r = cli(['validate', path]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.equal(`${path}: (document): is ${DEFAULT_MAX_INPUT_BYTES + 1} bytes, more than the ${DEFAULT_MAX_INPUT_BYTES}-byte input limit: not read\n`);
  });
});
