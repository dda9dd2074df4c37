/**
 * `npm run test:unit`: the settings of .mocharc.json (timeout, reporter, required modules) for the unit
 * tests only. The script builds first: the package tests load `training-bom` from dist/ as a user would.
 */
const base = require('./.mocharc.json');

module.exports = { ...base, spec: ['test/unit/**/*.test.ts'] };
