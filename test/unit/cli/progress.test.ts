import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { createProgress } from '../../../src/cli/progress';

function stream(tty: boolean): { out: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString()));
  Object.assign(s, { isTTY: tty, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { out: s, text: () => text };
}

describe('createProgress', () => {
  it('writes one line per item in line mode', async () => {
    const { out, text } = stream(false);
    const p = createProgress('lines', out, 'x');
    p.grow(2);
    p.tick('first');
    p.tick('second');
    p.stop();
    await new Promise((r) => setImmediate(r));
    expect(text()).to.equal('first\nsecond\n');
  });

  it('draws a bar whose total grows as items are discovered', async () => {
    const { out, text } = stream(true);
    const p = createProgress('bar', out, 'from-mlflow');
    p.grow(5);
    p.tick('');
    p.grow(10);
    for (let i = 0; i < 9; i++) p.tick('');
    p.stop();
    await new Promise((r) => setImmediate(r));
    expect(text()).to.match(/from-mlflow \[.*\] 0\/5/).and.match(/10\/10/);
  });

  it('prints nothing in none mode', async () => {
    const { out, text } = stream(false);
    const p = createProgress('none', out, 'x');
    p.grow(1);
    p.tick('line');
    p.stop();
    expect(text()).to.equal('');
  });
});
