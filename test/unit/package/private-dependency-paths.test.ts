/**
 * The SDK requires a few modules of class-validator and class-transformer by path rather than through their
 * index (neither package has an `exports` map, so the paths resolve, but they are not documented API):
 * class-validator's index would load every built-in validator (start-up time), and class-transformer has
 * no public accessor for its decorator metadata. These tests pin what that relies on, so an upgrade that
 * moves or changes those modules fails here rather than in a user's process.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ClassValidatorIndex from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import {
  getMetadataStorage, IsInstance, IsOptional, registerDecorator, ValidateNested, ValidationTypes, validateSync,
} from '../../../src/validation/class-validator-core';
import { Expose, Type } from '../../../src/serialization/class-transformer-decorators';
import { wireSchemaOf } from '../../../src/validation/wire-schema';

const ROOT = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

const CLASS_VALIDATOR_PATHS: Array<[string, string]> = [
  ['class-validator/cjs/register-decorator', 'registerDecorator'],
  ['class-validator/cjs/metadata/MetadataStorage', 'getMetadataStorage'],
  ['class-validator/cjs/validation/ValidationTypes', 'ValidationTypes'],
  ['class-validator/cjs/decorator/common/IsOptional', 'IsOptional'],
  ['class-validator/cjs/decorator/common/ValidateNested', 'ValidateNested'],
  ['class-validator/cjs/decorator/object/IsInstance', 'IsInstance'],
  ['class-validator/cjs/validation/Validator', 'Validator'],
];

function isPositive(value: unknown): boolean {
  return typeof value === 'number' && value > 0;
}

class Inner {
  @Expose({ name: 'inner_count' })
  @registerPositive()
  count!: unknown;
}

class Outer {
  @Expose({ name: 'inner_section' })
  @IsOptional()
  @ValidateNested()
  @Type(() => Inner)
  @IsInstance(Inner)
  inner?: unknown;
}

function registerPositive(): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'isPositiveForTest', target: target.constructor, propertyName: propertyName as string,
    validator: { validate: isPositive, defaultMessage: () => 'must be positive' },
  });
}

function problems(value: object): string[] {
  const out: string[] = [];
  const walk = (errors: ReturnType<typeof validateSync>, prefix: string): void => {
    for (const e of errors) {
      for (const message of Object.values(e.constraints ?? {})) out.push(`${prefix}${e.property}: ${message}`);
      walk(e.children ?? [], `${prefix}${e.property}.`);
    }
  };
  walk(validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }), '');
  return out.sort();
}

describe('private paths of class-validator and class-transformer', () => {
  it('are used only with exactly pinned versions, the ones installed', () => {
    for (const name of ['class-validator', 'class-transformer']) {
      const pinned = pkg.dependencies[name];
      expect(pinned, name).to.match(/^\d+\.\d+\.\d+$/);
      const installed = (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
      expect(installed, name).to.equal(pinned);
    }
  });

  it('load each class-validator module the SDK requires, with the export it uses', () => {
    for (const [path, name] of CLASS_VALIDATOR_PATHS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- each private path, as the SDK loads it
      const mod = require(path) as Record<string, unknown>;
      expect(mod[name], `${path} exports ${name}`).to.not.equal(undefined);
    }
  });

  it("share class-validator's one metadata storage with its index", () => {
    expect(getMetadataStorage()).to.equal(ClassValidatorIndex.getMetadataStorage());
  });

  it('keep the rule names the wire schema reads', () => {
    expect(ValidationTypes.CONDITIONAL_VALIDATION).to.equal('conditionalValidation');
    expect(ValidationTypes.NESTED_VALIDATION).to.equal('nestedValidation');
  });

  it('validate with the decorators and the Validator taken from those modules', () => {
    const ok = Object.assign(new Outer(), { inner: Object.assign(new Inner(), { count: 3 }) });
    expect(problems(ok)).to.deep.equal([]);
    expect(problems(new Outer())).to.deep.equal([]);
    const bad = Object.assign(new Outer(), { inner: Object.assign(new Inner(), { count: -1, extra: 1 }) });
    expect(problems(bad)).to.deep.equal(['inner.count: must be positive', 'inner.extra: property extra should not exist']);
    expect(problems(Object.assign(new Outer(), { inner: { count: 3 } }))).to.include('inner: inner must be an instance of Inner');
  });

  it('read the Expose and Type metadata the public class-transformer decorators record', () => {
    const expose = defaultMetadataStorage.getExposedMetadatas(Outer).map((m) => [m.propertyName, m.options.name]);
    expect(expose).to.deep.equal([['inner', 'inner_section']]);
    expect(defaultMetadataStorage.findTypeMetadata(Outer, 'inner')?.typeFunction()).to.equal(Inner);
    const schema = wireSchemaOf(Outer);
    expect(schema.byWire.get('inner_section')).to.include({ prop: 'inner', nested: Inner, optional: true, kind: 'value' });
    expect(wireSchemaOf(Inner).byProp.get('count')).to.include({ wire: 'inner_count', optional: false });
  });
});
