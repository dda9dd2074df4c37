import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { trainingBomJsonSchema } from '../../../src';
import { vectors } from '../../helpers/vectors';

const CLI = resolve(__dirname, '../../../dist/cli/main.js');

describe('training-bom schema (spawned CLI)', () => {
  const r = spawnSync(process.execPath, [CLI, 'schema'], { encoding: 'utf8', timeout: 20000 });

  it('exits 0 and prints the JSON Schema of the wire format', () => {
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal(trainingBomJsonSchema());
  });

  it('prints a schema that accepts every valid reference vector', () => {
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(r.stdout) as object);
    for (const v of vectors('valid')) expect(validate(JSON.parse(v.text)), v.name).to.equal(true);
  });
});
