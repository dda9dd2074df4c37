import { registerDecorator } from './class-validator-core';
import type { ValidationOptions } from 'class-validator';
import { isPlainObject } from './json-value';
import { IssueCollector, registerLocator } from './locators';
import { REPRODUCIBILITY_FACTS } from './reproducibility-facts-shape';

const NAME = 'hasReproducibilityFacts';

function locate(value: unknown): IssueCollector {
  const out = new IssueCollector();
  if (isPlainObject(value)) REPRODUCIBILITY_FACTS(value, '', out);
  return out;
}

registerLocator(NAME, (value) => locate(value).done());

/**
 * The facts the SDK records in `additional_values` (`dataset`, `environment`, `seeds`, `data_quality`,
 * `anomalies`) must have their documented types when present. Passes when the property is not a
 * dictionary: the dictionary rule reports that.
 */
export function HasReproducibilityFacts(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: NAME,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => locate(value).issues.length === 0,
        defaultMessage: () => 'must hold the reproducibility facts with their documented types',
      },
    });
}
