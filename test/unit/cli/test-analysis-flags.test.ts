import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseTestArgs } from '../../../src/cli/test-command';

const io = { env: {}, cwd: '/repo' };

test('--analyze and --mutate are options of mq-policy test, never passed to Cucumber (with or without --)', () => {
  const plain = parseTestArgs(['--tags', '@x'], io);
  assert.equal(plain.analyze, undefined);
  assert.equal(plain.mutate, undefined);
  const both = parseTestArgs(['--analyze', '--tags', '@x', '--', '--mutate'], io);
  assert.equal(both.analyze, true);
  assert.equal(both.mutate, true);
  assert.deepEqual(both.cucumberArgs, ['--tags', '@x']);
  assert.deepEqual(parseTestArgs(['--baseline', 'origin/main', '--mutate'], io).baseline, { kind: 'revision', rev: 'origin/main' });
});
