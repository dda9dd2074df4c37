/**
 * The parts of class-validator the SDK uses, required from their own modules. The package's index loads
 * every built-in validator (validator.js, libphonenumber-js): about 100 ms more for `require('training-bom')`
 * and for every CLI process (docs/benchmarks.md, "Import cost"). class-validator has no `exports` map, so
 * these paths resolve, but they are not its documented API: the version is pinned exactly in package.json,
 * and test/unit/package/private-dependency-paths.test.ts checks that each path loads and behaves. The
 * metadata storage is a global singleton, so these modules and the index share it. (Several exports in one
 * file: it is a shim over one dependency, not a concern of its own.)
 */
/* eslint-disable @typescript-eslint/no-require-imports */
// The one place that loads the Reflect metadata polyfill: every model and the wire schema import this module.
import 'reflect-metadata';
import type * as ClassValidator from 'class-validator';

type Cv = typeof ClassValidator;

/** class-validator's `registerDecorator`. */
export const registerDecorator: Cv['registerDecorator'] = (require('class-validator/cjs/register-decorator') as Cv).registerDecorator;
/** class-validator's `getMetadataStorage`. */
export const getMetadataStorage: Cv['getMetadataStorage'] = (require('class-validator/cjs/metadata/MetadataStorage') as Cv).getMetadataStorage;
/** class-validator's `ValidationTypes`. */
export const ValidationTypes: Cv['ValidationTypes'] = (require('class-validator/cjs/validation/ValidationTypes') as Cv).ValidationTypes;
/** class-validator's `IsOptional`. */
export const IsOptional: Cv['IsOptional'] = (require('class-validator/cjs/decorator/common/IsOptional') as Cv).IsOptional;
/** class-validator's `ValidateNested`. */
export const ValidateNested: Cv['ValidateNested'] = (require('class-validator/cjs/decorator/common/ValidateNested') as Cv).ValidateNested;
/** class-validator's `IsInstance`. */
export const IsInstance: Cv['IsInstance'] = (require('class-validator/cjs/decorator/object/IsInstance') as Cv).IsInstance;

const validator = new (require('class-validator/cjs/validation/Validator') as Cv).Validator();

/** class-validator's `validateSync` (the index calls the same method on a container-held `Validator`). */
export const validateSync = (object: object, options?: ClassValidator.ValidatorOptions): ClassValidator.ValidationError[] =>
  validator.validateSync(object, options);
