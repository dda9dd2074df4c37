/**
 * The house rule on file size (STYLE.md): a file in src/ over 300 lines says why in its header, a comment
 * before the first line of code that contains "Over 300 lines: <reason>".
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../../../src');
const MAX_LINES = 300;
const REASON = /Over 300 lines\s*[:,(-]\s*\S.{8,}/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The lines before the first line of code: comments and blank lines. */
function header(lines: readonly string[]): string {
  let inBlock = false;
  let end = 0;
  for (; end < lines.length; end++) {
    const line = lines[end].trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      inBlock = !line.includes('*/', 2);
      continue;
    }
    break;
  }
  return lines.slice(0, end).join('\n');
}

/** Why a file's text breaks the rule, or undefined when it keeps it. */
function sizeProblem(text: string): string | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= MAX_LINES) return undefined;
  return REASON.test(header(lines)) ? undefined : `${lines.length} lines and no "Over 300 lines: <reason>" in its header comment`;
}

describe('file size', () => {
  it(`keeps every file in src/ within ${MAX_LINES} lines unless its header says why`, () => {
    const files = sourceFiles(SRC);
    expect(files.length).to.be.greaterThan(100);
    const problems = files.flatMap((file) => {
      const problem = sizeProblem(readFileSync(file, 'utf8'));
      return problem === undefined ? [] : [`src/${relative(SRC, file)}: ${problem}`];
    });
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  describe('the rule itself', () => {
    const code = (n: number): string => Array.from({ length: n }, (_, i) => `export const x${i} = ${i};`).join('\n');

    it('accepts 300 lines, with or without a final newline', () => {
      expect(sizeProblem(code(300))).to.equal(undefined);
      expect(sizeProblem(`${code(300)}\n`)).to.equal(undefined);
    });

    it('refuses 301 lines without a reason', () => {
      expect(sizeProblem(code(301))).to.match(/^301 lines/);
    });

    it('accepts a reason in a leading block or line comment', () => {
      expect(sizeProblem(`/**\n * A state machine.\n * (Over 300 lines: it is one state machine.)\n */\n${code(301)}`)).to.equal(undefined);
      expect(sizeProblem(`// Over 300 lines: one lifecycle, its helpers live elsewhere.\nimport x from 'y';\n${code(301)}`)).to.equal(undefined);
    });

    it('refuses the phrase without a reason, or after the first line of code', () => {
      expect(sizeProblem(`// Over 300 lines\n${code(301)}`)).to.be.a('string');
      expect(sizeProblem(`import x from 'y';\n// Over 300 lines: too late to count as the header.\n${code(301)}`)).to.be.a('string');
    });
  });
});
