// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../../package.json') as { version: string }).version;

/** This SDK as `training-bom@<version>`, as BOMs and journals name their producer. */
export const PRODUCER = `training-bom@${VERSION}`;
