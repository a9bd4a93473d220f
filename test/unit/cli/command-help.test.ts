import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../support/run-cli';

// A user's first question of a command is `--help`: it answered "unknown option" with exit 1 for every command but test.
for (const command of ['init', 'simulate', 'lint', 'matrix', 'report', 'diff', 'mutate', 'analyze', 'import']) {
  test(`mq-policy ${command} --help and -h print its usage line and the exit codes, exit 0, and do nothing else`, async () => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([command, flag]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^usage: mq-policy ${command} `));
      assert.match(r.stdout, /exit codes: 0 success, 1 usage or harness error, 2 an expectation failed, 3 a policy or request is invalid/);
      assert.equal(r.stderr, '');
    }
  });
}

test('an unknown option still is a usage error (exit 1), not help', async () => {
  const r = await runCli(['matrix', '--no-such-option']);
  assert.equal(r.code, 1);
});
