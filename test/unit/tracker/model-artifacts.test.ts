import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { expect } from 'chai';
import {
  InvalidArgumentError, modelArtifactsOf, TrackerStateError, TrainingWorkflowTracker, type Logger, type ModelArtifact, type RunEvent,
} from '../../../src';
import { eventOf, recordOf } from '../../../src/journal/event-records';
import type { JournalRecord } from '../../../src/journal/journal-record';
import { JournalState } from '../../../src/journal/journal-state';
import { FakeClock } from '../../helpers/fake-clock';

const quiet: Logger = { info: () => undefined, warn: () => undefined };
const base = { captureEnvironment: false as const, logger: quiet };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'training-bom-artifacts-'));

function digestOf(path: string): string {
  return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

function write(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

/** A saved model directory: model.json, weights/part-1.bin and weights/part-0.bin. */
function modelDirectory(): string {
  const dir = join(tmp(), 'model');
  mkdirSync(join(dir, 'weights'), { recursive: true });
  write(join(dir, 'model.json'), '{"format":"layers-model"}');
  write(join(dir, 'weights', 'part-1.bin'), 'b'.repeat(3000));
  write(join(dir, 'weights', 'part-0.bin'), 'a'.repeat(2 << 20));
  return dir;
}

function running(options = {}): TrainingWorkflowTracker {
  return new TrainingWorkflowTracker({ ...base, ...options }).startTraining('art').registerDataset('o', 1).registerFeatures(['a'], ['a']).registerModel('m', 'x');
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  expect.fail('the promise resolved');
}

describe('registerModelArtifact', () => {
  it('records a file by its name, streamed SHA-256 and size, in additional_values.model_artifacts', async () => {
    const file = write(join(tmp(), 'forest.json'), '{"trees":[]}');
    const tracker = running();
    const artifacts = await tracker.registerModelArtifact(file);
    expect(artifacts).to.deep.equal([{ name: 'forest.json', digest: digestOf(file), bytes: 12 }]);
    const bom = tracker.finalizeTraining();
    expect(bom.additionalValues?.['model_artifacts']).to.deep.equal(artifacts);
    expect(modelArtifactsOf(bom)).to.deep.equal(artifacts);
  });

  it('records every file of a directory, recursively, sorted, named relative to it with /', async () => {
    const dir = modelDirectory();
    const artifacts = await running().registerModelArtifact(dir);
    expect(artifacts.map((a) => a.name)).to.deep.equal(['model.json', 'weights/part-0.bin', 'weights/part-1.bin']);
    expect(artifacts[1]).to.deep.equal({ name: 'weights/part-0.bin', digest: digestOf(join(dir, 'weights', 'part-0.bin')), bytes: 2 << 20 });
  });

  it('names several paths relative to their deepest common directory, or to the root given', async () => {
    const dir = modelDirectory();
    const paths = [join(dir, 'weights', 'part-1.bin'), join(dir, 'model.json')];
    expect((await running().registerModelArtifact(paths)).map((a) => a.name)).to.deep.equal(['model.json', 'weights/part-1.bin']);
    const parent = join(dir, '..');
    expect((await running().registerModelArtifact(join(dir, 'model.json'), { root: parent })).map((a) => a.name)).to.deep.equal(['model/model.json']);
    expect((await running().registerModelArtifact(dir, { root: parent })).map((a) => a.name)).to.deep.equal([
      'model/model.json', 'model/weights/part-0.bin', 'model/weights/part-1.bin',
    ]);
  });

  it('refuses a path outside the root given', async () => {
    const dir = modelDirectory();
    const error = await rejection(running().registerModelArtifact(join(dir, 'model.json'), { root: join(dir, 'weights') }));
    expect(error).to.be.instanceOf(InvalidArgumentError).with.property('message').that.contains('is not inside the root');
  });

  it('takes the name of a single file from options.name, and refuses it for a directory or a bad name', async () => {
    const dir = modelDirectory();
    expect(await running().registerModelArtifact(join(dir, 'model.json'), { name: 'iris/model.json' })).to.have.nested.property('0.name', 'iris/model.json');
    expect(await rejection(running().registerModelArtifact(dir, { name: 'x' }))).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'options.name');
    for (const name of ['../x', '/abs', 'a\\b', '']) {
      const error = await rejection(running().registerModelArtifact(join(dir, 'model.json'), { name }));
      expect(error, name).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'options.name');
    }
  });

  it('replaces an artifact registered again under the same name and keeps the others', async () => {
    const dir = modelDirectory();
    const tracker = running();
    await tracker.registerModelArtifact(dir);
    write(join(dir, 'model.json'), '{"format":"layers-model","v":2}');
    await tracker.registerModelArtifact(join(dir, 'model.json'), { root: dir });
    const recorded = modelArtifactsOf(tracker.finalizeTraining());
    expect(recorded.map((a) => a.name)).to.deep.equal(['model.json', 'weights/part-0.bin', 'weights/part-1.bin']);
    expect(recorded[0]).to.deep.equal({ name: 'model.json', digest: digestOf(join(dir, 'model.json')), bytes: 31 });
  });

  describe('symbolic links and special files', () => {
    it('refuses a link inside a directory by default, naming it, and never follows it', async () => {
      const dir = modelDirectory();
      const outside = write(join(tmp(), 'secret.txt'), 'not part of the model');
      symlinkSync(outside, join(dir, 'weights', 'link.bin'));
      const error = await rejection(running().registerModelArtifact(dir));
      expect(error).to.be.instanceOf(InvalidArgumentError).with.property('message').that.contains(join(dir, 'weights', 'link.bin')).and.contains('symbolic link');
    });

    it("leaves links out with symlinks: 'skip'", async () => {
      const dir = modelDirectory();
      symlinkSync(join(dir, '..'), join(dir, 'up'));
      symlinkSync(join(dir, 'model.json'), join(dir, 'alias.json'));
      const artifacts = await running().registerModelArtifact(dir, { symlinks: 'skip' });
      expect(artifacts.map((a) => a.name)).to.deep.equal(['model.json', 'weights/part-0.bin', 'weights/part-1.bin']);
    });

    it('refuses a link given as the path itself', async () => {
      const dir = modelDirectory();
      symlinkSync(join(dir, 'model.json'), join(dir, 'alias.json'));
      expect((await rejection(running().registerModelArtifact(join(dir, 'alias.json'), { symlinks: 'skip' }))).message).to.contain('is a symbolic link');
    });

    it('refuses a FIFO (reading one would block)', async function () {
      const dir = modelDirectory();
      if (spawnSync('mkfifo', [join(dir, 'pipe')]).status !== 0) this.skip();
      expect((await rejection(running().registerModelArtifact(dir))).message).to.contain('neither a regular file nor a directory');
    });
  });

  it('refuses options of the wrong type, naming them', async () => {
    const file = write(join(tmp(), 'm.json'), '{}');
    const bad = [[{ root: '' }, 'options.root'], [{ root: 3 }, 'options.root'], [{ symlinks: 'follow' }, 'options.symlinks'], [{ name: 5 }, 'options.name']] as const;
    for (const [options, argument] of bad) {
      const error = await rejection(running().registerModelArtifact(file, options as never));
      expect(error, argument).to.be.instanceOf(InvalidArgumentError).with.property('argument', argument);
    }
    expect(await rejection(running().registerModelArtifact([file, 7] as never))).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'path');
  });

  it('refuses a missing path, an empty directory and an empty list', async () => {
    const dir = tmp();
    expect((await rejection(running().registerModelArtifact(join(dir, 'missing.json')))).message).to.contain('ENOENT');
    expect((await rejection(running().registerModelArtifact(dir))).message).to.contain('holds no files');
    expect((await rejection(running().registerModelArtifact([]))).message).to.contain('no path given');
  });

  it('is allowed only while running, and the run keeps nothing from a failed call', async () => {
    const file = write(join(tmp(), 'm.json'), '{}');
    expect(await rejection(new TrainingWorkflowTracker(base).registerModelArtifact(file))).to.be.instanceOf(TrackerStateError);
    const tracker = running();
    await rejection(tracker.registerModelArtifact([file, join(file, '..', 'missing')]));
    expect(tracker.finalizeTraining().additionalValues?.['model_artifacts']).to.equal(undefined);
  });

  it('logs how many files it registered, naming at most five', async () => {
    const dir = join(tmp(), 'many');
    mkdirSync(dir);
    for (let i = 0; i < 7; i++) write(join(dir, `f${i}.bin`), String(i));
    const lines: string[] = [];
    await running({ logger: { info: (m: string) => void lines.push(m), warn: () => undefined } }).registerModelArtifact(dir);
    expect(lines.at(-1)).to.equal('Registered 7 model artifacts: f0.bin, f1.bin, f2.bin, f3.bin, f4.bin, … 2 more');
  });

  it('is one artifact event, told to every sink', async () => {
    const seen: ModelArtifact[][] = [];
    const sink = { onEvent: (e: RunEvent): void => void (e.type === 'artifact' && seen.push([...e.artifacts])) };
    const dir = modelDirectory();
    const artifacts = await running({ sinks: [sink] }).registerModelArtifact(dir);
    expect(seen).to.deep.equal([artifacts]);
  });

  describe('journal', () => {
    function crashed(): { tracker: TrainingWorkflowTracker; path: string } {
      const tracker = running({ clock: new FakeClock(), journal: { directory: tmp(), durable: true } });
      return { tracker, path: tracker.journalPath as string };
    }

    it('round-trips an artifact event through its journal record, as JSON', () => {
      const event: RunEvent = { type: 'artifact', artifacts: [{ name: 'a/b.bin', digest: `sha256:${'e'.repeat(64)}`, bytes: 3 }, { name: 'c', digest: `sha256:${'0'.repeat(64)}`, bytes: 0 }] };
      const record = JSON.parse(JSON.stringify(recordOf(event))) as JournalRecord;
      expect(record).to.deep.equal({ type: 'artifact', artifacts: event.artifacts });
      expect(JournalState.holdsEvent(record)).to.equal(true);
      expect(eventOf(record)).to.deep.equal(event);
    });

    it('recovers the artifacts of a crashed run from its journal', async () => {
      const dir = modelDirectory();
      const { tracker, path } = crashed();
      const artifacts = await tracker.registerModelArtifact(dir);
      tracker.logMetric('loss', 1, 1);
      const r = await TrainingWorkflowTracker.recover(path, base);
      expect(r.recovered).to.equal(true);
      expect(modelArtifactsOf(r.bom as NonNullable<typeof r.bom>)).to.deep.equal(artifacts);
    });

    it('replays replacements in order and tells the sinks of a resumed run the artifacts in one event', async () => {
      const dir = modelDirectory();
      const { tracker, path } = crashed();
      await tracker.registerModelArtifact(dir);
      write(join(dir, 'model.json'), '{"v":3}');
      await tracker.registerModelArtifact(join(dir, 'model.json'));
      const seen: RunEvent[] = [];
      const resumed = TrainingWorkflowTracker.resume(path, { ...base, sinks: [{ onEvent: (e) => void seen.push(e) }] });
      const events = seen.filter((e) => e.type === 'artifact');
      expect(events).to.have.length(1);
      const recorded = modelArtifactsOf(resumed.finalizeTraining());
      expect(events[0]).to.deep.equal({ type: 'artifact', artifacts: recorded });
      expect(recorded.map((a) => [a.name, a.bytes])).to.deep.equal([['model.json', 7], ['weights/part-0.bin', 2 << 20], ['weights/part-1.bin', 3000]]);
    });

    it('skips an artifact record edited into an unsafe name, with a warning', async () => {
      const dir = modelDirectory();
      const { tracker, path } = crashed();
      await tracker.registerModelArtifact(join(dir, 'model.json'), { name: 'aa/model.json' });
      const bytes = readFileSync(path);
      const at = bytes.indexOf('"aa/model.json"');
      bytes.write('"../model.json"', at, 'latin1');
      let offset = bytes.indexOf('\n') + 1;
      while (offset < bytes.length) {
        const end = offset + 9 + bytes.readUInt32LE(offset);
        if (at >= offset && at < end) bytes.writeUInt32LE(crc32(bytes.subarray(offset + 9, end)) >>> 0, offset + 4);
        offset = end;
      }
      writeFileSync(path, bytes);
      const warnings: string[] = [];
      const resumed = TrainingWorkflowTracker.resume(path, { ...base, logger: { info: () => undefined, warn: (m) => void warnings.push(m) } });
      expect(warnings.join('\n')).to.contain('skipped an artifact record that is not valid').and.contain('artifacts.0.name');
      expect(modelArtifactsOf(resumed.finalizeTraining())).to.deep.equal([]);
    });
  });
});
