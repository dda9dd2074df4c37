import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { CLI, cli } from '../../helpers/cli';

const COMMANDS = ['validate', 'export', 'schema', 'show', 'diff', 'from-mlflow', 'list', 'keygen', 'sign', 'verify'];

describe('training-bom --help (spawned CLI)', () => {
  it('lists every command with an example', () => {
    const r = cli(['--help']);
    expect(r.status).to.equal(0);
    const [commands, examples] = r.stdout.split('\nExamples:\n') as [string, string];
    for (const name of COMMANDS) {
      expect(commands, name).to.match(new RegExp(`^  ${name} `, 'm'));
      expect(examples, name).to.match(new RegExp(`^  \\$ training-bom ${name} `, 'm'));
    }
  });

  for (const name of COMMANDS) {
    it(`${name} --help has its own examples`, () => {
      const r = cli([name, '--help']);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.match(new RegExp(`Examples:\\n  \\$ training-bom ${name}`));
    });
  }
});

describe('training-bom writing into a closed pipe (`| head`)', () => {
  it('exits quietly, without an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [CLI, 'from-mlflow', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).to.not.contain('EPIPE');
    expect(code).to.equal(0);
  });
});
