/**
 * The SDK's error hierarchy: every error it throws is a {@link TrainingBomError} with a stable `code`.
 */

/** One problem found while validating a BOM, located by its wire path. */
export interface ValidationIssue {
  /** Dot-separated wire path (`dataset_info.size`, `feature_info.original_features.1`); `''` is the document. */
  readonly path: string;
  /** What was wrong, in words. */
  readonly message: string;
}

/** Stable machine-readable error codes. */
export type TrainingBomErrorCode = 'BOM_VALIDATION' | 'TRACKER_STATE' | 'INVALID_ARGUMENT';

/** Base class of every error the SDK throws; `code` is stable across releases. */
export class TrainingBomError extends Error {
  /** Stable machine-readable code, e.g. `BOM_VALIDATION`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A BOM (or part of one) failed validation; `issues` lists every problem with its wire path. */
export class BomValidationError extends TrainingBomError {
  /** Every problem found, in document order. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], context = 'Invalid training BOM') {
    const lines = issues.map((i) => `  ${i.path === '' ? '(document)' : i.path}: ${i.message}`);
    super('BOM_VALIDATION', `${context}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.join('\n')}`);
    this.issues = Object.freeze(issues.map((i) => Object.freeze({ path: i.path, message: i.message })));
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
