// Mocha setup: ts-node reads the test tsconfig; nothing else is global.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.TS_NODE_PROJECT ??= 'tsconfig.test.json';
// Trackers with sinks keep a journal under the store directory: never the repository's ./boms in tests.
process.env.TRAINING_BOM_HOME ??= mkdtempSync(join(tmpdir(), 'training-bom-test-home-'));
