// Mocha setup: ts-node reads the test tsconfig; nothing else is global.
process.env.TS_NODE_PROJECT ??= 'tsconfig.test.json';
