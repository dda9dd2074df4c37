import { spawnSync } from 'node:child_process';
import type { GitInfo } from '../../models/environment-info';
import { redactText, withoutUserinfo } from '../../core/redaction';

/**
 * Runs git with settings safe in a repository we do not control: no fsmonitor hook (a repository's
 * `core.fsmonitor` would run a command of its choosing), no optional index lock, no prompt, C locale.
 * Returns stdout, or `undefined` when git is missing, fails or times out.
 */
function git(cwd: string, args: readonly string[], timeoutMs: number): string | undefined {
  const r = spawnSync('git', ['-c', 'core.fsmonitor=false', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    windowsHide: true,
  });
  return r.error === undefined && r.status === 0 ? r.stdout : undefined;
}

function pickRemote(urls: ReadonlyMap<string, string>, upstream: string | undefined): string | null {
  const byUpstream = upstream === undefined ? undefined : [...urls.keys()].find((name) => upstream.startsWith(`${name}/`));
  const name = byUpstream ?? (urls.has('origin') ? 'origin' : [...urls.keys()][0]);
  return name === undefined ? null : redactText(withoutUserinfo(urls.get(name) as string));
}

/**
 * The commit, branch, dirty flag and remote of the git checkout at `cwd`, with two git processes
 * (`status --porcelain=v2 --branch` and `config --get-regexp`); `null` when git is not installed, `cwd`
 * is not in a repository, or git refuses it (e.g. `safe.directory`).
 */
export function captureGit(cwd: string, timeoutMs: number): GitInfo | null {
  const status = git(cwd, ['status', '--porcelain=v2', '--branch', '--untracked-files=no'], timeoutMs);
  if (status === undefined) return null;
  const lines = status.split('\n').filter((l) => l !== '');
  const value = (key: string): string | undefined => lines.find((l) => l.startsWith(`# ${key} `))?.slice(key.length + 3);
  const oid = value('branch.oid');
  const head = value('branch.head');
  const urls = new Map<string, string>();
  const config = git(cwd, ['config', '--get-regexp', '^remote\\..*\\.url$'], timeoutMs) ?? '';
  for (const line of config.split('\n')) {
    const m = /^remote\.(.+)\.url (.+)$/.exec(line);
    if (m !== null && !urls.has(m[1])) urls.set(m[1], m[2]);
  }
  return {
    commit: oid === undefined || oid === '(initial)' ? null : oid,
    branch: head === undefined || head === '(detached)' ? null : head,
    dirty: lines.some((l) => !l.startsWith('#')),
    remote: pickRemote(urls, value('branch.upstream')),
  };
}
