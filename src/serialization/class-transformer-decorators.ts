/**
 * class-transformer's `Expose` and `Type`, from its public entry. The models take them from here so that
 * serialization/ stays the one place that names class-transformer (its index costs no measurable start-up
 * time, unlike class-validator's; see docs/benchmarks.md, "Import cost").
 */
export { Expose, Type } from 'class-transformer';
