import { InvalidArgumentError } from '../errors';
import type { JsonDict, JsonValue } from '../core/json-types';
import { safeDict } from '../core/safe-dict';
import { checkJsonValue } from '../validation/json-value';
import { IssueCollector } from '../validation/locators';
import { MAX_KEY_LENGTH, tooLongKey } from '../validation/limits';
import { isWellFormedString, NOT_WELL_FORMED } from '../validation/well-formed';

/**
 * Checks a batch of parameters and copies it into a null-prototype dict, all or nothing.
 * @throws {@link InvalidArgumentError} naming the first bad `mlflow_params.<key>`.
 */
export function acceptParams(params: Readonly<Record<string, JsonValue>>): JsonDict {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InvalidArgumentError('params', 'must be an object of parameter names to values');
  }
  const accepted = safeDict() as JsonDict;
  for (const key of Object.keys(params)) {
    if (key === '') throw new InvalidArgumentError('mlflow_params', 'parameter names must be non-empty');
    if (key.length > MAX_KEY_LENGTH) throw new InvalidArgumentError('mlflow_params', tooLongKey(key));
    if (!isWellFormedString(key)) throw new InvalidArgumentError('mlflow_params', `parameter name ${NOT_WELL_FORMED}`);
    const problems = new IssueCollector();
    if (!checkJsonValue(params[key], 0, '', new Set(), problems)) {
      const first = problems.done()[0];
      throw new InvalidArgumentError(`mlflow_params.${key}${first.path === '' ? '' : `.${first.path}`}`, first.message);
    }
    accepted[key] = params[key];
  }
  return accepted;
}
