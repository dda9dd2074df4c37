/**
 * Hyper-parameter sweeps against a real MLflow server: a parent run, trials as nested runs
 * (`mlflow.parentRunId`, as MLflow's own nested runs) tracked concurrently, each with its BOM; the summary
 * names every trial and the best; `finishSweep` writes it on the parent; `training-bom list --sweep` shows it.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { TrainingBOM} from '../../../src';
import {
  finishSweep, MlflowBomStore, MlflowClient, MlflowRunSink, startSweep, SWEEP_ARTIFACT, sweepSummary, TrainingWorkflowTracker, type SweepSummary,
} from '../../../src';
import { CLI } from '../../helpers/cli';
import { mlflowServer, type MlflowTestServer } from '../../helpers/mlflow-server';
import { rejection } from '../../helpers/rejection';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';

const warnings: string[] = [];
const quiet = { info: (): void => undefined, warn: (m: string): void => void warnings.push(m) };

describe('hyper-parameter sweeps in MLflow', function () {
  this.timeout(120_000);
  let server: MlflowTestServer;
  let client: MlflowClient;
  let experimentName: string;
  let parent: string;
  const boms: TrainingBOM[] = [];
  const accuracy = [0.81, 0.93, 0.88];

  /** One trial in its own tracker and sink, nested under the sweep; `finalize: false` ends it FAILED (closed unfinished). */
  async function trial(i: number, lr: number, finalize = true): Promise<void> {
    const sink = new MlflowRunSink({ client, experimentName, parentRunId: parent, runName: `trial-${i}`, scheduledDelayMillis: 10 });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, journal: false });
    tracker.startTraining(`sweep-trial-${i}-${randomUUID()}`).registerDataset('iris.csv', 150).registerFeatures(['a', 'b'], ['a']).registerModel('MLP', `lr=${lr}`);
    tracker.logParameters({ learning_rate: lr }).registerSweep(parent);
    for (let e = 0; e < 5; e++) tracker.logMetrics({ loss: 1 / (e + 1) + lr, accuracy: finalize ? accuracy[i] - (4 - e) * 0.01 : 0.99 }, e);
    if (finalize) boms[i] = tracker.finalizeTraining();
    await tracker.close();
  }

  before(async function () {
    server = await mlflowServer();
    client = new MlflowClient({ trackingUri: server.url, env: {} });
    experimentName = `sweep-${randomUUID()}`;
    parent = (await startSweep({ client, name: 'lr-sweep', metric: 'accuracy', experimentName, params: { learning_rate: '[0.001, 0.1] log' } })).runId;
    // Three trials at once, and a fourth that crashes before finalizing (its run ends FAILED).
    await Promise.all([trial(0, 0.1), trial(1, 0.01), trial(2, 0.001), trial(3, 0.05, false)]);
  });
  after(async () => client?.close());

  it('delivers every trial with no sink error, though parallel trials log the same dataset at once', () => {
    expect(warnings).to.deep.equal([]);
  });

  it('records the parent in each trial\'s BOM, and MlflowBomStore.query finds the finished trials by it', async () => {
    for (const bom of boms) expect(bom.additionalValues?.['sweep']).to.deep.equal({ parent_run_id: parent });
    const store = new MlflowBomStore({ client, experimentName });
    const page = await store.query({ sweep: parent, orderBy: 'metric:accuracy', descending: true });
    expect(page.items.map((s) => s.id)).to.deep.equal([boms[1], boms[2], boms[0]].map((b) => b.id));
  });

  it('links each trial to the parent the way MLflow links nested runs', async () => {
    const summary = await sweepSummary(parent, { client });
    expect(summary.trials).to.have.length(4);
    for (const t of summary.trials) expect((await client.getRun(t.runId)).tags['mlflow.parentRunId']).to.equal(parent);
    expect(summary.trials.map((t) => t.runName).sort()).to.deep.equal(['trial-0', 'trial-1', 'trial-2', 'trial-3']);
    expect(new Set(summary.trials.map((t) => t.bomId))).to.deep.equal(new Set([...boms.map((b) => b.id), summary.trials.find((t) => t.runName === 'trial-3')?.bomId]));
  });

  it('names the best finished trial by the sweep metric; a failed trial never wins, whatever its value', async () => {
    const summary = await sweepSummary(parent, { client });
    expect(summary).to.include({ parentRunId: parent, name: 'lr-sweep', metric: 'accuracy', goal: 'maximize' });
    expect(summary.best?.runName).to.equal('trial-1');
    expect(summary.best?.value).to.equal(0.93);
    expect(summary.best?.bomId).to.equal(boms[1].id);
    expect(summary.trials.find((t) => t.runName === 'trial-3')).to.include({ status: 'FAILED', value: 0.99 });
    const byLoss = await sweepSummary(parent, { client, metric: 'loss', goal: 'minimize' });
    expect(byLoss.best?.runName).to.equal('trial-2');
  });

  it('finishSweep writes the summary on the parent run and ends it', async () => {
    const summary = await finishSweep(parent, { client });
    const run = await client.getRun(parent);
    expect(run.info.status).to.equal('FINISHED');
    expect(run.tags).to.include({ 'training_bom.sweep.trials': '4', 'training_bom.sweep.best_run_id': summary.best?.runId, 'training_bom.sweep.best_value': '0.93' });
    expect(run.params).to.deep.equal({ learning_rate: '[0.001, 0.1] log' });
    const stored = JSON.parse(new TextDecoder().decode(await client.downloadArtifact(parent, SWEEP_ARTIFACT))) as SweepSummary;
    expect(stored).to.deep.equal(JSON.parse(JSON.stringify(summary)));
  });

  it('`training-bom list --sweep` shows the trials with the best marked, and --json', async () => {
    const env = { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: server.url };
    const text = await runProcess(process.execPath, [CLI, 'list', '--sweep', parent], { cwd: process.cwd(), env });
    expect(text.status, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/^Sweep lr-sweep \(MLflow run [0-9a-f]{32}\): 4 trials, ranked by accuracy \(maximize\); best trial-1/);
    const best = text.stdout.split('\n').find((l) => l.startsWith('  *'));
    expect(best).to.match(/^ {2}\* +[0-9a-f]{32} +trial-1 +FINISHED +0\.93 /);
    const json = await runProcess(process.execPath, [CLI, 'list', '--sweep', parent, '--metric', 'loss', '--json'], { cwd: process.cwd(), env });
    expect(json.status, json.stderr).to.equal(0);
    expect((JSON.parse(json.stdout) as SweepSummary).best?.runName).to.equal('trial-0'); // loss ranked with the sweep's goal, maximize
  });

  it('refuses a run that is not a sweep, and an unknown run, with exit code 1', async () => {
    const other = (await client.createRun({ experimentId: (await client.getOrCreateExperiment(experimentName)).experimentId, runName: 'plain' })).info.runId;
    expect(await rejection(sweepSummary(other, { client }))).to.have.property('message').that.matches(/was not started as a sweep/);
    const env = { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: server.url };
    const r = await runProcess(process.execPath, [CLI, 'list', '--sweep', other], { cwd: process.cwd(), env });
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/not started as a sweep/);
    const missing = await runProcess(process.execPath, [CLI, 'list', '--sweep', 'f'.repeat(32)], { cwd: process.cwd(), env });
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.match(/training-bom list: /);
  });
});
