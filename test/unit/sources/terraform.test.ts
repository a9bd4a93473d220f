import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadPolicyStore, memoryStoreFiles, shippedManagedPolicies } from '../../../src/load';
import { buildStore, readTerraformPlan, toSourceLocation } from '../../../src/sources';

// examples/terraform/plan.json follows HashiCorp's "JSON Output Format" (terraform show -json of a plan file).
const PLAN = readFileSync('examples/terraform/plan.json', 'utf8');
const options = { managed: shippedManagedPolicies() };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const edit = (change: (plan: Json) => void): string => {
  const plan = JSON.parse(PLAN) as Json;
  change(plan);
  return JSON.stringify(plan);
};
const resource = (plan: Json, address: string): Json => (plan.planned_values.root_module.resources as Json[]).find((r) => r.address === address)!;
const changeOf = (plan: Json, address: string): Json => (plan.resource_changes as Json[]).find((r) => r.address === address)!.change;

test('the example plan imports completely into a store the loader accepts', () => {
  const estate = readTerraformPlan(PLAN, 'plan.json', options);
  assert.deepEqual(estate.unresolved, []);
  assert.deepEqual(estate.errors, []);
  const built = buildStore(estate);
  const loaded = loadPolicyStore(memoryStoreFiles(built.files, 'plan.json', 'plan.json#'));
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  const store = loaded.store!;
  assert.equal(store.account, '111122223333');
  const operator = store.principals.get('Operator')!;
  // managed_policy_arns (an AWS managed and a customer ARN) and an attachment whose policy ARN is unknown until apply.
  assert.deepEqual(operator.identityPolicies, ['AmazonMQReadOnlyAccess', 'mq-operator', 'deny-production-changes']);
  assert.equal(operator.principalArn, 'arn:aws:iam::111122223333:role/teams/Operator');
  assert.deepEqual(store.principals.get('dmitri')!.boundary, 'developer-boundary');
  assert.deepEqual(store.principals.get('audrey')!.identityPolicies, ['AmazonMQReadOnlyAccess']);
  assert.equal(store.roleTrust?.get('Operator'), 'Operator.trust');
  assert.deepEqual(store.scpLevels.map((l) => [l.name, l.policies.map((p) => p.name)]), [['0-ou-ab12-workloads', ['FullAWSAccess', 'workloads-guardrails']]]);
  const staging = store.resources.get('payments-staging')!;
  assert.equal(staging.placeholderId, true);
  assert.match(staging.arn, /^arn:aws:mq:eu-west-1:111122223333:broker:payments-staging:b-[0-9a-f]{8}-/);
  // The placeholder is stable: the same address gives the same id on every import.
  assert.equal(buildStore(readTerraformPlan(PLAN, 'plan.json', options)).files.get('inventory.yaml'), built.files.get('inventory.yaml'));
});

test('sensitive values (the broker users\' passwords) are never written', () => {
  const built = buildStore(readTerraformPlan(PLAN, 'plan.json', options));
  for (const [path, text] of built.files) assert.doesNotMatch(text, /correct-horse|another-secret/, path);
  assert.doesNotMatch(JSON.stringify(built.report), /correct-horse|another-secret/);
});

test('an unknown major format version is refused; 1.x minor versions are read', () => {
  const e = readTerraformPlan(edit((p) => (p.format_version = '2.0')), 'plan.json', options);
  assert.equal(e.errors[0]?.code, 'unsupported-format-version');
  assert.deepEqual(readTerraformPlan(edit((p) => (p.format_version = '1.9')), 'plan.json', options).errors, []);
});

test('a policy document unknown until apply is unresolved, named by its address, never skipped silently', () => {
  const text = edit((p) => {
    delete resource(p, 'aws_iam_policy.deny_production_changes').values.policy;
    changeOf(p, 'aws_iam_policy.deny_production_changes').after_unknown.policy = true;
  });
  const e = readTerraformPlan(text, 'plan.json', options);
  assert.equal(e.unresolved.length, 1);
  assert.match(e.unresolved[0]!.what, /deny-production-changes.*aws_iam_policy\.deny_production_changes/);
  assert.match(e.unresolved[0]!.why, /unknown until apply/);
  const built = buildStore(e);
  assert.equal(built.report.complete, false);
  const loaded = loadPolicyStore(memoryStoreFiles(built.files, 'plan.json', 'plan.json#'));
  assert.ok(loaded.diagnostics.some((d) => d.code === 'incomplete-store' && d.message.includes('deny-production-changes')));
});

test('a sensitive policy document is unresolved and not written', () => {
  const text = edit((p) => {
    resource(p, 'aws_iam_user_policy.dmitri_team_brokers').sensitive_values = { policy: true };
  });
  const e = readTerraformPlan(text, 'plan.json', options);
  assert.ok(e.unresolved.some((u) => /team-brokers/.test(u.what) && /sensitive/.test(u.why)));
  assert.ok(![...buildStore(e).files.keys()].some((f) => f.includes('team-brokers')));
});

test('an AWS managed policy the shipped data does not know is unresolved', () => {
  const text = edit((p) => {
    resource(p, 'aws_iam_group_policy_attachment.auditors_read_only').values.policy_arn = 'arn:aws:iam::aws:policy/NoSuchManagedPolicy';
  });
  const e = readTerraformPlan(text, 'plan.json', options);
  assert.ok(e.unresolved.some((u) => u.what.includes('NoSuchManagedPolicy')));
});

test('without an ARN or caller identity the account is unresolved unless --account is given', () => {
  const strip = (p: Json): void => {
    p.prior_state.values.root_module.resources = (p.prior_state.values.root_module.resources as Json[]).filter((r) => r.type !== 'aws_caller_identity');
    for (const m of [p.planned_values.root_module, ...p.planned_values.root_module.child_modules]) for (const r of m.resources as Json[]) delete r.values.arn;
    for (const r of p.prior_state.values.root_module.resources as Json[]) delete r.values.arn;
  };
  assert.ok(readTerraformPlan(edit(strip), 'plan.json', options).unresolved.some((u) => u.what === 'the AWS account ID'));
  assert.equal(readTerraformPlan(edit(strip), 'plan.json', { ...options, account: '444455556666' }).account, '444455556666');
});

test('a state (values instead of planned_values) is read the same way', () => {
  const state = edit((p) => {
    p.values = { root_module: p.planned_values.root_module };
    for (const k of ['planned_values', 'resource_changes', 'prior_state', 'configuration']) delete p[k];
  });
  const e = readTerraformPlan(state, 'state.json', options);
  assert.equal(e.users.length, 2);
  assert.equal(e.roles.length, 2);
});

test('a finding in a policy string points at the plan file and inside the string, even in one-line JSON', () => {
  // terraform show -json prints one line: the position inside the policy text is what a reader can use.
  const compact = edit((p) => {
    resource(p, 'aws_iam_policy.mq_operator').values.policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mq:RebootBrokr', Resource: '*' }] }, null, 1);
  });
  const estate = readTerraformPlan(compact, 'plan.json', options);
  const built = buildStore(estate);
  const loaded = loadPolicyStore(memoryStoreFiles(built.files, 'plan.json', 'plan.json#'));
  const d = loaded.diagnostics.find((x) => x.code === 'unknown-action')!;
  const located = toSourceLocation(built, 'plan.json#', d);
  assert.equal(located.source.file, 'plan.json');
  assert.equal(located.source.line, 1);
  assert.match(located.message, /in `aws_iam_policy\.mq_operator`, line 6 column 14 of its policy text/);
  // The column is where the escaped value sits in the plan's own text.
  assert.equal(compact.slice(located.source.column! - 1, located.source.column! - 1 + 18), '\\"mq:RebootBrokr\\"');
});

test('an unknown policy argument that references a rendered aws_iam_policy_document takes its json', () => {
  const text = edit((p) => {
    delete resource(p, 'aws_iam_role_policy.ci_deploy_brokers').values.policy;
    changeOf(p, 'aws_iam_role_policy.ci_deploy_brokers').after_unknown.policy = true;
  });
  const e = readTerraformPlan(text, 'plan.json', options);
  assert.deepEqual(e.unresolved, []);
  const p = e.policies.get('aws_iam_role_policy.ci_deploy_brokers')!;
  assert.equal(p.origin.address, 'data.aws_iam_policy_document.ci');
  assert.equal((p.document as { Statement: { Sid: string }[] }).Statement[0]!.Sid, 'CreateTaggedBrokers');
});

test('an aws_iam_role_policy that the role\'s computed inline_policy also reports is read once', () => {
  const text = edit((p) => {
    const role = resource(p, 'aws_iam_role.operator');
    role.values.inline_policy = [{ name: 'extra', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mq:ListBrokers', Resource: '*' }] }) }];
    (p.planned_values.root_module.resources as Json[]).push({ address: 'aws_iam_role_policy.extra', mode: 'managed', type: 'aws_iam_role_policy', name: 'extra', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { id: 'Operator:extra', name: 'extra', policy: role.values.inline_policy[0].policy, role: 'Operator' }, sensitive_values: {} });
  });
  const e = readTerraformPlan(text, 'plan.json', options);
  const operator = e.roles.find((r) => r.name === 'Operator')!;
  assert.deepEqual(operator.policies.filter((k) => k.includes('extra')), ['aws_iam_role_policy.extra']);
  assert.ok(!buildStore(e).report.notes.some((n) => n.code === 'name-collision'));
});

test('a broker whose tags_all is unknown until apply has unknown tags: unresolved, since tags decide access', () => {
  const text = edit((p) => {
    changeOf(p, 'module.brokers.aws_mq_broker.this["payments-staging"]').after_unknown.tags_all = true;
  });
  const e = readTerraformPlan(text, 'plan.json', options);
  assert.deepEqual(e.unresolved.map((u) => u.what), ['the tags of `module.brokers.aws_mq_broker.this["payments-staging"]`']);
});
