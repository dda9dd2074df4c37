/** The checks of where and with what the run was made: the machine, the software, the model files it produced. */
import { BomValidationError } from '../errors';
import { modelArtifactsOf } from '../models/model-artifact';
import { isJsonObject, ownChild } from '../core/json-child';
import { Found, names, nonEmpty, short, type EvidenceCheck } from './evidence-check';

const GIB = 1024 ** 3;

function environment(bom: { additionalValues?: unknown }): unknown {
  return ownChild(bom.additionalValues, 'environment');
}

/** `compute`: `additional_values.environment` cpu, memory and os, or the ranks of `additional_values.distributed`. */
export const compute: EvidenceCheck = {
  title: 'the machine the run used',
  hint: 'the tracker captures the environment at startTraining (leave captureEnvironment on); distributed runs: tracker.recordRanks(report)',
  run({ bom }) {
    const found = new Found();
    const env = environment(bom);
    const cpu = ownChild(env, 'cpu');
    const count = ownChild(cpu, 'count');
    const cpuModel = nonEmpty(ownChild(cpu, 'model'));
    found.add('additional_values.environment.cpu', typeof count === 'number' ? `${count} × ${cpuModel === undefined ? 'unknown CPU' : short(cpuModel, 60)}` : undefined);
    const memory = ownChild(env, 'memory');
    found.add('additional_values.environment.memory', typeof memory === 'number' && memory > 0 ? `${(memory / GIB).toFixed(1)} GiB` : undefined);
    const os = ownChild(env, 'os');
    const platform = nonEmpty(ownChild(os, 'platform'));
    if (platform !== undefined) found.add('additional_values.environment.os', short([platform, nonEmpty(ownChild(os, 'arch')), nonEmpty(ownChild(os, 'release'))].filter((x) => x !== undefined).join(' '), 60));
    const distributed = ownChild(bom.additionalValues, 'distributed');
    const ranks = ownChild(distributed, 'ranks');
    if (Array.isArray(ranks) && ranks.length > 0) {
      found.add('additional_values.distributed.ranks', `${ranks.length} rank${ranks.length === 1 ? '' : 's'}`);
      if (found.missing.length > 0) return { status: 'answered', fields: found.fields, missing: [] };   // each rank records its own machine
    }
    return found.outcome();
  },
};

/** `software`: `additional_values.environment` node, packages, lockfile and git commit. */
export const software: EvidenceCheck = {
  title: 'the software the run used',
  hint: 'the tracker captures it at startTraining (leave captureEnvironment on); run from a git checkout with a lockfile',
  run({ bom }) {
    const found = new Found();
    const env = environment(bom);
    const node = nonEmpty(ownChild(env, 'node'));
    found.add('additional_values.environment.node', node === undefined ? undefined : short(node, 40));
    const packages = ownChild(env, 'packages');
    const packageNames = isJsonObject(packages) ? Object.keys(packages) : [];
    const lockfile = ownChild(env, 'lockfile');
    const lockDigest = nonEmpty(ownChild(lockfile, 'digest'));
    const lockName = nonEmpty(ownChild(lockfile, 'name'));
    if (packageNames.length > 0) found.add('additional_values.environment.packages', `${packageNames.length}: ${names(packageNames)}`);
    found.add('additional_values.environment.lockfile', lockDigest === undefined ? undefined : short(`${lockName ?? 'lockfile'} ${lockDigest}`, 100));
    const commit = nonEmpty(ownChild(ownChild(env, 'git'), 'commit'));
    const dirty = ownChild(ownChild(env, 'git'), 'dirty') === true;
    found.add('additional_values.environment.git.commit', commit === undefined ? undefined : `${short(commit, 64)}${dirty ? ' (with uncommitted changes)' : ''}`);
    const outcome = found.outcome();
    return dirty && outcome.status === 'answered' ? { ...outcome, status: 'partial', problem: 'the working tree had uncommitted changes: the commit is not the code that ran' } : outcome;
  },
};

/** `model-artifacts`: `additional_values.model_artifacts`, the files the run produced with their SHA-256. */
export const modelArtifacts: EvidenceCheck = {
  title: 'the model files the run produced, by digest',
  hint: 'await tracker.registerModelArtifact(path) after saving the model',
  run({ bom }) {
    const found = new Found();
    let artifacts;
    try {
      artifacts = modelArtifactsOf(bom);
    } catch (error) {
      if (!(error instanceof BomValidationError)) throw error;
      found.add('additional_values.model_artifacts', 'malformed');
      return found.failed(short(error.issues.map((i) => `${i.path}: ${i.message}`).join('; '), 300));
    }
    found.add('additional_values.model_artifacts', artifacts.length === 0 ? undefined
      : `${artifacts.length} file${artifacts.length === 1 ? '' : 's'}: ${artifacts.slice(0, 3).map((a) => `${short(a.name, 40)} ${a.digest.slice(0, 19)}…`).join(', ')}${artifacts.length > 3 ? ', …' : ''}`);
    return found.outcome();
  },
};
