/** docs/cli.md keeps up with the CLI: every command and every long option the built CLI has is documented. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cli } from '../../helpers/cli';

const DOC = readFileSync(resolve(__dirname, '../../../docs/cli.md'), 'utf8');

describe('docs/cli.md', () => {
  const commands = [...cli(['--help']).stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]).filter((c) => c !== 'help');

  it('has a section for every command', () => {
    expect(commands).to.include.members(['validate', 'show', 'diff', 'list', 'from-mlflow', 'export', 'schema']);
    for (const name of commands) expect(DOC, name).to.match(new RegExp(`^## .*\\b${name}\\b`, 'm'));
  });

  it('documents every long option of every command', () => {
    for (const name of commands) {
      const options = [...cli([name, '--help']).stdout.matchAll(/(--[a-z][a-z-]+)/g)].map((m) => m[1]).filter((o) => o !== '--help');
      for (const option of new Set(options)) expect(DOC, `${name} ${option}`).to.contain(`\`${option}`);
    }
  });
});
