/**
 * The distributed conventions without a server: option checks naming the option, the owner's reading of a
 * run's tags into rank reports, a hostile report (a journal record, a caller's object) refused field by
 * field, and what `recordRanks` puts in the BOM.
 */
import { expect } from 'chai';
import { BomValidationError, InvalidArgumentError, TrainingWorkflowTracker, type DistributedRunReport } from '../../../src';
import { rankChoice, rankReports, RANK_TAGS } from '../../../src/mlflow/sink/distributed';
import { distributedReportOf } from '../../../src/models/distributed-run';
import type { MlflowRun } from '../../../src/mlflow/client/types';

const quiet = { info: (): void => undefined, warn: (): void => undefined };

function run(tags: Record<string, string>, params: Record<string, string>, metrics: Record<string, number>): MlflowRun {
  const m = Object.fromEntries(Object.entries(metrics).map(([key, value]) => [key, { key, value, timestamp: 0, step: 0 }]));
  return { info: { runId: 'r', experimentId: '1', runName: 'r', status: 'RUNNING', startTime: 0 }, tags, params, metrics: m, datasetInputs: [] } as unknown as MlflowRun;
}

describe('distributed runs: conventions', () => {
  it('defaults: rank 0 owns the run with no prefix, the others rank<k>/', () => {
    expect(rankChoice({ rank: 0, worldSize: 4 })).to.include({ owner: true, keyPrefix: '', ownerRank: 0, joinTimeoutMs: 120_000 });
    expect(rankChoice({ rank: 3, worldSize: 4 })).to.include({ owner: false, keyPrefix: 'rank3/' });
    expect(rankChoice({ rank: 0, worldSize: 2, ownerRank: 1 })).to.include({ owner: false, keyPrefix: 'rank0/' });
  });

  it('refuses a rank outside the world, naming the option', () => {
    for (const [options, path] of [
      [{ rank: 4, worldSize: 4 }, 'distributed.rank'], [{ rank: 0, worldSize: 0 }, 'distributed.worldSize'],
      [{ rank: 1.5, worldSize: 4 }, 'distributed.rank'], [{ rank: 0, worldSize: 2, ownerRank: 2 }, 'distributed.ownerRank'],
      [{ rank: 0, worldSize: 2, joinTimeoutMs: -1 }, 'distributed.joinTimeoutMs'],
    ] as const) {
      expect(() => rankChoice(options)).to.throw(InvalidArgumentError).with.property('argument', path);
    }
  });

  it('reads each other rank from the run: done, recovered, or lost with what it delivered', () => {
    const tags = {
      [RANK_TAGS.status(1)]: 'done', [RANK_TAGS.points(1)]: '500', [RANK_TAGS.keyPrefix(1)]: 'rank1/',
      [RANK_TAGS.environment(1)]: JSON.stringify({ host: 'a', node: 'v22', platform: 'linux/x64', cpus: 8, cpuModel: null, memoryBytes: 1, accelerators: ['nvidia:0'], pid: 7 }),
      [RANK_TAGS.status(2)]: 'recovered', [RANK_TAGS.points(2)]: '250',
      [RANK_TAGS.points(3)]: 'not a number', [RANK_TAGS.environment(3)]: '{not json',
    };
    const report = rankReports(run(tags, { 'rank1/lr': '0.1', lr: '0.2' }, { 'rank1/loss': 0.5, loss: 0.4, 'rank2/loss': 0.7 }), rankChoice({ rank: 0, worldSize: 4 }));
    expect(report).to.include({ worldSize: 4, ownerRank: 0 });
    expect(report.ranks.map((r) => [r.rank, r.status, r.points, r.keyPrefix])).to.deep.equal([[1, 'done', 500, 'rank1/'], [2, 'recovered', 250, 'rank2/'], [3, 'lost', 0, 'rank3/']]);
    expect(report.ranks[0].params).to.deep.equal({ 'rank1/lr': '0.1' });
    expect(report.ranks[0].metrics).to.deep.equal({ 'rank1/loss': 0.5 });
    expect(report.ranks[0].environment).to.include({ host: 'a', cpus: 8, pid: 7 });
    expect(report.ranks[2].environment).to.equal(null);
  });

  it('refuses a hostile report field by field', () => {
    const bad = { worldSize: 2, ownerRank: 0, ranks: [{ rank: 0, status: 'pwned', keyPrefix: 3, points: -1, environment: 'x', params: { a: 1 }, metrics: { b: 'c' } }] };
    const error = (() => {
      try {
        distributedReportOf(bad, 'ranks.report');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(BomValidationError);
    const paths = (error as BomValidationError).issues.map((i) => i.path);
    expect(paths).to.include.members([
      'ranks.report.ranks[0].rank', 'ranks.report.ranks[0].status', 'ranks.report.ranks[0].keyPrefix', 'ranks.report.ranks[0].points',
      'ranks.report.ranks[0].environment', 'ranks.report.ranks[0].params.a', 'ranks.report.ranks[0].metrics.b',
    ]);
    expect(() => distributedReportOf(null)).to.throw(BomValidationError, /report: must be an object/);
  });

  it('puts the ranks in the BOM: their latest metrics and params under their prefixes, the owner\'s keys winning a clash', () => {
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false }).startTraining('job');
    tracker.registerDataset('d.csv', 10).registerFeatures(['a'], ['a']).registerModel('M', 'a').logParameters({ lr: 0.1 }).logMetric('loss', 0.3, 1);
    const report: DistributedRunReport = {
      worldSize: 3, ownerRank: 0,
      ranks: [
        { rank: 1, status: 'done', keyPrefix: 'rank1/', points: 40, environment: null, params: { 'rank1/lr': '0.1' }, metrics: { 'rank1/loss': 0.35 } },
        { rank: 2, status: 'lost', keyPrefix: '', points: 3, environment: null, params: { lr: 'clash' }, metrics: { loss: 99 } },
      ],
    };
    const bom = tracker.recordRanks(report).finalizeTraining();
    expect(bom.mlflowMetrics).to.deep.equal({ loss: 0.3, 'rank1/loss': 0.35 });
    expect(bom.mlflowParams).to.deep.equal({ lr: 0.1, 'rank1/lr': '0.1' });
    const distributed = bom.additionalValues?.['distributed'] as Record<string, unknown>;
    expect(distributed).to.deep.include({ world_size: 3, owner_rank: 0, lost_ranks: [2], recovered_ranks: [] });
    expect((distributed['ranks'] as { rank: number; status: string; points: number }[]).map((r) => [r.rank, r.status, r.points])).to.deep.equal([[0, 'owner', 1], [1, 'done', 40], [2, 'lost', 3]]);
  });

  it('refuses recordRanks with a report that is not one, keeping the run', () => {
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false }).startTraining('job');
    expect(() => tracker.recordRanks({ worldSize: 2, ownerRank: 5, ranks: [] })).to.throw(BomValidationError, /ownerRank/);
    expect(tracker.state).to.equal('running');
  });
});
