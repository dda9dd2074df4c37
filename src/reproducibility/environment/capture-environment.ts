import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { captureGit } from './capture-git';
import type { CaptureEnvironmentOptions, EnvironmentInfo } from '../../models/environment-info';
import { findLockfile } from './find-lockfile';
import { isMlPackage } from './is-ml-package';
import { loadedPackages } from './loaded-packages';
import { PRODUCER } from '../../core/producer';
import { redactArgs } from './redact-args';


function scriptPath(cwd: string): string | null {
  const script = process.argv[1];
  if (script === undefined || script === '') return null;
  const rel = relative(cwd, script);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : script;
}

/**
 * Records the software and hardware of this process for reproducibility: Node and V8 versions, OS, CPU
 * model and count, memory, the command line (arguments only, secret-looking values masked), the git
 * commit, branch, dirty flag and credential-free remote, the lockfile's digest, and the versions of the
 * machine-learning packages loaded so far. Never reads environment variables. Synchronous: git runs as
 * two short child processes (about 10 ms); without git, `git` is `null`.
 */
export function captureEnvironment(options: CaptureEnvironmentOptions = {}): EnvironmentInfo {
  const cwd = options.cwd ?? process.cwd();
  const cpuList = cpus();
  return {
    producer: PRODUCER,
    node: process.version,
    v8: process.versions.v8,
    os: { platform: process.platform, arch: process.arch, type: type(), release: release() },
    cpu: { model: cpuList[0]?.model.trim() || null, count: availableParallelism() },
    memory: totalmem(),
    command: { script: scriptPath(cwd), args: redactArgs(process.argv.slice(2)), flags: redactArgs(process.execArgv) },
    git: options.git === false ? null : captureGit(cwd, options.gitTimeoutMs ?? 5000),
    lockfile: findLockfile(cwd),
    packages: loadedPackages(options.isMlPackage ?? isMlPackage, options.packages ?? [], cwd),
  };
}
