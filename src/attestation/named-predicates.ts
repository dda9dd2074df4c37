/**
 * Predicates chosen by name whose builders live above this layer: the CycloneDX export is in `standards/`,
 * which may import `attestation/` but not the other way round. `standards/cyclonedx/cyclonedx-predicate.ts`
 * registers its builder when it is loaded, and `src/index.ts` loads it, so that through the package
 * `signBom(bom, key, { predicate: 'cyclonedx' })` (and the tracker's `sign` option) always find it. Internal:
 * not exported by the package.
 */
import type { PredicateBuilder } from './attestation-types';

/** The predicate names a layer above registers (`bom` and `slsa` are built in). */
export type RegisteredPredicateName = 'cyclonedx';

const builders = new Map<RegisteredPredicateName, PredicateBuilder>();

/** Registers the builder of a named predicate (called once, by the module that defines it). */
export function registerNamedPredicate(name: RegisteredPredicateName, builder: PredicateBuilder): void {
  builders.set(name, builder);
}

/** The builder registered under `name`, undefined when its module was not loaded. */
export function namedPredicate(name: RegisteredPredicateName): PredicateBuilder | undefined {
  return builders.get(name);
}
