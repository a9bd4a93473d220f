import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPolicyStore, memoryStoreFiles } from '../../../src/load';
import { buildStore } from '../../../src/sources';
import { emptyEstate, type Estate } from '../../../src/sources/estate';

const ALLOW = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mq:ListBrokers', Resource: '*' }] };
const at = (address: string) => ({ file: 'in.json', address, pointer: '' });

function estate(): Estate {
  const e = emptyEstate('terraform', ['in.json']);
  e.account = '111122223333';
  e.policies.set('a', { name: 'default', owner: 'Alpha', use: 'identity', document: ALLOW, origin: at('role Alpha') });
  e.policies.set('b', { name: 'default', owner: 'Beta', use: 'identity', document: ALLOW, origin: at('role Beta') });
  e.roles.push({ name: 'Alpha', path: '/', policies: ['a'], tags: {}, origin: at('role Alpha') });
  e.roles.push({ name: 'deploy', path: '/', policies: ['b'], tags: {}, origin: at('role deploy') });
  e.users.push({ name: 'deploy', path: '/', groups: [], policies: [], tags: {}, origin: at('user deploy') });
  return e;
}

test('two inline policies with one name are both kept, qualified by their owners, and the collision is reported', () => {
  const built = buildStore(estate());
  assert.ok(built.files.has('identity/Alpha.default.yaml'));
  assert.ok(built.files.has('identity/Beta.default.yaml'));
  assert.ok(built.report.notes.some((n) => n.code === 'name-collision' && n.message.includes('`default`')));
});

test('a user and a role with one name are both kept as user-NAME and role-NAME, and reported', () => {
  const built = buildStore(estate());
  const { store, diagnostics } = loadPolicyStore(memoryStoreFiles(built.files, 'x', 'x#'));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual([...store!.principals.keys()].sort(), ['Alpha', 'role-deploy', 'user-deploy']);
  assert.ok(built.report.notes.some((n) => n.code === 'name-collision' && n.message.includes('`deploy` names 2 principals')));
});

test('every written policy file names its source; unresolved values become incomplete: entries', () => {
  const e = estate();
  e.unresolved.push({ what: 'policy `x`', why: 'unknown until apply', origin: at('aws_iam_policy.x') });
  const built = buildStore(e);
  for (const [path, text] of built.files) if (path.startsWith('identity/')) assert.match(text, /^# source: in\.json role (Alpha|Beta)$/m);
  assert.match(built.files.get('principals.yaml')!, /incomplete:\n {2}- what: policy `x`\n {4}why: unknown until apply\n {4}source: in\.json aws_iam_policy\.x/);
  assert.equal(built.report.complete, false);
});
