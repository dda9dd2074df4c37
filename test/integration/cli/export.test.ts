import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrainingBomFromCycloneDx, TrainingBOM } from '../../../src';
import { trackerBom } from '../../helpers/export-fixtures';
import { cycloneDxErrors, spdxSchemaErrors } from '../../helpers/standards-validators';
import { cli } from '../../helpers/cli';
import { vectorPath } from '../../helpers/vectors';

const VALID = vectorPath('valid', 'seed-basic');
const INVALID = vectorPath('invalid', 'size-word');


describe('training-bom export (spawned CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-export-'));

  it('prints a CycloneDX 1.6 document by default that the official schema accepts', async () => {
    const r = cli(['export', '--format', 'cyclonedx', VALID]);
    expect(r.status, r.stderr).to.equal(0);
    const doc = JSON.parse(r.stdout) as { specVersion: string };
    expect(doc.specVersion).to.equal('1.6');
    expect(await cycloneDxErrors(doc, '1.6')).to.equal(null);
  });

  it('prints CycloneDX 1.7 with --spec-version 1.7', async () => {
    const r = cli(['export', '--format', 'cyclonedx', '--spec-version', '1.7', VALID]);
    expect(r.status, r.stderr).to.equal(0);
    expect(await cycloneDxErrors(JSON.parse(r.stdout), '1.7')).to.equal(null);
  });

  it('prints an SPDX 3.0.1 document that the official schema accepts', () => {
    const r = cli(['export', '--format', 'spdx3', VALID]);
    expect(r.status, r.stderr).to.equal(0);
    expect(spdxSchemaErrors(JSON.parse(r.stdout))).to.equal(null);
  });

  it('exports the tracker-built demo BOM, which reads back to the same BOM', async () => {
    const bom = await trackerBom();
    const file = join(dir, 'demo.json');
    writeFileSync(file, bom.toJSONString(2));
    const r = cli(['export', '--format', 'cyclonedx', file]);
    expect(r.status, r.stderr).to.equal(0);
    expect(createTrainingBomFromCycloneDx(r.stdout).toJSONString()).to.equal(bom.toJSONString());
  });

  it('reads standard input for -', () => {
    const r = cli(['export', '--format', 'cyclonedx', '-'], readFileSync(VALID, 'utf8'));
    expect(r.status, r.stderr).to.equal(0);
    expect(createTrainingBomFromCycloneDx(r.stdout).id).to.equal(TrainingBOM.parse(readFileSync(VALID, 'utf8')).id);
  });

  it('writes to a file with --output', () => {
    const out = join(dir, 'out.cdx.json');
    const r = cli(['export', '--format', 'cyclonedx', '-o', out, VALID]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).to.have.property('bomFormat', 'CycloneDX');
  });

  it('is deterministic: two runs print the same bytes', () => {
    expect(cli(['export', '--format', 'spdx3', VALID]).stdout).to.equal(cli(['export', '--format', 'spdx3', VALID]).stdout);
  });

  it('reports an invalid BOM as file: path: message and exits 1', () => {
    const r = cli(['export', '--format', 'cyclonedx', INVALID]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr.trim()).to.equal(`${INVALID}: dataset_info.size: must be a non-negative integer no larger than 9007199254740991, got a string ("many")`);
  });

  it('reports a missing file without a stack trace', () => {
    const r = cli(['export', '--format', 'spdx3', join(dir, 'nope.json')]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain('nope.json: (document): no such file').and.not.match(/\n\s+at /);
  });

  it('keeps one escaped issue per line when a key holds a newline, as validate does', () => {
    const file = join(dir, 'forge.json');
    const doc = JSON.parse(readFileSync(VALID, 'utf8')) as { mlflow_params: Record<string, unknown> };
    doc.mlflow_params['a\nfake.json: (document): ok\nb'] = '\ud800';
    writeFileSync(file, JSON.stringify(doc));
    const r = cli(['export', '--format', 'cyclonedx', file]);
    expect(r.status).to.equal(1);
    expect(r.stderr.trim().split('\n')).to.deep.equal([
      `${file}: mlflow_params.a\\nfake.json: (document): ok\\nb: must be well-formed Unicode, but contains an unpaired UTF-16 surrogate`,
    ]);
  });

  it('requires --format and rejects an unknown one', () => {
    expect(cli(['export', VALID]).stderr).to.contain("required option '--format <format>'");
    const r = cli(['export', '--format', 'xml', VALID]);
    expect(r.status).to.not.equal(0);
    expect(r.stderr).to.contain('Allowed choices are cyclonedx, spdx3');
  });

  it('rejects --spec-version with --format spdx3 and an unknown version', () => {
    expect(cli(['export', '--format', 'spdx3', '--spec-version', '1.7', VALID]).stderr).to.contain('--spec-version applies to --format cyclonedx only');
    expect(cli(['export', '--format', 'cyclonedx', '--spec-version', '1.5', VALID]).status).to.not.equal(0);
  });

  it('lists export and schema in --help', () => {
    expect(cli(['--help']).stdout).to.contain('export [options] <file>').and.to.contain('schema');
  });
});
