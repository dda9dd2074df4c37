import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { isPlainObject } from './json-value';
import { IssueCollector } from './locators';
import { REPRODUCIBILITY_FACTS } from './reproducibility-facts-shape';

function locate(value: unknown): IssueCollector {
  const out = new IssueCollector();
  if (isPlainObject(value)) REPRODUCIBILITY_FACTS(value, '', out);
  return out;
}

/**
 * The facts the SDK records in `additional_values` (`dataset`, `environment`, `seeds`, `data_quality`,
 * `anomalies`, `model_artifacts`) must have their documented types when present. Passes when the property is not a
 * dictionary: the dictionary rule reports that.
 */
export function HasReproducibilityFacts(options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: 'hasReproducibilityFacts',
    validate: (value) => locate(value).issues.length === 0,
    message: () => 'must hold the reproducibility facts with their documented types',
    locate: (value) => locate(value).done(),
  }, options);
}
