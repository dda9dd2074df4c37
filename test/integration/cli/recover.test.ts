import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileBomStore, MlflowClient, MlflowRunSink, TrainingBOM, TrainingWorkflowTracker } from '../../../src';
import { CLI } from '../../helpers/cli';
import { FaultProxy } from '../../helpers/fault-proxy';
import { expectSameHistories } from '../../helpers/metric-histories';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

const quiet = { info: () => undefined, warn: () => undefined };
const home = (): string => mkdtempSync(join(tmpdir(), 'training-bom-recover-cli-'));

function recover(args: string[], env: NodeJS.ProcessEnv = envWithoutMlflow()): Promise<ProcessOutcome> {
  return runProcess(process.execPath, [CLI, 'recover', ...args], { cwd: tmpdir(), env });
}

/** Makes the journal's lock look like its writer's, a process that has died (as after a crash). */
function orphan(journal: string): string {
  writeFileSync(`${journal}.lock`, JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '0']).pid, host: hostname() }));
  return journal;
}

/** A run that crashed after `points` points (the journal is written, the process never finalized, its lock orphaned). */
function crashed(store: string, id: string, points = 100, register = true): string {
  return crashedTracker(store, id, points, register).journal;
}

function crashedTracker(store: string, id: string, points: number, register = true): { journal: string; tracker: TrainingWorkflowTracker } {
  const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, journal: { directory: join(store, 'journals'), durable: true } });
  tracker.startTraining(id);
  if (register) tracker.registerDataset('s3://bucket/data.parquet', 10).registerFeatures(['a', 'b'], ['a']).registerModel('RF', 'trees');
  for (let i = 0; i < points; i++) tracker.logMetric('loss', 1 / (i + 1), i);
  return { journal: orphan(tracker.journalPath as string), tracker };
}

describe('training-bom recover (spawned CLI)', function () {
  this.timeout(60_000);

  it('stores the metric history the journal held beside the recovered BOM', async () => {
    const store = home();
    const { tracker } = crashedTracker(store, 'run-h', 250);
    const r = await recover(['--store', store]);
    expect(r.status, r.stderr).to.equal(0);
    expectSameHistories(await new FileBomStore(store).history('run-h'), tracker.metricHistories());
  });

  it('recovers every journal of the store into a BOM marked recovered and deletes the journals', async () => {
    const store = home();
    const journals = [crashed(store, 'run-a'), crashed(store, 'run-b', 10)];
    const r = await recover(['--store', store]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('recovered run-a, 100 points').and.contain('recovered run-b, 10 points');
    for (const id of ['run-a', 'run-b']) {
      const bom = TrainingBOM.parse(readFileSync(join(store, `${id}.json`), 'utf8'), { strict: true });
      expect(bom.additionalValues?.['recovery']).to.be.an('object');
    }
    for (const journal of journals) expect(existsSync(journal)).to.equal(false);
  });

  it('prints one JSON object per journal with --json, writes to --out, and keeps the journal with --keep-journal', async () => {
    const store = home();
    const out = home();
    const journal = crashed(store, 'run-json', 5);
    const r = await recover([journal, '--out', out, '--json', '--keep-journal']);
    expect(r.status, r.stderr).to.equal(0);
    const outcome = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(outcome).to.deep.include({ journal, id: 'run-json', recovered: true, points: 5, bom: join(out, 'run-json.json'), journal_kept: true, problems: [] });
    expect(existsSync(journal)).to.equal(true);
  });

  it('recovers a journal whose last record is torn, with a warning', async () => {
    const store = home();
    const journal = crashed(store, 'torn');
    truncateSync(journal, statSync(journal).size - 7);
    const r = await recover([journal, '--store', store]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('recovered torn, 99 points').and.contain('warning:').and.contain('skipped the last');
  });

  it('exits 1 and keeps the journal when the run never registered its sections', async () => {
    const store = home();
    const journal = crashed(store, 'early', 3, false);
    const r = await recover([journal, '--store', store]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.contain('problem: no BOM: dataset_info').and.contain('journal kept');
    expect(existsSync(journal)).to.equal(true);
  });

  it('exits 1 on a file that is not a journal, with the reason and no stack trace', async () => {
    const path = join(home(), 'x.journal');
    writeFileSync(path, '{"not": "a journal"}');
    const r = await recover([path]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.contain('is not a training-bom journal');
    expect(r.stdout + r.stderr).to.not.match(/\n\s+at /);
  });

  describe('a run mirrored to MLflow', () => {
    let url: string;
    let client: MlflowClient;
    const proxies: FaultProxy[] = [];

    before(async () => {
      url = (await mlflowServer()).url;
      client = new MlflowClient({ trackingUri: url, env: {} });
    });

    after(async () => {
      await client.close();
      for (const proxy of proxies) await proxy.close();
    });

    /**
     * A mirrored run cut off from MLflow for good, as if its process had died: the sink created the run,
     * then its own proxy refuses for ever, so only the CLI can deliver the rest.
     */
    async function mirroredCrash(store: string): Promise<{ journal: string; runId: string }> {
      const proxy = await FaultProxy.start(url);
      proxies.push(proxy);
      const sink = new MlflowRunSink({ clientOptions: { trackingUri: proxy.url, env: {}, maxRetries: 0 }, experimentName: `recover-${randomUUID()}`, onError: () => undefined });
      const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, journal: { directory: join(store, 'journals'), durable: true } });
      tracker.startTraining(`mirrored-${randomUUID()}`).registerDataset('s3://bucket/data.parquet', 10).registerFeatures(['a'], ['a']).registerModel('RF', 'trees');
      const runId = await sink.ready();
      await proxy.setMode({ kind: 'refuse' });
      for (let i = 0; i < 3000; i++) tracker.logMetric('loss', i, i);
      await tracker.flush();
      return { journal: orphan(tracker.journalPath as string), runId };
    }

    it('says MLFLOW_TRACKING_URI is needed, and keeps the journal, when it is not set', async () => {
      const store = home();
      const { journal } = await mirroredCrash(store);
      const r = await recover([journal, '--store', store]);
      expect(r.status).to.equal(1);
      expect(r.stdout).to.contain('set MLFLOW_TRACKING_URI');
      expect(existsSync(journal)).to.equal(true);
    });

    it('sends the same MLflow run what it lacks, marks it FAILED with the recovered BOM, and deletes the journal', async () => {
      const store = home();
      const { journal, runId } = await mirroredCrash(store);
      const r = await recover([journal, '--store', store, '--json'], { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url });
      expect(r.status, r.stdout + r.stderr).to.equal(0);
      const outcome = JSON.parse(r.stdout) as { mlflow: Record<string, unknown> };
      expect(outcome.mlflow).to.deep.include({ run_id: runId, complete: true, undelivered_points: 0 });
      let points = 0;
      for await (const _ of client.getMetricHistory(runId, 'loss')) points++;
      expect(points).to.equal(3000);
      expect((await client.getRun(runId)).info.status).to.equal('FAILED');
      const artifact = TrainingBOM.parse(await client.downloadArtifact(runId, 'training_bom.json'));
      expect(artifact.additionalValues?.['recovery']).to.be.an('object');
      expect(existsSync(journal)).to.equal(false);
    });
  });

  it('exits 1 and keeps the journal while its training process is still running', async () => {
    const store = home();
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, journal: { directory: join(store, 'journals') } });
    tracker.startTraining('live').registerDataset('o', 1).registerFeatures(['a'], ['a']).registerModel('m', 'x');
    const r = await recover(['--store', store]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.contain(`is being written by process ${process.pid}`).and.contain('journal kept');
    expect(existsSync(tracker.journalPath as string)).to.equal(true);
    await tracker.close();
  });
});
