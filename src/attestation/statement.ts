import { AttestationError } from '../errors';
import type { JsonDict } from '../core/json-types';
import { IN_TOTO_STATEMENT_TYPE, type AttestationPredicate, type AttestationSubject, type InTotoStatement, type StatementSubject } from './attestation-types';

const SHA256 = /^sha256:([0-9a-f]{64})$/;
const HEX64 = /^[0-9a-f]{64}$/;
/** Subjects one statement may list, a bound against hostile input. */
export const MAX_SUBJECTS = 100_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The statement's subjects from `name` + `sha256:<hex>` pairs, in the order given.
 * @throws {@link AttestationError} (`no-subjects`) when there is none or one is malformed.
 */
export function statementSubjects(subjects: readonly AttestationSubject[], from: string): StatementSubject[] {
  if (!Array.isArray(subjects)) throw new AttestationError('no-subjects', `${from} must be an array of { name, digest }`);
  return subjects.map((subject: AttestationSubject, index) => {
    if (!isPlainObject(subject) || typeof subject.name !== 'string' || subject.name === '') {
      throw new AttestationError('no-subjects', `${from}.${index}.name must be a non-empty string`);
    }
    const match = typeof subject.digest === 'string' ? SHA256.exec(subject.digest) : null;
    if (match === null) throw new AttestationError('no-subjects', `${from}.${index}.digest must be "sha256:" and 64 lowercase hex digits`);
    return { name: subject.name, digest: { sha256: match[1] } };
  });
}

/** An in-toto Statement v1 about `subjects` saying `predicate`. */
export function buildStatement(subjects: readonly StatementSubject[], predicate: AttestationPredicate): InTotoStatement {
  return { _type: IN_TOTO_STATEMENT_TYPE, subject: subjects, predicateType: predicate.predicateType, predicate: predicate.predicate };
}

/**
 * Checks that `value` (a parsed, signed payload) is an in-toto Statement v1 whose subjects each carry a
 * SHA-256 digest.
 * @throws {@link AttestationError} (`statement`) naming the first field that is wrong.
 */
export function checkStatement(value: unknown): InTotoStatement {
  const fail = (message: string): never => {
    throw new AttestationError('statement', `the payload is not an in-toto Statement v1: ${message}`);
  };
  if (!isPlainObject(value)) return fail('not a JSON object');
  if (value._type !== IN_TOTO_STATEMENT_TYPE) fail(`_type must be ${IN_TOTO_STATEMENT_TYPE}`);
  if (!Array.isArray(value.subject) || value.subject.length === 0) fail('subject must be a non-empty array');
  const subjects = value.subject as unknown[];
  if (subjects.length > MAX_SUBJECTS) fail(`more than ${MAX_SUBJECTS} subjects`);
  subjects.forEach((subject, index) => {
    if (!isPlainObject(subject)) return fail(`subject.${index} must be an object`);
    if (typeof subject.name !== 'string') fail(`subject.${index}.name must be a string`);
    if (!isPlainObject(subject.digest)) return fail(`subject.${index}.digest must be an object`);
    const sha256 = subject.digest.sha256;
    if (typeof sha256 !== 'string' || !HEX64.test(sha256)) fail(`subject.${index}.digest.sha256 must be 64 lowercase hex digits`);
  });
  if (typeof value.predicateType !== 'string' || value.predicateType === '') fail('predicateType must be a non-empty string');
  if (!isPlainObject(value.predicate)) fail('predicate must be an object');
  return value as unknown as InTotoStatement & { predicate: JsonDict };
}
