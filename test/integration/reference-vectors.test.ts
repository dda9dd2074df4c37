/**
 * The reference vectors copied into test/fixtures/reference-vectors/ are what the Python reference model
 * makes of them (its README says how they were made): checked with the reference (pydantic) itself.
 * Needs the venv made by `scripts/python-venv.sh` (CI makes it).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { VECTORS_DIR } from '../helpers/vectors';

const ROOT = resolve(__dirname, '../..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const CHECKER = join(VECTORS_DIR, 'check_vectors.py');

function check(dir?: string): { status: number | null; checked: number; failures: string[]; stderr: string } {
  if (!existsSync(PYTHON)) throw new Error(`Python reference venv not found (${PYTHON}): run scripts/python-venv.sh`);
  const r = spawnSync(PYTHON, dir === undefined ? [CHECKER] : [CHECKER, dir], { encoding: 'utf8', timeout: 60_000 });
  const out = JSON.parse(r.stdout === '' ? '{}' : r.stdout) as { checked?: number; failures?: string[] };
  return { status: r.status, checked: out.checked ?? 0, failures: out.failures ?? [], stderr: r.stderr };
}

describe('reference vectors (checked by the Python reference)', function () {
  this.timeout(90_000);

  it('are accepted and dumped back byte for byte, or rejected at the expected paths', () => {
    const r = check();
    expect(r.failures).to.deep.equal([]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.checked).to.equal(26);
  });

  it('would be caught if a copy drifted from what the reference makes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-vectors-'));
    try {
      cpSync(VECTORS_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'valid', 'seed-basic.json'), '{"id":"x","start_time":"2024-01-01T00:00:00","end_time":"2024-01-01T00:00:00","dataset_info":{"origin":"o","size":1},"feature_info":{"original_features":[],"selected_features":[]},"model_info":{"type":"t","architecture":"a"},"mlflow_params":{},"mlflow_metrics":{}}');
      writeFileSync(join(dir, 'invalid', 'size-word.json'), '{}');
      const r = check(dir);
      expect(r.status).to.equal(1);
      expect(r.failures).to.have.length(2);
      expect(r.failures[0]).to.match(/^valid\/seed-basic\.json: the reference's dump differs/);
      expect(r.failures[1]).to.match(/^invalid\/size-word\.json: reference paths \[/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
