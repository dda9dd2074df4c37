/** The git checkout the training ran from. */
export interface GitInfo {
  /** The checked-out commit (40 or 64 hex digits), or `null` in a repository without commits. */
  readonly commit: string | null;
  /** The branch, or `null` on a detached HEAD. */
  readonly branch: string | null;
  /** Whether tracked files differ from the commit (staged or not); untracked files do not count. */
  readonly dirty: boolean;
  /** The URL of the branch's upstream remote (else `origin`, else the first), without credentials; or `null`. */
  readonly remote: string | null;
}

/** The lockfile nearest to the working directory. */
export interface LockfileInfo {
  /** Its file name: `package-lock.json`, `npm-shrinkwrap.json`, `yarn.lock`, `pnpm-lock.yaml`, `bun.lock` or `bun.lockb`. */
  readonly name: string;
  /** `sha256:` and the hex SHA-256 of its bytes. */
  readonly digest: string;
}

/**
 * The software and hardware a training ran on, as {@link captureEnvironment} records it under
 * `additional_values.environment` (every key is one word: TypeScript and wire names are the same).
 * Never holds environment-variable values or credentials.
 */
export interface EnvironmentInfo {
  /** This SDK, as `training-bom@<version>`. */
  readonly producer: string;
  /** `process.version`, e.g. `v20.20.2`. */
  readonly node: string;
  /** The V8 version. */
  readonly v8: string;
  /** Operating system. */
  readonly os: {
    /** `process.platform`, e.g. `linux`. */
    readonly platform: string;
    /** `process.arch`, e.g. `x64`. */
    readonly arch: string;
    /** `os.type()`, e.g. `Linux`. */
    readonly type: string;
    /** `os.release()`, the kernel release. */
    readonly release: string;
  };
  /** Processor. */
  readonly cpu: {
    /** Model name of the first CPU, or `null` when the OS does not tell. */
    readonly model: string | null;
    /** Logical CPUs available to the process. */
    readonly count: number;
  };
  /** Total memory in bytes. */
  readonly memory: number;
  /** How the process was started: script and arguments, with secret-looking values replaced by `***`. */
  readonly command: {
    /** The main script, relative to the working directory when inside it; `null` for `node -e` and the REPL. */
    readonly script: string | null;
    /** The script's arguments. */
    readonly args: readonly string[];
    /** Node's own flags (`process.execArgv`). */
    readonly flags: readonly string[];
  };
  /** The git checkout of the working directory, or `null` (no git, not a repository, not trusted by git). */
  readonly git: GitInfo | null;
  /** The nearest lockfile, or `null`. */
  readonly lockfile: LockfileInfo | null;
  /** Versions of the machine-learning packages the process has loaded, by package name. */
  readonly packages: Readonly<Record<string, string>>;
}

/** Options of {@link captureEnvironment}. */
export interface CaptureEnvironmentOptions {
  /** Directory for git and the lockfile search (default: `process.cwd()`). */
  readonly cwd?: string;
  /** Run git (default true). */
  readonly git?: boolean;
  /**
   * Which loaded packages count as machine-learning packages (default: `@tensorflow/*`,
   * `@tensorflow-models/*`, `ml-*`, onnxruntime, transformers.js, brain.js, danfo.js, synaptic, natural).
   */
  readonly isMlPackage?: (name: string) => boolean;
  /** More packages to record whether loaded or not, resolved from `cwd` (for ESM imports, which `require.cache` does not list). */
  readonly packages?: readonly string[];
  /** Milliseconds each git command may take (default 5,000). */
  readonly gitTimeoutMs?: number;
}
