// class-transformer has no public accessor for the metadata its decorators record, and no `exports` map: the
// wire schema (src/validation/wire-schema.ts) reads the storage module itself, the very object the public
// `Expose`/`Type` write to. class-transformer is pinned exactly in package.json for that reason, and
// test/unit/package/private-dependency-paths.test.ts checks that this path still loads and is that object.
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
  export const defaultMetadataStorage: MetadataStorage;
}
