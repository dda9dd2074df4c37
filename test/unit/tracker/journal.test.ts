import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { BomValidationError, JournalError, TrainingWorkflowTracker, type Logger, type TrackerSink } from '../../../src';
import { crc32 } from 'node:zlib';
import { FakeClock } from '../../helpers/fake-clock';

const dir = (): string => mkdtempSync(join(tmpdir(), 'training-bom-tracker-journal-'));

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (m) => warnings.push(m) };
}

const base = { captureEnvironment: false as const };

/** Recomputes the CRC of the JSON frame holding byte `at` (frames: u32 length, u32 CRC-32, u8 kind, payload). */
function fixCrc(bytes: Buffer, at: number): Buffer {
  let offset = bytes.indexOf('\n') + 1;
  while (offset < bytes.length) {
    const length = bytes.readUInt32LE(offset);
    const end = offset + 9 + length;
    if (at >= offset && at < end) {
      bytes.writeUInt32LE(crc32(bytes.subarray(offset + 9, end)) >>> 0, offset + 4);
      return bytes;
    }
    offset = end;
  }
  throw new Error('no frame holds that byte');
}

/** A run cut short: everything registered, `points` points of two metrics, not finalized, journal not closed. */
function crashedRun(directory: string, points: number, clock = new FakeClock()): { path: string; tracker: TrainingWorkflowTracker } {
  const tracker = new TrainingWorkflowTracker({ ...base, clock, logger: recordingLogger(), journal: { directory, durable: true } });
  tracker.startTraining('run/1').registerDataset('s3://bucket/data.parquet', 100).registerFeatures(['a', 'b'], ['a']).registerModel('RF', 'trees');
  tracker.logParameters({ lr: 0.1, api_key: 'sk-live-123' }).registerSeed('numpy', 7).logDataQuality('missing_ratio', 0.01);
  for (let i = 0; i < points; i++) {
    clock.advance(10);
    tracker.logMetric(i % 2 === 0 ? 'loss' : 'acc', i, i);
  }
  return { path: tracker.journalPath as string, tracker };
}

describe('tracker journal', () => {
  it('is off without sinks, on with a sink, and on when asked for', () => {
    const directory = dir();
    const sink: TrackerSink = {};
    const without = new TrainingWorkflowTracker({ ...base, journal: undefined }).startTraining('a');
    const withSink = new TrainingWorkflowTracker({ ...base, sinks: [sink], journal: { directory } }).startTraining('b');
    const asked = new TrainingWorkflowTracker({ ...base, journal: { directory } }).startTraining('c');
    const refused = new TrainingWorkflowTracker({ ...base, sinks: [sink], journal: false }).startTraining('d');
    expect(without.journalPath).to.equal(undefined);
    expect(refused.journalPath).to.equal(undefined);
    expect(withSink.journalPath).to.equal(join(directory, 'b.journal'));
    expect(asked.journalPath).to.equal(join(directory, 'c.journal'));
  });

  it('names the file by the BOM id so that no id leaves the directory, and never overwrites a journal', () => {
    const directory = dir();
    const first = new TrainingWorkflowTracker({ ...base, journal: { directory } }).startTraining('../x');
    const second = new TrainingWorkflowTracker({ ...base, journal: { directory } }).startTraining('../x');
    const hashed = `id-${createHash('sha256').update('../x').digest('hex').slice(0, 32)}.journal`;
    expect(first.journalPath).to.equal(join(directory, hashed));
    expect(second.journalPath).to.equal(join(directory, `${hashed}.1`));
    const stored = new TrainingWorkflowTracker({ ...base, journal: { directory } }).startTraining('fraud v3.2');
    expect(stored.journalPath, 'named as the store names the BOM').to.equal(join(directory, 'fraud%20v3.2.journal'));
  });

  it('deletes the journal when a finalized run is closed with everything delivered, unless kept', async () => {
    const directory = dir();
    for (const keep of [false, true]) {
      const tracker = new TrainingWorkflowTracker({ ...base, journal: { directory, keep } });
      tracker.startTraining(`k-${keep}`).registerDataset('o', 1).registerFeatures(['a'], ['a']).registerModel('m', 'x');
      tracker.finalizeTraining();
      const path = tracker.journalPath as string;
      const report = await tracker.close();
      expect(existsSync(path)).to.equal(keep);
      expect(report).to.deep.equal({ complete: true, sinks: [], journalPath: keep ? path : undefined });
    }
  });

  it('keeps the journal, and says so, when the run is closed without finalizing', async () => {
    const logger = recordingLogger();
    const tracker = new TrainingWorkflowTracker({ ...base, logger, journal: { directory: dir() } });
    tracker.startTraining('abandoned');
    const report = await tracker.close();
    expect(report.journalPath).to.equal(tracker.journalPath);
    expect(existsSync(report.journalPath as string)).to.equal(true);
    expect(logger.warnings.join()).to.contain('closed without finalizing');
  });

  it('goes on without a journal, with a warning, when the file cannot be created', () => {
    const logger = recordingLogger();
    const tracker = new TrainingWorkflowTracker({ ...base, logger, journal: { path: '/proc/version/x.journal' } });
    tracker.startTraining('r').logMetric('loss', 1);
    expect(tracker.journalPath).to.equal(undefined);
    expect(logger.warnings[0]).to.contain('training goes on without it');
  });

  it('never holds a redacted secret', () => {
    const { path } = crashedRun(dir(), 2);
    const text = readFileSync(path, 'latin1');
    expect(text).to.not.contain('sk-live-123');
    expect(text).to.contain('***REDACTED***');
  });

  describe('recover', () => {
    it('rebuilds the run and finalizes a BOM marked as recovered, ending at the last journaled point', async () => {
      const clock = new FakeClock();
      const { path } = crashedRun(dir(), 1000, clock);
      const r = await TrainingWorkflowTracker.recover(path, { ...base, logger: recordingLogger(), clock: new FakeClock(clock.ms + 60_000) });
      const bom = r.bom as NonNullable<typeof r.bom>;
      expect(r.recovered).to.equal(true);
      expect(r.points).to.equal(1000);
      expect(bom.id).to.equal('run/1');
      expect(bom.endTime).to.equal(new Date(clock.ms).toISOString());
      expect(bom.mlflowParams).to.deep.equal({ lr: 0.1, api_key: '***REDACTED***' });
      expect(bom.mlflowMetrics).to.deep.equal({ loss: 998, acc: 999 });
      expect(bom.featureInfo.selectedFeatures).to.deep.equal(['a']);
      expect(bom.additionalValues?.['seeds']).to.deep.equal({ numpy: 7 });
      expect(bom.additionalValues?.['recovery']).to.deep.include({ journal_points: 1000, torn_bytes: 0, end_time: 'last journal record' });
      expect(r.delivery.journalPath, 'recover keeps the journal').to.equal(path);
    });

    it('skips a torn last record with a warning and recovers the rest', async () => {
      const { path } = crashedRun(dir(), 100);
      truncateSync(path, statSync(path).size - 3);
      const logger = recordingLogger();
      const r = await TrainingWorkflowTracker.recover(path, { ...base, logger });
      expect(r.points).to.equal(99);
      expect(r.warnings).to.have.length(1);
      expect(logger.warnings.join()).to.contain('skipped the last');
      expect(r.bom?.additionalValues?.['recovery']).to.deep.include({ torn_bytes: 33 - 3 });
    });

    it('gives the same BOM when recovering twice', async () => {
      const { path } = crashedRun(dir(), 10);
      const first = await TrainingWorkflowTracker.recover(path, base);
      const second = await TrainingWorkflowTracker.recover(path, base);
      expect(second.bom?.toJSON()).to.deep.equal(first.bom?.toJSON());
      expect(second.recovered).to.equal(true);
    });

    it('gives a run finalized before the crash its own BOM, not marked recovered', async () => {
      const { path, tracker } = crashedRun(dir(), 10);
      const bom = tracker.finalizeTraining();
      const r = await TrainingWorkflowTracker.recover(path, base);
      expect(r.recovered).to.equal(false);
      expect(r.bom?.toJSON()).to.deep.equal(bom.toJSON());
    });

    it('says what is missing instead of a BOM when a section was never registered', async () => {
      const directory = dir();
      const tracker = new TrainingWorkflowTracker({ ...base, journal: { directory } });
      tracker.startTraining('early').registerDataset('o', 1);
      tracker.logMetric('loss', 1);
      const r = await TrainingWorkflowTracker.recover(tracker.journalPath as string, { ...base, logger: recordingLogger() });
      expect(r.bom).to.equal(undefined);
      expect(r.issues.map((i) => i.path)).to.deep.equal(['feature_info', 'model_info']);
    });

    it('refuses a journal with no started run, and a file that is not a journal', async () => {
      const directory = dir();
      const path = join(directory, 'empty.journal');
      writeFileSync(path, 'training-bom journal v1\n');
      let error: unknown;
      await TrainingWorkflowTracker.recover(path, base).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(JournalError).with.property('message').that.contains('holds no started run');
    });
  });

  describe('resume', () => {
    it('continues a crashed run with its whole history and appends to the same journal', () => {
      const clock = new FakeClock();
      const { path } = crashedRun(dir(), 100, clock);
      const tracker = TrainingWorkflowTracker.resume(path, { ...base, clock: clock.advance(1000) });
      expect(tracker.state).to.equal('running');
      expect(tracker.id).to.equal('run/1');
      expect(tracker.metricHistory('loss')?.length).to.equal(50);
      tracker.logMetric('loss', -1, 100);
      const bom = tracker.finalizeTraining();
      expect(bom.mlflowMetrics['loss']).to.equal(-1);
      expect(bom.startTime).to.equal(new Date(Date.UTC(2024, 8, 5, 10, 0, 0)).toISOString());
      expect(bom.additionalValues?.['recovery']).to.equal(undefined);
      const name = `id-${createHash('sha256').update('run/1').digest('hex').slice(0, 32)}.journal`;
      expect(readdirSync(join(path, '..')).sort()).to.deep.equal([name, `${name}.lock`]);
    });

    it('replays the journal into the same run state the crashed tracker had (one reducer for both)', () => {
      const clock = new FakeClock();
      const { path, tracker: crashed } = crashedRun(dir(), 40, clock);
      const live = crashed.finalizeTraining().toJSON() as Record<string, unknown>;
      // The same journal, cut before its finalize record, replays into a run that finalizes to the same BOM.
      const { path: other } = crashedRun(dir(), 40, new FakeClock());
      const resumed = TrainingWorkflowTracker.resume(other, { ...base, clock: new FakeClock().advance(400) });
      const replayed = resumed.finalizeTraining().toJSON() as Record<string, unknown>;
      expect(replayed).to.deep.equal(live);
      expect(path).to.not.equal(other);
    });

    it('brings the sinks of a resumed run up to date with every kind of event, seeds and data quality included', () => {
      const { path } = crashedRun(dir(), 4);
      const seen: string[] = [];
      const sink: TrackerSink = { onEvent: (e) => void seen.push(e.type === 'seed' ? `seed:${e.name}=${e.value}` : e.type === 'data_quality' ? `dq:${e.key}=${JSON.stringify(e.value)}` : e.type) };
      TrainingWorkflowTracker.resume(path, { ...base, sinks: [sink] });
      expect(seen).to.deep.equal(['start', 'dataset', 'features', 'model', 'params', 'seed:numpy=7', 'dq:missing_ratio=0.01']);
    });

    it('skips a journal record that no longer holds a valid section, with a warning, and keeps the rest', () => {
      const directory = dir();
      const tracker = new TrainingWorkflowTracker({ ...base, journal: { directory, durable: true } });
      tracker.startTraining('bad-record').registerDataset('o', 1000).registerModel('m', 'x').logMetric('loss', 1, 1);
      const path = tracker.journalPath as string;
      // A negative size, same length, checksum made right: a well-formed frame that no longer holds a valid dataset.
      const bytes = readFileSync(path);
      const at = bytes.indexOf('"size":1000');
      bytes.write('"size":-100', at, 'latin1');
      writeFileSync(path, fixCrc(bytes, at));
      const logger = recordingLogger();
      const resumed = TrainingWorkflowTracker.resume(path, { ...base, logger });
      expect(resumed.metricHistory('loss')?.length).to.equal(1);
      expect(logger.warnings.join('\n')).to.contain('skipped a dataset record that is not valid');
      expect(() => resumed.registerFeatures(['a'], ['a']).finalizeTraining()).to.throw(BomValidationError, 'dataset_info');
    });

    it('refuses to resume a finalized run', () => {
      const { path, tracker } = crashedRun(dir(), 1);
      tracker.finalizeTraining();
      expect(() => TrainingWorkflowTracker.resume(path, base)).to.throw(JournalError, 'was finalized');
    });
  });

  describe('lock', () => {
    /** A pid that is alive (this test's own child) or dead (one that has exited). */
    function childPid(keepAlive: boolean): { pid: number; stop: () => void } {
      const child = spawnSync(process.execPath, ['-e', '0']);
      if (!keepAlive) return { pid: child.pid, stop: () => undefined };
      const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      return { pid: live.pid as number, stop: () => void live.kill('SIGKILL') };
    }

    it('refuses to resume or recover a journal another live process is writing', async () => {
      const { path } = crashedRun(dir(), 3);
      const other = childPid(true);
      try {
        writeFileSync(`${path}.lock`, JSON.stringify({ pid: other.pid, host: hostname() }));
        expect(() => TrainingWorkflowTracker.resume(path, base)).to.throw(JournalError, `is being written by process ${other.pid}`);
        let error: unknown;
        await TrainingWorkflowTracker.recover(path, base).catch((e: unknown) => (error = e));
        expect(error).to.be.instanceOf(JournalError);
      } finally {
        other.stop();
      }
    });

    it('refuses a lock held on another host, naming the lock file to delete', () => {
      const { path } = crashedRun(dir(), 3);
      writeFileSync(`${path}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere.example' }));
      expect(() => TrainingWorkflowTracker.resume(path, base)).to.throw(JournalError, 'delete the lock file');
    });

    it('takes over the stale lock of a crashed process and releases it at close', async () => {
      const { path } = crashedRun(dir(), 3);
      writeFileSync(`${path}.lock`, JSON.stringify({ pid: childPid(false).pid, host: hostname() }));
      const r = await TrainingWorkflowTracker.recover(path, { ...base, logger: recordingLogger() });
      expect(r.bom).to.not.equal(undefined);
      expect(existsSync(`${path}.lock`)).to.equal(false);
    });
  });
});
