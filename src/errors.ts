/**
 * The SDK's error hierarchy: every error it throws is a {@link TrainingBomError} with a stable `code`.
 * Messages and validation issues pass through the redaction policy (core/redaction.ts) here, once, so no
 * error can carry a URL's credentials or a signed URL's signature, whoever builds it.
 */
import { redactText } from './core/redaction';

/** One problem found while validating a BOM, located by its wire path. */
export interface ValidationIssue {
  /** Dot-separated wire path (`dataset_info.size`, `feature_info.original_features.1`); `''` is the document. */
  readonly path: string;
  /** What was wrong, in words. */
  readonly message: string;
}

/** How an issue's path is shown to people: the path, or `(document)` for the document itself. */
export function issueLocation(path: string): string {
  return path === '' ? '(document)' : path;
}

/** `context: N problems` and one indented `path: message` line per issue. */
function problemList(context: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((i) => `  ${issueLocation(i.path)}: ${i.message}`);
  return `${context}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
}

/** Stable machine-readable error codes. */
export type TrainingBomErrorCode = 'BOM_VALIDATION' | 'TRACKER_STATE' | 'INVALID_ARGUMENT';

/** Base class of every error the SDK throws; `code` is stable across releases; the message is redacted. */
export class TrainingBomError extends Error {
  /** Stable machine-readable code, e.g. `BOM_VALIDATION`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(redactText(message), options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A BOM (or part of one) failed validation; `issues` lists every problem with its wire path. */
export class BomValidationError extends TrainingBomError {
  /** Every problem found, in document order. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], context = 'Invalid training BOM') {
    // Messages quote input (cut strings, JSON.parse's excerpt), which may cut a surrogate pair: make them
    // well-formed so that they survive UTF-8 output unchanged. Paths keep keys exactly, as given.
    const clean = issues.map((i) => Object.freeze({ path: i.path, message: redactText(i.message.toWellFormed()) }));
    super('BOM_VALIDATION', problemList(context, clean));
    this.issues = Object.freeze(clean);
  }
}

/** A tracker method was called in a lifecycle state that does not allow it. */
export class TrackerStateError extends TrainingBomError {
  /** The method that was called, e.g. `logMetric`. */
  readonly call: string;
  /** The tracker's state at the time: `idle`, `running` or `finalized`. */
  readonly state: string;

  constructor(call: string, state: string, hint: string) {
    super('TRACKER_STATE', `${call}() is not allowed while the tracker is ${state}: ${hint}`);
    this.call = call;
    this.state = state;
  }
}

/** An argument to an SDK method had the wrong type or value (for example a non-number metric). */
export class InvalidArgumentError extends TrainingBomError {
  /** The argument's name as the method documents it. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super('INVALID_ARGUMENT', `${argument}: ${message}`);
    this.argument = argument;
  }
}

/** Stable codes of the MLflow client's errors (an extension of {@link TrainingBomErrorCode}). */
export type MlflowErrorCode = 'MLFLOW_HTTP' | 'MLFLOW_CONNECTION';

/** Where an MLflow call went: method, API path and how hard the client tried. Never holds credentials. */
export interface MlflowCallInfo {
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Path on the tracking server without the query, e.g. `/api/2.0/mlflow/runs/get`. */
  readonly path: string;
  /** Requests sent, retries included. */
  readonly attempts: number;
  /** Milliseconds from the first request to the error. */
  readonly elapsedMs: number;
}

/**
 * The MLflow server answered with an error status. `status` is the HTTP status, `errorCode` MLflow's
 * `error_code` (e.g. `RESOURCE_DOES_NOT_EXIST`), derived from the status when the body carries none.
 */
export class MlflowError extends TrainingBomError {
  /** HTTP status of the last response, e.g. 404. */
  readonly status: number;
  /** MLflow's `error_code`, e.g. `RESOURCE_DOES_NOT_EXIST` or `INVALID_PARAMETER_VALUE`. */
  readonly errorCode: string;
  /** The call that failed. */
  readonly call: MlflowCallInfo;

  constructor(status: number, errorCode: string, message: string, call: MlflowCallInfo, options?: { cause?: unknown }) {
    super('MLFLOW_HTTP', message, options);
    this.status = status;
    this.errorCode = errorCode;
    this.call = call;
  }
}

/**
 * Why no answer came: `invalid-url` (fetch refuses the URL, e.g. a "bad port" such as 9) and `tls`
 * (certificate not trusted, or no TLS where `https://` asked for it) are never retried; `unresolvable`
 * (DNS), `refused`, `network` (reset, closed, connect timeout) are; `timeout` (the call's deadline
 * expired) and `closed` (the client was closed meanwhile) end the call.
 */
export type MlflowConnectionReason = 'invalid-url' | 'tls' | 'unresolvable' | 'refused' | 'network' | 'timeout' | 'closed';

/** The MLflow server could not be reached, or the call ran out of time, before any answer arrived. */
export class MlflowConnectionError extends TrainingBomError {
  /** The tracking server's base URL with any credentials removed. */
  readonly url: string;
  /** True when the call's deadline (`MLFLOW_HTTP_REQUEST_TIMEOUT`) expired. */
  readonly timedOut: boolean;
  /** Why no answer came (the last attempt's reason). */
  readonly reason: MlflowConnectionReason;
  /** The call that failed. */
  readonly call: MlflowCallInfo;

  constructor(url: string, timedOut: boolean, message: string, call: MlflowCallInfo, options?: { cause?: unknown; reason?: MlflowConnectionReason }) {
    super('MLFLOW_CONNECTION', message, options !== undefined && 'cause' in options ? { cause: options.cause } : undefined);
    this.url = url;
    this.timedOut = timedOut;
    this.reason = options?.reason ?? (timedOut ? 'timeout' : 'network');
    this.call = call;
  }
}

/** Stable code of {@link MlflowUnavailableError} (an extension of {@link TrainingBomErrorCode}). */
export type MlflowUnavailableErrorCode = 'MLFLOW_UNAVAILABLE';

/**
 * Reported (never thrown) by `MlflowRunSink` once per outage, at the first failed attempt: MLflow does not
 * answer, the points wait (in the journal `journalPath`, else in memory) and go out when it is back.
 * `cause` is what the attempt met.
 */
export class MlflowUnavailableError extends TrainingBomError {
  /** The tracking server's base URL with any credentials removed. */
  readonly url: string;
  /** The journal holding the points, when the run keeps one. */
  readonly journalPath: string | undefined;

  constructor(url: string, journalPath: string | undefined, message: string, options?: { cause?: unknown }) {
    super('MLFLOW_UNAVAILABLE', message, options);
    this.url = url;
    this.journalPath = journalPath;
  }
}

/** Stable code of {@link StandardsFormatError} (an extension of {@link TrainingBomErrorCode}). */
export type StandardsErrorCode = 'STANDARDS_FORMAT';

/**
 * A CycloneDX or SPDX document could not be written or read as a training BOM: `issues` locate every
 * problem by its path in that document (`formulation.0.workflows.0.uid`, `components.1.bom-ref`).
 */
export class StandardsFormatError extends TrainingBomError {
  /** Which standard the document follows: `cyclonedx` or `spdx3`. */
  readonly format: 'cyclonedx' | 'spdx3';
  /** Every problem found, with its path in the standard's document. */
  readonly issues: readonly ValidationIssue[];

  constructor(format: 'cyclonedx' | 'spdx3', context: string, issues: readonly ValidationIssue[]) {
    super('STANDARDS_FORMAT', problemList(context, issues));
    this.format = format;
    this.issues = Object.freeze(issues.map((i) => Object.freeze({ path: i.path, message: redactText(i.message) })));
  }
}

/** Stable code of {@link DatasetAccessError} (an extension of {@link TrainingBomErrorCode}). */
export type DatasetErrorCode = 'DATASET_ACCESS';

/**
 * Why a dataset could not be used: `not-found`, `not-readable` (permissions), `not-supported` (neither a
 * regular file nor a directory, e.g. a FIFO), `invalid-origin` (an unusable URI), `io-error` (reading
 * failed), `unreachable` (no HTTP answer) or `http-status` (an HTTP error status).
 */
export type DatasetAccessReason = 'not-found' | 'not-readable' | 'not-supported' | 'invalid-origin' | 'io-error' | 'unreachable' | 'http-status';

/**
 * A dataset could not be read or reached when it was inspected, before any training time was spent.
 * `origin` is the dataset's origin without credentials.
 */
export class DatasetAccessError extends TrainingBomError {
  /** The origin as given, redacted (`user:password@` and signed-URL credentials replaced). */
  readonly origin: string;
  /** Why, as a stable string. */
  readonly reason: DatasetAccessReason;
  /** The file or directory inside a dataset directory that failed, when it is not the origin itself. */
  readonly path: string | undefined;
  /** The HTTP status when `reason` is `http-status`. */
  readonly status: number | undefined;

  constructor(origin: string, reason: DatasetAccessReason, message: string, options?: { cause?: unknown; path?: string; status?: number }) {
    super('DATASET_ACCESS', message, options);
    this.origin = redactText(origin);
    this.reason = reason;
    this.path = options?.path;
    this.status = options?.status;
  }
}

/** Stable code of {@link JournalError} (an extension of {@link TrainingBomErrorCode}). */
export type JournalErrorCode = 'JOURNAL';

/**
 * A journal could not be used to recover or resume a run: the file is missing or not a journal, it holds
 * no run, or the run it holds cannot continue (resuming a finalized run). `path` is the journal's path.
 */
export class JournalError extends TrainingBomError {
  /** The journal file. */
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('JOURNAL', `${path}: ${message}`, options);
    this.path = path;
  }
}

/** Stable code of {@link HistoryFormatError} (an extension of {@link TrainingBomErrorCode}). */
export type HistoryErrorCode = 'HISTORY_FORMAT';

/**
 * Stored metric history (docs/history-format.md) could not be read: not that format, a version this SDK does
 * not know, truncated, corrupt (checksum, compressed data, counts that disagree) or over the reader's limits.
 * `offset` is the byte where the problem was found and `field` names what was being read there.
 */
export class HistoryFormatError extends TrainingBomError {
  /** The field being read (`magic`, `metrics.3.values`, `checksum`…). */
  readonly field: string;
  /** The byte offset in the file where reading failed. */
  readonly offset: number;

  constructor(field: string, offset: number, message: string, options?: { cause?: unknown }) {
    super('HISTORY_FORMAT', `metric history: ${field} at byte ${offset}: ${message}`, options);
    this.field = field;
    this.offset = offset;
  }
}

/** Stable code of {@link AttestationError} (an extension of {@link TrainingBomErrorCode}). */
export type AttestationErrorCode = 'ATTESTATION';

/**
 * Why an attestation could not be made or was refused: `key` (unreadable, unsupported or wrong-kind key,
 * wrong passphrase), `no-subjects` (a BOM with no model artifact and no explicit subjects), `envelope`
 * (not a DSSE envelope: JSON, shape, size, base64), `signature` (no signature verifies with the given
 * keys), `payload-type`, `statement` (not an in-toto Statement v1), `predicate` (the predicate is not a
 * valid BOM, SLSA Provenance v1 or CycloneDX document), `subject` (a file matches no subject, or a
 * subject's digest differs) and `artifact` (a file to check could not be read).
 */
export type AttestationFailure = 'key' | 'no-subjects' | 'envelope' | 'signature' | 'payload-type' | 'statement' | 'predicate' | 'subject' | 'artifact';

/**
 * A BOM could not be signed, or an attestation did not verify; `reason` says which check failed and the
 * message names what did not match (which signature, which subject, which file). Never holds key material.
 */
export class AttestationError extends TrainingBomError {
  /** Which check failed, as a stable string. */
  readonly reason: AttestationFailure;

  constructor(reason: AttestationFailure, message: string) {
    super('ATTESTATION', message);
    this.reason = reason;
  }
}
