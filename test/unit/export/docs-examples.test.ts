import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { toCycloneDx, toSpdx3, TrainingBOM } from '../../../src';
import { vectorPath } from '../../helpers/vectors';

const DOC = readFileSync(resolve(__dirname, '../../../docs/standards.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

/** The JSON block after `<!-- example:NAME -->`. */
function example(name: string): unknown {
  const match = new RegExp(`<!-- example:${name} -->\\n\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(DOC);
  if (match === null) throw new Error(`docs/standards.md has no example:${name}`);
  return JSON.parse(match[1]);
}

/** The document with the package version written as X, so a version bump does not outdate the examples. */
function versionless(document: unknown): unknown {
  const version = (text: string): string => text.split(VERSION).join('X');
  return JSON.parse(version(JSON.stringify(document)).replace(/(training-bom@|training-bom |"version":")\d+\.\d+\.\d+[^"]*/g, '$1X'));
}

describe('docs/standards.md examples', () => {
  const bom = TrainingBOM.parse(readFileSync(vectorPath('valid', 'tracker-shaped'), 'utf8'));

  it('shows what toCycloneDx writes for tracker-shaped.json', () => {
    expect(versionless(example('cyclonedx'))).to.deep.equal(versionless(toCycloneDx(bom)));
  });

  it('shows what toSpdx3 writes for tracker-shaped.json', () => {
    expect(versionless(example('spdx3'))).to.deep.equal(versionless(toSpdx3(bom)));
  });
});
