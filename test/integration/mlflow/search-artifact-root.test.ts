/** Runs found by a search let the client reach their artifacts without one `runs/get` each (from-mlflow relies on it). */
import { expect } from 'chai';
import { MlflowClient, MlflowRunSink, TrainingWorkflowTracker, type MlflowRun } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';

describe('MlflowClient: artifact roots of searched runs', function () {
  this.timeout(60_000);

  it('downloads a searched run\'s artifact without asking runs/get for its artifact root', async () => {
    const proxy = await FaultProxy.start((await mlflowServer()).url);
    const client = new MlflowClient({ trackingUri: proxy.url, env: {} });
    try {
      const experimentName = `search-root-${Date.now()}`;
      const tracker = new TrainingWorkflowTracker({ sinks: [new MlflowRunSink({ client, experimentName })], logger: { info: () => undefined, warn: () => undefined } });
      tracker.startTraining('searched').registerDataset('d', 1).registerFeatures([], []).registerModel('m', 'a');
      tracker.finalizeTraining();
      await tracker.close();
      const fresh = new MlflowClient({ trackingUri: proxy.url, env: {} });
      const experimentId = (await fresh.getExperimentByName(experimentName))?.experimentId as string;
      const runs: MlflowRun[] = [];
      for await (const run of fresh.searchRuns({ experimentIds: [experimentId] })) runs.push(run);
      proxy.requests.length = 0;
      await fresh.downloadArtifact(runs[0]?.info.runId, 'training_bom.json');
      expect(proxy.requests.map((r) => r.path.split('?')[0])).to.not.include('/api/2.0/mlflow/runs/get');
      expect(proxy.requests).to.have.length(1);
      await fresh.close();
    } finally {
      await client.close();
      await proxy.close();
    }
  });
});
