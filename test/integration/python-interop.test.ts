/**
 * Interop towards Python: every BOM we emit must load in the Python reference model (pydantic), which must
 * see every field as we wrote it, and its re-dump must read back to the same BOM here.
 * Needs the venv made by `scripts/python-venv.sh`; without it this suite fails (CI runs it).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { TrainingBOM } from '../../src';
import { vectorPath, VECTORS_DIR } from '../helpers/vectors';
import { emittedCorpus, EXPECTED_IGNORED, referencePart, type CorpusEntry } from '../interop/emitted-corpus';

const ROOT = resolve(__dirname, '../..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const CHECKER = join(ROOT, 'test', 'interop', 'check_boms.py');
const SETUP_HINT = 'run scripts/python-venv.sh from the repository root to create it';

interface CheckSummary {
  files: number;
  passed: number;
  failed: number;
  written: number;
  ignored_keys: number;
  non_finite_metric_strings: number;
  ignored: Record<string, string[]>;
  failures: string[];
}

interface CheckRun {
  result: SpawnSyncReturns<string>;
  summary: CheckSummary;
  /** What to show when an expectation fails. */
  report: string;
}

function requireVenv(): void {
  if (!existsSync(PYTHON)) throw new Error(`Python reference venv not found (${PYTHON}): ${SETUP_HINT}`);
}

/** Runs check_boms.py on `inDir`, writing re-dumps to `outDir`. */
function runChecker(inDir: string, outDir: string): CheckRun {
  const result = spawnSync(PYTHON, [CHECKER, inDir, outDir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (result.error !== undefined) throw new Error(`could not run ${CHECKER} (${SETUP_HINT}): ${result.error.message}`);
  const report = `check_boms.py exited ${result.status} (signal ${result.signal})\nstderr:\n${result.stderr}\nstdout:\n${result.stdout}`;
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  let summary: CheckSummary;
  try {
    summary = JSON.parse(lastLine) as CheckSummary;
  } catch {
    throw new Error(`check_boms.py printed no JSON summary (if pydantic is missing, ${SETUP_HINT})\n${report}`);
  }
  return { result, summary, report };
}

function writeCorpus(dir: string, entries: readonly CorpusEntry[]): void {
  for (const entry of entries) writeFileSync(join(dir, `${entry.name}.json`), entry.bom.toJSONString(2), 'utf8');
}

describe('Python reference interop: BOMs we emit', function () {
  this.timeout(90_000);
  const corpus = emittedCorpus(VECTORS_DIR);
  let work: string;
  let redumps: string;
  let run: CheckRun;

  const redump = (name: string): string => readFileSync(join(redumps, `${name}.py.json`), 'utf8');

  before(function () {
    requireVenv();
    work = mkdtempSync(join(tmpdir(), 'training-bom-interop-'));
    mkdirSync(join(work, 'emitted'));
    redumps = join(work, 'reference');
    writeCorpus(join(work, 'emitted'), corpus);
    run = runChecker(join(work, 'emitted'), redumps);
  });

  after(function () {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('are all accepted by the reference, which sees every field as we wrote it', function () {
    expect(run.result.status, run.report).to.equal(0);
  });

  it('are all checked and re-dumped by the reference (none skipped)', function () {
    expect([run.summary.files, run.summary.written], run.report).to.deep.equal([corpus.length, corpus.length]);
  });

  it('carry no field the reference ignores except our additional_values and kept unknown fields', function () {
    const expected = Object.fromEntries(Object.entries(EXPECTED_IGNORED).map(([name, keys]) => [`${name}.json`, keys]));
    expect(run.summary.ignored, run.report).to.deep.equal(expected);
  });

  it('carry non-finite metrics as the strings NaN, Infinity and -Infinity', function () {
    expect(run.summary.non_finite_metric_strings, run.report).to.equal(3);
  });

  it('carry non-finite metrics that the reference keeps as plain strings', function () {
    expect((JSON.parse(redump('non-finite-metrics')) as Record<string, unknown>).mlflow_metrics).to.deep.equal({ nan: 'NaN', inf: 'Infinity', ninf: '-Infinity', ok: 1.5 });
  });

  it('keep hostile keys (__proto__, constructor, toString, ...) as plain data through the reference', function () {
    const back = JSON.parse(redump('hostile-keys')) as Record<string, object>;
    const keys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    expect([Object.keys(back.mlflow_params), Object.keys(back.mlflow_metrics)]).to.deep.equal([keys, keys]);
  });

  for (const entry of corpus.filter((e) => e.vectorText !== undefined)) {
    it(`re-emit vector ${entry.name.slice('vector-'.length)} so that the reference re-dumps it byte for byte`, function () {
      expect(redump(entry.name)).to.equal(entry.vectorText);
    });
  }

  for (const entry of corpus) {
    it(`are re-dumped by the reference byte for byte as we emitted ${entry.name}, minus the fields it ignores`, function () {
      expect(redump(entry.name)).to.equal(JSON.stringify(referencePart(entry.bom.toJSON()), null, 2));
    });
  }

  for (const entry of corpus) {
    it(`read back from the reference's re-dump of ${entry.name} with the same reference fields`, function () {
      const back = TrainingBOM.parse(redump(entry.name));
      expect(referencePart(back.toJSON())).to.deep.equal(referencePart(entry.bom.toJSON()));
    });
  }
});

describe('Python reference interop: the checker itself', function () {
  this.timeout(90_000);
  let work: string;
  let runs = 0;

  /** Runs the checker on one document (as text) in a fresh directory. */
  function checkOne(text: string): CheckRun {
    const inDir = join(work, `in-${++runs}`);
    mkdirSync(inDir);
    writeFileSync(join(inDir, 'doc.json'), text, 'utf8');
    return runChecker(inDir, join(inDir, 'out'));
  }

  const seed = (): Record<string, Record<string, unknown>> =>
    JSON.parse(readFileSync(vectorPath('valid', 'seed-basic'), 'utf8')) as Record<string, Record<string, unknown>>;

  before(function () {
    requireVenv();
    work = mkdtempSync(join(tmpdir(), 'training-bom-interop-check-'));
  });

  after(function () {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('fails a document the reference rejects', function () {
    const doc = seed();
    doc.dataset_info.size = 'five';
    const check = checkOne(JSON.stringify(doc));
    expect(check.result.status, check.report).to.equal(1);
    expect(check.result.stderr).to.include('dataset_info.size: the reference rejects it');
  });

  it('fails a document that leaves out a field the reference would default', function () {
    const doc = seed();
    delete doc.dataset_info.size;
    const check = checkOne(JSON.stringify(doc));
    expect(check.result.status, check.report).to.equal(1);
    expect(check.result.stderr).to.include('dataset_info.size: we did not write it');
  });
});
