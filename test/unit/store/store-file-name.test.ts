import { expect } from 'chai';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../../src';
import { storeFileName } from '../../../src/core/store-file-name';

const SAFE_NAME = /^[A-Za-z0-9_.%~-]+\.json$/;

describe('storeFileName (BOM id -> file name)', () => {
  it('keeps letters, digits, _, - and . as they are', () => {
    expect(storeFileName('fraud-detection-v3.2')).to.equal('fraud-detection-v3.2.json');
    expect(storeFileName('run_20240905T100000Z-1a2b')).to.equal('run_20240905T100000Z-1a2b.json');
  });

  it('percent-encodes everything else as UTF-8 bytes, % included', () => {
    expect(storeFileName('a b')).to.equal('a%20b.json');
    expect(storeFileName('é')).to.equal('%C3%A9.json');
    expect(storeFileName('100%')).to.equal('100%25.json');
    expect(storeFileName('😀')).to.equal('%F0%9F%98%80.json');
    expect(storeFileName('mlflow:run')).to.equal('mlflow%3Arun.json');
  });

  it('never makes a hidden file', () => {
    expect(storeFileName('.hidden')).to.equal('%2Ehidden.json');
    expect(storeFileName('.')).to.equal('%2E.json');
  });

  it('encodes the first letter of a Windows device name', () => {
    expect(storeFileName('CON')).to.equal('%43ON.json');
    expect(storeFileName('nul.txt')).to.equal('%6Eul.txt.json');
    expect(storeFileName('com1')).to.equal('%63om1.json');
    expect(storeFileName('console')).to.equal('console.json');
  });

  for (const id of ['../x', '..', 'a/b', '/etc/passwd', 'a\\b', '\\\\server\\share', 'C:\\x', 'c:x', 'a..b', '', 'a\0b', '\uD800']) {
    it(`refuses ${JSON.stringify(id)} with an InvalidArgumentError`, () => {
      expect(() => storeFileName(id)).to.throw(InvalidArgumentError).with.property('argument', 'id');
    });
  }

  it('refuses a non-string id', () => {
    expect(() => storeFileName(42 as unknown as string)).to.throw(InvalidArgumentError);
  });

  it('shortens long ids with a hash, staying well under 255 bytes', () => {
    const long = 'x'.repeat(1000);
    const name = storeFileName(long);
    expect(name).to.match(/^x{163}~[0-9a-f]{16}\.json$/);
    expect(storeFileName(`${long}y`)).to.not.equal(name);
  });

  it('does not cut a %XX escape in half when shortening', () => {
    const name = storeFileName(`${'x'.repeat(161)}${'é'.repeat(100)}`);
    expect(name).to.match(/^x{161}(%C3%A9)*~[0-9a-f]{16}\.json$/);
  });

  it('turns any accepted id into a plain file name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (id) => {
        let name: string;
        try {
          name = storeFileName(id);
        } catch (error) {
          return error instanceof InvalidArgumentError;
        }
        return SAFE_NAME.test(name) && !name.startsWith('.') && Buffer.byteLength(name) <= 200;
      }),
      { numRuns: 2000 },
    );
  });

  it('gives distinct ids distinct names (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (a, b) => {
        fc.pre(a !== b);
        let x: string, y: string;
        try {
          x = storeFileName(a);
          y = storeFileName(b);
        } catch {
          return true;
        }
        return x !== y;
      }),
      { numRuns: 2000 },
    );
  });
});
