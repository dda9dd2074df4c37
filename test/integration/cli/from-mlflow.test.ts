/**
 * training-bom from-mlflow, spawned as a process against the real MLflow test server (asynchronously: a
 * blocking spawn would stop this process draining the server's output pipes).
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrainingBomFromMlflow, FileBomStore, MlflowClient, MlflowRunSink, TrainingBOM, TrainingWorkflowTracker, type MetricHistory } from '../../../src';
import { CLI } from '../../helpers/cli';
import { expectSameHistories, historyOf } from '../../helpers/metric-histories';
import { unusedPort } from '../../helpers/loopback-http';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

const RUNS = 60;

describe('training-bom from-mlflow (spawned CLI, real MLflow server)', function () {
  this.timeout(120_000);
  let url: string;
  let client: MlflowClient;
  const experiment = `from-mlflow-${Date.now()}`;
  const runIds: string[] = [];
  let mirrored: TrainingBOM;
  let mirroredRunId: string;
  let mirroredHistory: MetricHistory[];

  const run = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessOutcome> =>
    runProcess(process.execPath, [CLI, 'from-mlflow', ...args], { cwd: tmpdir(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url, ...env } });
  const out = (): string => mkdtempSync(join(tmpdir(), 'training-bom-from-mlflow-'));
  /** The BOM files of a store directory (not the metric histories beside them). */
  const jsonFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.json'));
  const boms = (dir: string): TrainingBOM[] => jsonFiles(dir).map((f) => TrainingBOM.parse(readFileSync(join(dir, f))));

  before(async () => {
    url = (await mlflowServer()).url;
    client = new MlflowClient({ trackingUri: url, env: {} });
    const { experimentId } = await client.getOrCreateExperiment(experiment);
    for (let chunk = 0; chunk < RUNS; chunk += 10) {
      await Promise.all(Array.from({ length: 10 }, async (_, j) => {
        const i = chunk + j;
        const { info } = await client.createRun({ experimentId, runName: `run-${i}`, startTime: Date.UTC(2024, 8, 5, 10, i) });
        await client.logBatch(info.runId, {
          params: [
            { key: 'dataset_path', value: `s3://bucket/part-${i}.parquet` }, { key: 'dataset_size', value: String(1000 + i) },
            { key: 'model_type', value: i % 2 === 0 ? 'RF' : 'XGB' }, { key: 'original_features', value: 'a,b,c' }, { key: 'selected_features', value: 'a,b' },
          ],
          metrics: [{ key: 'accuracy', value: 0.5 + i / 200, step: 0, timestamp: Date.UTC(2024, 8, 5, 11) }],
        });
        await client.updateRun(info.runId, { status: 'FINISHED', endTime: Date.UTC(2024, 8, 5, 11, i) });
        runIds[i] = info.runId;
      }));
    }
    const sink = new MlflowRunSink({ client, experimentName: experiment });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: { info: () => undefined, warn: () => undefined } });
    tracker.startTraining('tracked-run').registerDataset('iris', 150).registerFeatures(['x', 'y'], ['x']).registerModel('RF', 'trees');
    for (let step = 0; step < 50; step++) tracker.logMetrics({ loss: 1 / (step + 1), accuracy: step / 50 }, step);
    tracker.logMetric('accuracy', 0.97, 50);
    mirrored = tracker.finalizeTraining();
    mirroredHistory = tracker.metricHistories();
    await tracker.close();
    mirroredRunId = sink.runId as string;
  });

  after(() => client.close());

  it(`builds one BOM per run of an experiment (${RUNS + 1} runs), each what createTrainingBomFromMlflow builds`, async () => {
    const dir = out();
    const r = await run(['--experiment', experiment, '--out', dir]);
    expect(r.status, r.stderr).to.equal(0);
    const written = boms(dir);
    expect(written).to.have.length(RUNS + 1);
    for (const bom of written) {
      const runId = bom.id === 'tracked-run' ? mirroredRunId : bom.id.replace(/^mlflow-/, '');
      expect(bom.toJSON(), runId).to.deep.equal((await createTrainingBomFromMlflow(runId, { client })).toJSON());
    }
    expect(written.find((b) => b.id === 'tracked-run')?.toJSON()).to.deep.equal(mirrored.toJSON());
    expect(written.find((b) => b.id === `mlflow-${runIds[7]}`)?.toJSON()).to.deep.include({
      dataset_info: { origin: 's3://bucket/part-7.parquet', size: 1007 },
      feature_info: { original_features: ['a', 'b', 'c'], selected_features: ['a', 'b'] },
      start_time: new Date(Date.UTC(2024, 8, 5, 10, 7)).toISOString(),
    });
  });

  it('prints a line per run when not on a terminal, then a summary', async () => {
    const dir = out();
    const r = await run(['--experiment', experiment, '--out', dir, '--filter', "params.model_type = 'RF'"]);
    expect(r.status, r.stderr).to.equal(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).to.have.length(RUNS / 2 + 2);
    expect(lines[lines.length - 1]).to.equal(`Wrote ${RUNS / 2 + 1} BOMs to ${dir}`);
    expect(lines).to.include(`${runIds[0]}  mlflow-${runIds[0]}  ${join(dir, `mlflow-${runIds[0]}.json`)}`);
    expect(jsonFiles(dir)).to.have.length(RUNS / 2 + 1);
  });

  it('writes to the store (TRAINING_BOM_HOME) by default', async () => {
    const home = out();
    const r = await run([runIds[0], runIds[1]], { TRAINING_BOM_HOME: home });
    expect(r.status, r.stderr).to.equal(0);
    expect(readdirSync(home).filter((f) => f !== '.index').sort()).to.deep.equal([`mlflow-${runIds[0]}.json`, `mlflow-${runIds[1]}.json`].sort());
  });

  it('stores each run\'s metric history beside its BOM with --history, exactly as MLflow has it; not by default', async () => {
    const dir = out();
    const r = await run([mirroredRunId, runIds[5], '--out', dir, '--history']);
    expect(r.status, r.stderr).to.equal(0);
    const store = new FileBomStore(dir);
    expectSameHistories(await store.history('tracked-run'), mirroredHistory);
    expectSameHistories(await store.history(`mlflow-${runIds[5]}`), [historyOf('accuracy', [0.5 + 5 / 200], [0], [Date.UTC(2024, 8, 5, 11)])]);
    const without = out();
    expect((await run([mirroredRunId, '--out', without])).status).to.equal(0);
    expect(readdirSync(without).filter((f) => f !== '.index')).to.deep.equal(['tracked-run.json']);
  });

  it('builds runs given by id from several experiments, each once, as createTrainingBomFromMlflow does', async () => {
    const other = await client.getOrCreateExperiment(`${experiment}-other`);
    const { info } = await client.createRun({ experimentId: other.experimentId, startTime: Date.UTC(2024, 8, 6) });
    await client.updateRun(info.runId, { status: 'FINISHED', endTime: Date.UTC(2024, 8, 6, 1) });
    const wanted = [...runIds.slice(10, 40), info.runId, runIds[10], mirroredRunId];
    const dir = out();
    const r = await run([...wanted, '--out', dir]);
    expect(r.status, r.stderr).to.equal(0);
    const written = boms(dir);
    expect(written).to.have.length(32);
    for (const id of [runIds[10], info.runId, mirroredRunId] as string[]) {
      const expected = await createTrainingBomFromMlflow(id, { client });
      expect(written.find((b) => b.id === expected.id)?.toJSON()).to.deep.equal(expected.toJSON());
    }
  });

  it('reads artifacts of tagged runs only by default; --artifacts all and none change that', async () => {
    const { experimentId } = (await client.getExperimentByName(experiment))!;
    const { info } = await client.createRun({ experimentId });
    const uploaded = TrainingBOM.parse({ ...mirrored.toJSON(), id: 'uploaded-by-hand' });
    await client.uploadArtifact(info.runId, 'training_bom.json', uploaded.toJSONString(2));
    await client.updateRun(info.runId, { status: 'FINISHED', endTime: Date.now() });
    const ids = async (args: string[]): Promise<string[]> => {
      const dir = out();
      const r = await run([...args, '--out', dir]);
      expect(r.status, r.stderr).to.equal(0);
      return boms(dir).map((b) => b.id).sort();
    };
    expect(await ids([info.runId, mirroredRunId])).to.deep.equal([`mlflow-${info.runId}`, 'tracked-run']);
    expect(await ids([info.runId, mirroredRunId, '--artifacts', 'all'])).to.deep.equal(['tracked-run', 'uploaded-by-hand']);
    expect(await ids([info.runId, mirroredRunId, '--artifacts', 'none'])).to.deep.equal([`mlflow-${info.runId}`, `mlflow-${mirroredRunId}`].sort());
  });

  it('reports a run it cannot read, writes the others, and exits 1; --json has both', async () => {
    const dir = out();
    const missing = '0'.repeat(32);
    const r = await run([runIds[2], missing, runIds[3], '--out', dir, '--json']);
    expect(r.status).to.equal(1);
    const json = JSON.parse(r.stdout) as { directory: string; written: Array<{ runId: string }>; failed: Array<{ runId: string; code: string; message: string }> };
    expect(json.directory).to.equal(dir);
    expect(json.written.map((w) => w.runId).sort()).to.deep.equal([runIds[2], runIds[3]].sort());
    expect(json.failed).to.have.length(1);
    expect(json.failed[0]).to.deep.include({ runId: missing, code: 'MLFLOW_HTTP' });
    expect(json.failed[0]?.message).to.contain('RESOURCE_DOES_NOT_EXIST');
    expect(jsonFiles(dir)).to.have.length(2);
  });

  it('names the failed run on stderr without a stack trace (people\'s output)', async () => {
    const r = await run(['f'.repeat(32), '--out', out()]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(new RegExp(`^${'f'.repeat(32)}: .*RESOURCE_DOES_NOT_EXIST`, 'm')).and.not.match(/\n\s+at /);
    expect(r.stdout).to.contain('Wrote 0 BOMs');
  });

  it('exits 2 for an experiment that does not exist', async () => {
    const r = await run(['--experiment', 'no-such-experiment', '--out', out()]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.equal("training-bom: --experiment: no MLflow experiment named 'no-such-experiment'\n");
  });

  it('exits 2, quickly and without a stack trace, when MLflow cannot be reached', async () => {
    const dir = out();
    const r = await run([runIds[0], runIds[1], '--out', dir, '--tracking-uri', `http://127.0.0.1:${await unusedPort()}`], { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' });
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain('MLflow is unreachable').and.not.match(/\n\s+at /);
    expect(existsSync(dir) ? readdirSync(dir) : []).to.deep.equal([]);
  });

  it('refuses run ids together with --experiment, and neither', async () => {
    expect((await run([runIds[0], '--experiment', experiment])).status).to.equal(1);
    const r = await run([]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain('give run ids or --experiment <name>');
  });

  it('refuses --filter without --experiment, and a bad --concurrency', async () => {
    expect((await run([runIds[0], '--filter', 'x'])).stderr).to.contain('--filter applies to --experiment only');
    expect((await run([runIds[0], '--concurrency', '0'])).stderr).to.contain('expected an integer from 1 to 64');
  });

  it('draws a progress bar on a terminal instead of lines (under script(1))', async function () {
    if (process.platform !== 'linux' || !existsSync('/usr/bin/script')) this.skip();
    const dir = out();
    const command = [process.execPath, CLI, 'from-mlflow', '--experiment', experiment, '--out', dir].map((a) => `'${a}'`).join(' ');
    const r = await runProcess('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: tmpdir(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url } });
    expect(r.status, r.stdout).to.equal(0);
    expect(r.stdout).to.match(/from-mlflow \[.*\] \d+\/\d+/);
    expect(r.stdout).to.not.contain(`${runIds[0]}  mlflow-`);
    expect(r.stdout).to.contain(`Wrote ${jsonFiles(dir).length} BOMs to ${dir}`);
    expect(jsonFiles(dir).length).to.be.greaterThan(RUNS);
  });
});
