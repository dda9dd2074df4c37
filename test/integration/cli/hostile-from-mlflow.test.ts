/**
 * training-bom from-mlflow on runs whose data and artifacts try to forge lines or drive the terminal,
 * spawned against the real MLflow test server: progress lines, failures and the summary are escaped;
 * --json carries the exact strings.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlflowClient, TrainingBOM } from '../../../src';
import { printable } from '../../../src/cli/printable';
import { CLI } from '../../helpers/cli';
import { expectPrintable, HOSTILE } from '../../helpers/hostile-text';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';
import { storeBom } from '../../helpers/store-contract';

const HOSTILE_ID = `uploaded${HOSTILE.newline}${HOSTILE.ansi}${HOSTILE.bidi}${HOSTILE.carriageReturn}`;
const BAD_RUN_ID = `nope${HOSTILE.newline}${HOSTILE.ansi}${HOSTILE.bidi}`;

describe('training-bom from-mlflow on hostile runs (spawned CLI, real MLflow server)', function () {
  this.timeout(120_000);
  let url: string;
  let client: MlflowClient;
  let fromData: string;
  let withArtifact: string;
  let withBadArtifact: string;
  const parent = mkdtempSync(join(tmpdir(), 'training-bom-hostile-from-mlflow-'));
  let n = 0;
  const out = (): string => join(parent, `out-${n++}${HOSTILE.newline}${HOSTILE.ansi}`);
  const run = (args: string[]): Promise<ProcessOutcome> =>
    runProcess(process.execPath, [CLI, 'from-mlflow', ...args], { cwd: tmpdir(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url } });

  before(async () => {
    url = (await mlflowServer()).url;
    client = new MlflowClient({ trackingUri: url, env: {} });
    const { experimentId } = await client.getOrCreateExperiment(`hostile-from-mlflow-${Date.now()}`);
    const create = async (): Promise<string> => (await client.createRun({ experimentId, startTime: Date.UTC(2024, 8, 5, 10) })).info.runId;
    [fromData, withArtifact, withBadArtifact] = [await create(), await create(), await create()];
    await client.logBatch(fromData, {
      params: [
        { key: 'dataset_path', value: `s3://b/${HOSTILE.ansi}${HOSTILE.newline}` }, { key: 'dataset_size', value: '10' },
        { key: 'model_type', value: `${HOSTILE.ansi}${HOSTILE.bidi}` }, { key: 'original_features', value: `${HOSTILE.carriageReturn},${HOSTILE.c1}` },
        { key: 'selected_features', value: HOSTILE.carriageReturn }, { key: 'note', value: HOSTILE.separators },
      ],
    });
    const hostile = storeBom(HOSTILE_ID);
    hostile.mlflowParams = { [HOSTILE.newline]: HOSTILE.ansi };
    await client.uploadArtifact(withArtifact, 'training_bom.json', hostile.toJSONString(2));
    const invalid = JSON.stringify({ ...hostile.toJSON(), mlflow_params: { [`k${HOSTILE.ansi}`]: 'lone' } }).replace('"lone"', '"\\ud800"');
    await client.uploadArtifact(withBadArtifact, 'training_bom.json', invalid);
    for (const id of [fromData, withArtifact, withBadArtifact]) await client.updateRun(id, { status: 'FINISHED', endTime: Date.UTC(2024, 8, 5, 11) });
  });

  after(async () => {
    await client.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('prints progress lines, failures and the summary escaped, one a line', async () => {
    const dir = out();
    const r = await run([fromData, withArtifact, withBadArtifact, BAD_RUN_ID, '--artifacts', 'all', '--out', dir]);
    expect(r.status, r.stderr).to.equal(1);
    expectPrintable(r.stdout, 'stdout');
    expectPrintable(r.stderr, 'stderr');
    const lines = r.stdout.trim().split('\n');
    expect(lines).to.have.length(3);
    expect(lines).to.include(`${withArtifact}  ${printable(HOSTILE_ID)}  ${printable(join(dir, readdirSync(dir).find((f) => f.startsWith('uploaded') && f.endsWith('.json')) as string))}`);
    expect(lines[2]).to.equal(`Wrote 2 BOMs to ${printable(dir)}; 2 runs failed`);
    const errors = r.stderr.trim().split('\n').sort();
    expect(errors).to.have.length(2);
    expect(errors[0]).to.match(new RegExp(`^${withBadArtifact}: .*mlflow_params\\.kx\\\\u001b\\[2J\\\\u001b\\[31mred\\\\u001b\\[0m: `));
    expect(errors[1]?.startsWith(`${printable(BAD_RUN_ID)}: `), errors[1]).to.equal(true);
  });

  it('--json carries the exact ids, and the BOMs keep the exact strings', async () => {
    const dir = out();
    const r = await run([fromData, withArtifact, withBadArtifact, BAD_RUN_ID, '--artifacts', 'all', '--out', dir, '--json']);
    expect(r.status, r.stderr).to.equal(1);
    const json = JSON.parse(r.stdout) as { directory: string; written: Array<{ runId: string; id: string }>; failed: Array<{ runId: string }> };
    expect(json.directory).to.equal(dir);
    expect(json.written.map((w) => w.id).sort()).to.deep.equal([`mlflow-${fromData}`, HOSTILE_ID].sort());
    expect(json.failed.map((f) => f.runId).sort()).to.deep.equal([BAD_RUN_ID, withBadArtifact].sort());
    const built = TrainingBOM.parse(readFileSync(join(dir, `mlflow-${fromData}.json`)));
    expect(built.modelInfo.type).to.equal(`${HOSTILE.ansi}${HOSTILE.bidi}`);
    expect(built.featureInfo.originalFeatures).to.deep.equal([HOSTILE.carriageReturn, HOSTILE.c1]);
  });

  it('escapes a hostile experiment name in the error of a command that fails as a whole (exit 2)', async () => {
    const r = await run(['--experiment', `no-such-${HOSTILE.ansi}\n${HOSTILE.bidi}`, '--out', out()]);
    expect(r.status).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).to.not.match(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/);
  });
});
