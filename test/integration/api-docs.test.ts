import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

describe('API reference (typedoc)', () => {
  it('generates with every public symbol documented', function () {
    this.timeout(120000);
    const out = mkdtempSync(join(tmpdir(), 'training-bom-api-'));
    const typedoc = resolve(__dirname, '../../node_modules/typedoc/bin/typedoc');
    const r = spawnSync(process.execPath, [typedoc, '--out', out], { cwd: resolve(__dirname, '../..'), encoding: 'utf8', timeout: 110000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
  });
});
