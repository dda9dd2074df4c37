/** `registerSweep`: the trial's parent in the BOM (`additional_values.sweep`), journaled and replayed by `recover`. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { InvalidArgumentError, TrainingWorkflowTracker, TrackerStateError } from '../../../src';
import { mlflowDataOf } from '../../../src/mlflow/sink/event-mapping';

const quiet = { info: (): void => undefined, warn: (): void => undefined };
const base = { captureEnvironment: false as const, logger: quiet };

function trial(tracker: TrainingWorkflowTracker): TrainingWorkflowTracker {
  return tracker.startTraining('trial-1').registerDataset('d.csv', 3).registerFeatures(['a'], ['a']).registerModel('RF', 'trees');
}

describe('TrainingWorkflowTracker.registerSweep', () => {
  it('writes the parent run id to additional_values.sweep.parent_run_id, the later call winning', () => {
    const tracker = trial(new TrainingWorkflowTracker(base)).registerSweep('first').registerSweep('a'.repeat(32));
    expect(tracker.finalizeTraining().additionalValues?.['sweep']).to.deep.equal({ parent_run_id: 'a'.repeat(32) });
  });

  it('leaves additional_values.sweep out of a run that is no trial', () => {
    expect(trial(new TrainingWorkflowTracker(base)).finalizeTraining().additionalValues?.['sweep']).to.equal(undefined);
  });

  it('refuses an empty id and a call before startTraining', () => {
    expect(() => trial(new TrainingWorkflowTracker(base)).registerSweep('')).to.throw(InvalidArgumentError, 'parentRunId');
    expect(() => new TrainingWorkflowTracker(base).registerSweep('p')).to.throw(TrackerStateError);
  });

  it('is journaled: recover gives the recovered BOM the same sweep', async () => {
    const tracker = trial(new TrainingWorkflowTracker({ ...base, journal: { directory: mkdtempSync(join(tmpdir(), 'sweep-trial-')) } })).registerSweep("p'1");
    const path = tracker.journalPath as string;
    const r = await TrainingWorkflowTracker.recover(path, base);
    expect(r.bom?.additionalValues?.['sweep']).to.deep.equal({ parent_run_id: "p'1" });
  });

  it('is mirrored to MLflow as mlflow.parentRunId, which nests the trial under its sweep', () => {
    expect(mlflowDataOf({ type: 'sweep', parentRunId: 'abc' }).tags).to.deep.equal([{ key: 'mlflow.parentRunId', value: 'abc' }]);
  });
});
