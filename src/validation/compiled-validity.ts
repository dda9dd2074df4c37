import { getMetadataStorage, ValidationTypes } from './class-validator-core';
import type { ValidationArguments } from 'class-validator';

/**
 * A fast yes/no answer to "would class-validator find no problem here?", compiled once per class from
 * class-validator's own metadata and calling the very same constraint functions, without the executor's
 * per-call bookkeeping (error objects, grouping, message building). It only ever answers `true` when
 * class-validator would report nothing; anything it cannot model makes it answer `false`, and callers
 * then run class-validator itself, which also produces the messages.
 */
type Checker = (object: object) => boolean;

interface RuleCheck {
  readonly validate: (value: unknown, args: ValidationArguments) => unknown;
  readonly constraints: unknown[];
}

interface PropertyPlan {
  readonly property: string;
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => boolean>;
  readonly rules: readonly RuleCheck[];
  readonly nested: boolean;
}

/* eslint-disable @typescript-eslint/no-unsafe-function-type -- keyed by object.constructor, which TypeScript types as Function, as class-validator's and class-transformer's metadata APIs do */
const cache = new Map<string, Map<Function, Checker>>();
const storage = getMetadataStorage();
const never: Checker = () => false;

function compile(cls: Function, groups: string[] | undefined): Checker {
  const metas = storage.getTargetValidationMetadatas(cls, '', true, true, groups);
  if (metas.length === 0) return never; // forbidUnknownValues
  const byProperty = new Map<string, PropertyPlan & { conditions: Array<(o: object, v: unknown) => boolean>; rules: RuleCheck[] }>();
  for (const meta of metas) {
    let plan = byProperty.get(meta.propertyName);
    if (plan === undefined) {
      plan = { property: meta.propertyName, conditions: [], rules: [], nested: false };
      byProperty.set(meta.propertyName, plan);
    }
    if (meta.each === true) return never;
    switch (meta.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        plan.conditions.push((meta.constraints as Array<(o: object, v: unknown) => boolean>)[0]);
        break;
      case ValidationTypes.CUSTOM_VALIDATION:
        for (const constraint of storage.getTargetValidatorConstraints(meta.constraintCls)) {
          if (constraint.async) return never;
          const instance = constraint.instance as { validate: RuleCheck['validate'] };
          plan.rules.push({ validate: instance.validate.bind(instance), constraints: meta.constraints });
        }
        break;
      case ValidationTypes.NESTED_VALIDATION:
        (plan as { nested: boolean }).nested = true;
        break;
      case ValidationTypes.WHITELIST:
        break;
      default:
        return never;
    }
  }
  const plans = [...byProperty.values()];
  const known = new Set(plans.map((p) => p.property));
  const targetName = cls.name;
  return (object) => {
    for (const key of Object.keys(object)) if (!known.has(key)) return false;
    const record = object as Record<string, unknown>;
    for (const plan of plans) {
      const value = record[plan.property];
      let skip = false;
      for (const condition of plan.conditions) if (!condition(object, value)) skip = true;
      if (skip) continue;
      if (plan.rules.length > 0) {
        const args: ValidationArguments = { targetName, property: plan.property, object, value, constraints: [] };
        for (const rule of plan.rules) {
          args.constraints = rule.constraints;
          if (rule.validate(value, args) !== true) return false;
        }
      }
      if (plan.nested) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        if (!quickCheck(value, groups)) return false;
      }
    }
    return true;
  };
}

/** True only when class-validator, run with the validator's fixed options and `groups`, would report nothing. */
export function quickCheck(object: object, groups: string[] | undefined): boolean {
  const key = groups === undefined ? '' : groups.join(',');
  let perGroup = cache.get(key);
  if (perGroup === undefined) cache.set(key, (perGroup = new Map<Function, Checker>()));
  let checker = perGroup.get(object.constructor);
  if (checker === undefined) {
    checker = compile(object.constructor, groups);
    perGroup.set(object.constructor, checker);
  }
  return checker(object);
}
