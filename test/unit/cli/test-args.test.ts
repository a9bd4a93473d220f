import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseTestArgs } from '../../../src/cli/test-command';

const io = { env: {}, cwd: '/repo' };

describe('mq-policy test: its own options, and Cucumber options with or without --', () => {
  it('passes Cucumber options through the same way with and without --', () => {
    assert.deepEqual(parseTestArgs(['--tags', '@x', '--name', 'prod'], io).cucumberArgs, ['--tags', '@x', '--name', 'prod']);
    assert.deepEqual(parseTestArgs(['--', '--tags', '@x', '--name', 'prod'], io).cucumberArgs, ['--tags', '@x', '--name', 'prod']);
    assert.deepEqual(parseTestArgs(['features/x', '--', '--fail-fast'], io).cucumberArgs, ['features/x', '--fail-fast']);
  });

  it('keeps --parallel N for itself (it shards the run over N processes), with or without --', () => {
    assert.equal(parseTestArgs(['--parallel', '2'], io).parallel, 2);
    assert.equal(parseTestArgs(['--', '--parallel=4', '--tags', '@x'], io).parallel, 4);
    assert.equal(parseTestArgs([], io).parallel, 0);
    assert.throws(() => parseTestArgs(['--parallel', 'two'], io), /takes a number of processes/);
    assert.throws(() => parseTestArgs(['--parallel', '2', '--shard', '1/2'], io), /not both/);
  });

  it('keeps --store, --features, --steps, --out, --watch and --coverage-threshold for itself', () => {
    const o = parseTestArgs(['--store', '/estate/policies', '--features', 'a', 'b', '--steps=s', '--out', 'o', '--watch', '--coverage-threshold', '80', '--tags', '@x'], io);
    assert.equal(o.locations.store, '/estate/policies');
    assert.deepEqual(o.locations.features, ['/repo/a', '/repo/b']);
    assert.deepEqual(o.locations.steps, ['/repo/s']);
    assert.equal(o.locations.out, '/repo/o');
    assert.equal(o.watch, true);
    assert.equal(o.coverageThreshold, 80);
    assert.deepEqual(o.cucumberArgs, ['--tags', '@x']);
  });

  it('MQ_POLICY_STORE is the fallback, --store wins', () => {
    assert.equal(parseTestArgs([], { env: { MQ_POLICY_STORE: '/abs/store' }, cwd: '/repo' }).locations.store, '/abs/store');
    assert.equal(parseTestArgs(['--store', 'mine'], { env: { MQ_POLICY_STORE: '/abs/store' }, cwd: '/repo' }).locations.store, '/repo/mine');
  });

  it('a bad coverage threshold is a usage error', () => {
    assert.throws(() => parseTestArgs(['--coverage-threshold', 'lots'], io), /test: /);
  });
});
