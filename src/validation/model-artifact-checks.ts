import { describeValue } from './messages';
import { F, type FactCheck } from './fact-checks';

/** Longest model-artifact name, in characters (code points; Linux's PATH_MAX is 4096 bytes). */
export const MAX_ARTIFACT_NAME_LENGTH = 4096;

// C0 controls, DEL and the backslash (a separator on Windows) never appear in a name.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/**
 * What is wrong with a model-artifact name, or undefined when it is a safe relative path: not empty, at most
 * {@link MAX_ARTIFACT_NAME_LENGTH} characters, well-formed Unicode, `/`-separated segments none of which is empty,
 * `.` or `..`, and no control character or backslash. A verifier opens `<root>/<name>`: a name may never
 * leave the root.
 */
export function artifactNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_ARTIFACT_NAME_LENGTH) {
    const characters = [...name].length;
    if (characters > MAX_ARTIFACT_NAME_LENGTH) return `is ${characters} characters long, longer than the limit of ${MAX_ARTIFACT_NAME_LENGTH}`;
  }
  if (!name.isWellFormed()) return 'is not well-formed Unicode (a lone surrogate)';
  if (FORBIDDEN.test(name)) return 'holds a control character or a backslash';
  if (name.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return "must be a relative '/'-separated path without empty, '.' or '..' segments";
  }
  return undefined;
}

const name: FactCheck = (value, path, out) => {
  if (typeof value !== 'string') out.add(path, `must be a string, got ${describeValue(value)}`);
  else {
    const problem = artifactNameProblem(value);
    if (problem !== undefined) out.add(path, `${problem}, got ${describeValue(value)}`);
  }
};

/** Orders strings by code point (UTF-16 `<` does not: a surrogate pair sorts below U+E000-U+FFFF there). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const artifact = F.shape({ name, digest: F.digest, bytes: F.count }, ['name', 'digest', 'bytes']);

/**
 * `additional_values.model_artifacts`: an array of `{name, digest, bytes}` (other keys free), sorted by
 * name in code-point order with no name twice.
 */
export const MODEL_ARTIFACTS: FactCheck = (value, path, out) => {
  F.arrayOf(artifact)(value, path, out);
  if (!Array.isArray(value)) return;
  let previous: string | undefined;
  value.forEach((item: unknown, i) => {
    const current = (item as { name?: unknown } | null)?.name;
    if (typeof current !== 'string') return;
    if (previous !== undefined && compareCodePoints(previous, current) >= 0) {
      out.add(`${path}.${i}.name`, previous === current ? `repeats the name ${JSON.stringify(current)}` : `must sort after ${JSON.stringify(previous)} (names in code-point order)`);
    }
    previous = current;
  });
};

/**
 * The JSON Schema of `additional_values.model_artifacts` (one artifact's shape; order and uniqueness of
 * names are beyond JSON Schema). The name pattern is {@link artifactNameProblem} as a regular expression.
 */
export const MODEL_ARTIFACTS_JSON_SCHEMA = Object.freeze({
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'digest', 'bytes'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: MAX_ARTIFACT_NAME_LENGTH,
        pattern: '^(?!/)(?!.*//)(?!.*/$)(?!(?:.*/)?\\.\\.?(?:/|$))[^\\u0000-\\u001f\\u007f\\\\\\uD800-\\uDFFF]+$',
        description: "The file's path relative to the registration's root, '/'-separated, no empty, '.' or '..' segment.",
      },
      digest: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$', description: "'sha256:' and the file's SHA-256 in lower-case hex." },
      bytes: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "The file's size in bytes." },
    },
  },
  description: 'The files the run produced (TrainingWorkflowTracker.registerModelArtifact), sorted by name in code-point order, each name once.',
});
