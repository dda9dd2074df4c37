import type { ValidationArguments, ValidationOptions } from 'class-validator';
import { registerDecorator } from './class-validator-core';
import { registerLocator, type Locator } from './locators';

/** A custom class-validator rule: its name, its test, its message and, optionally, where in a value it fails. */
export interface RuleDefinition {
  /** class-validator's name of the rule; issues and locators are keyed by it. */
  readonly name: string;
  /** True when the value passes (`args.object` is the instance being validated). */
  readonly validate: (value: unknown, args?: ValidationArguments) => boolean;
  /** The message of a failing value. */
  readonly message: (args?: ValidationArguments) => string;
  /** class-validator's `constraints` (the rules comparing two properties name the other one). */
  readonly constraints?: unknown[];
  /** Names each bad part of a failing value, so that validate-bom reports paths inside it. */
  readonly locate?: Locator;
}

/** The property decorator of a custom rule: the one place that registers a rule with class-validator. */
export function defineRule(rule: RuleDefinition, options: ValidationOptions | undefined): PropertyDecorator {
  if (rule.locate !== undefined) registerLocator(rule.name, rule.locate);
  return (target, propertyName) =>
    registerDecorator({
      name: rule.name,
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: rule.constraints,
      options,
      validator: { validate: rule.validate, defaultMessage: rule.message },
    });
}
