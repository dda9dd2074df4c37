import { expect } from 'chai';
import { cli } from '../../helpers/cli';

const COMMANDS = ['validate', 'export', 'schema', 'show', 'diff', 'from-mlflow', 'list'];

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
