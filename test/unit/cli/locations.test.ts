import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/cli/io';
import { describeStore, locate, resolveLocations, takeLocationOptions } from '../../../src/cli/locations';

describe('locations: one rule for where every command looks', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'mq-locations-'));
  process.on('exit', () => rmSync(cwd, { recursive: true, force: true }));

  it('defaults to policies/, features/ and reports/ of the working directory, and no user steps without steps/', () => {
    const l = resolveLocations({}, {}, cwd);
    assert.deepEqual(l, { store: join(cwd, 'policies'), storeOrigin: 'default', features: [join(cwd, 'features')], featuresGiven: false, steps: [], out: join(cwd, 'reports') });
  });

  it('uses steps/ of the working directory when it exists', () => {
    mkdirSync(join(cwd, 'steps'), { recursive: true });
    assert.deepEqual(resolveLocations({}, {}, cwd).steps, [join(cwd, 'steps')]);
  });

  it('an absolute store is taken as it is, from the flag or from MQ_POLICY_STORE; a relative one is joined onto the working directory', () => {
    assert.equal(resolveLocations({}, { MQ_POLICY_STORE: '/srv/estate/policies' }, cwd).store, '/srv/estate/policies');
    assert.equal(resolveLocations({}, { MQ_POLICY_STORE: 'estate/policies' }, cwd).store, join(cwd, 'estate', 'policies'));
    const flagged = resolveLocations({ store: '/a/b' }, { MQ_POLICY_STORE: '/c/d' }, cwd);
    assert.equal(flagged.store, '/a/b', 'the flag wins over the environment');
    assert.equal(flagged.storeOrigin, 'flag');
    assert.match(describeStore(resolveLocations({}, { MQ_POLICY_STORE: '/c/d' }, cwd)), /`\/c\/d` \(from MQ_POLICY_STORE\)/);
    assert.equal(resolveLocations({}, { MQ_POLICY_STORE: '' }, cwd).storeOrigin, 'default', 'an empty variable is no choice');
  });

  it('takes its flags out of the arguments and leaves the others in order', () => {
    const { options, rest } = takeLocationOptions(['--tags', '@x', '--store', 's', '--features', 'a.feature', 'b/', '--name', 'n', '--steps=my-steps', '--out', 'o']);
    assert.deepEqual(options, { store: 's', features: ['a.feature', 'b/'], steps: ['my-steps'], out: 'o' });
    assert.deepEqual(rest, ['--tags', '@x', '--name', 'n']);
  });

  it('leaves flags a command does not accept, and everything after --, alone', () => {
    const { options, rest } = takeLocationOptions(['--out', 'm.md', '--store', '/s', '--', '--store', 'x'], ['store']);
    assert.deepEqual(options, { store: '/s' });
    assert.deepEqual(rest, ['--out', 'm.md', '--', '--store', 'x']);
  });

  it('a flag without its value, or a single one given twice, is a usage error', () => {
    assert.throws(() => takeLocationOptions(['--store']), UsageError);
    assert.throws(() => takeLocationOptions(['--features', '--tags', '@x']), /`--features` needs one or more paths/);
    assert.throws(() => takeLocationOptions(['--store', 'a', '--store=b']), /given twice/);
    assert.throws(() => takeLocationOptions(['--out=']), UsageError);
  });

  it('locate() resolves what it took', () => {
    const { locations, rest } = locate(['--store', 'x', 'features/a'], {}, cwd, ['store']);
    assert.equal(locations.store, join(cwd, 'x'));
    assert.deepEqual(rest, ['features/a']);
  });
});
