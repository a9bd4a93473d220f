import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPolicyStore } from '../../../src/load';
import { principalByArn } from '../../../src/harness/principal-by-arn';

const store = loadPolicyStore('policies').store!;
const names = (r: ReturnType<typeof principalByArn>): unknown => ('error' in r ? r.error : { identity: r.identity.map((p) => p.name), boundary: r.boundary?.map((p) => p.name), session: r.session?.map((p) => p.name), scp: r.scp?.length });

test('a user ARN finds the user with its groups\' policies and boundary', () => {
  assert.deepEqual(names(principalByArn(store, 'arn:aws:iam::111122223333:user/developers/dmitri')), { identity: ['developer-team-brokers', 'deny-production-changes'], boundary: ['developer-boundary'], session: undefined, scp: 2 });
});

test('a session ARN is matched by role name (session ARNs carry no path); a stored session name brings its session policies', () => {
  assert.deepEqual(names(principalByArn(store, 'arn:aws:sts::111122223333:assumed-role/Operator/olivia-readonly')), { identity: ['mq-operator', 'deny-production-changes'], boundary: undefined, session: ['read-only-session'], scp: 2 });
  assert.deepEqual(names(principalByArn(store, 'arn:aws:sts::111122223333:assumed-role/Operator/someone-else')), { identity: ['mq-operator', 'deny-production-changes'], boundary: undefined, session: undefined, scp: 2 });
});

test('a role ARN needs its path; a wrong path or an unknown name is an error with a hint', () => {
  assert.deepEqual(names(principalByArn(store, 'arn:aws:iam::111122223333:role/teams/Operator')), { identity: ['mq-operator', 'deny-production-changes'], boundary: undefined, session: undefined, scp: 2 });
  assert.match(String(names(principalByArn(store, 'arn:aws:iam::111122223333:role/Operator'))), /did you mean `arn:aws:iam::111122223333:role\/teams\/Operator`/);
  assert.match(String(names(principalByArn(store, 'arn:aws:sts::999999999999:assumed-role/Operator/x'))), /no role `Operator` in account 999999999999/);
});
