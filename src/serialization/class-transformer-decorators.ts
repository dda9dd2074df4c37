/**
 * class-transformer's `Expose` and `Type`, required from their own modules: the package's index loads 34
 * files, most of which the SDK never runs (it maps the wire format itself from the decorators' metadata).
 * Both decorators write to the same `defaultMetadataStorage` the index would. (Two exports in one file: a
 * shim over one dependency.)
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as ClassTransformer from 'class-transformer';

type Ct = typeof ClassTransformer;

/** class-transformer's `Expose`. */
export const Expose: Ct['Expose'] = (require('class-transformer/cjs/decorators/expose.decorator') as Ct).Expose;
/** class-transformer's `Type`. */
export const Type: Ct['Type'] = (require('class-transformer/cjs/decorators/type.decorator') as Ct).Type;
