import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadPolicyStore } from '../../../src/load';
import { runCli, type CliRun } from '../../support/run-cli';

const ROOT = resolve(__dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'mq-policy-sources-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const mqPolicy = (args: string[], stdin = ''): Promise<CliRun> => runCli(args, { cwd: ROOT, stdin });

const ACCOUNT_ARGS = [
  'examples/aws-account/authorization-details.json',
  '--mq', 'examples/aws-account/list-brokers.json', 'examples/aws-account/describe-broker-orders-prod.json', 'payments-staging=examples/aws-account/list-tags-payments-staging.json', 'examples/aws-account/list-configurations.json',
  '--scp', 'root=examples/aws-account/scp-root-FullAWSAccess.json', 'workloads=examples/aws-account/scp-workloads-FullAWSAccess.json', 'workloads=examples/aws-account/scp-workloads-guardrails.json',
];

describe('mq-policy import', () => {
  it('writes a store of each example estate that the loader accepts, with import-report.json (exit 0)', async () => {
    for (const [kind, args] of [['terraform', ['examples/terraform/plan.json']], ['aws-account', ACCOUNT_ARGS], ['cloudformation', ['examples/cloudformation/template.yaml', '--account', '111122223333', '--region', 'eu-west-1']]] as const) {
      const out = join(scratch, kind);
      const r = await mqPolicy(['import', kind, ...args, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as { complete: boolean; storeWritten: boolean; kind: string };
      assert.deepEqual([report.kind, report.complete, report.storeWritten], [kind, true, true]);
      const loaded = loadPolicyStore(out);
      assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), [], kind);
      assert.ok(loaded.store!.principals.size > 0);
    }
  });

  it('exits 3 and writes only the report when a document is unknown until apply; --allow-unresolved writes an incomplete store', async () => {
    const plan = JSON.parse(readFileSync(join(ROOT, 'examples/terraform/plan.json'), 'utf8')) as { planned_values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } }; resource_changes: { address: string; change: { after_unknown: Record<string, unknown> } }[] };
    delete plan.planned_values.root_module.resources.find((r) => r.address === 'aws_iam_policy.deny_production_changes')!.values.policy;
    plan.resource_changes.find((r) => r.address === 'aws_iam_policy.deny_production_changes')!.change.after_unknown.policy = true;
    const file = join(scratch, 'unknown-plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const out = join(scratch, 'unknown');
    const blocked = await mqPolicy(['import', 'terraform', file, '--out', out]);
    assert.equal(blocked.code, 3);
    assert.match(blocked.stderr, /unresolved: .*aws_iam_policy\.deny_production_changes.*unknown until apply/);
    assert.ok(!existsSync(join(out, 'principals.yaml')));
    assert.equal((JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as { unresolved: unknown[] }).unresolved.length, 1);

    const allowed = await mqPolicy(['import', 'terraform', file, '--out', out, '--allow-unresolved']);
    assert.equal(allowed.code, 0, allowed.stderr);
    const later = await mqPolicy(['matrix', '--store', out, '--format', 'csv']);
    assert.equal(later.code, 0, later.stderr);
    assert.match(later.stderr, /warning: .*the store is incomplete: policy `deny-production-changes`.*unknown until apply.*\[incomplete-store\]/);
    const linted = await mqPolicy(['lint', '--store', out]);
    assert.match(linted.stderr, /warning: the store is incomplete: policy `deny-production-changes`.*\[incomplete-store\]/);
    const simulated = await mqPolicy(['simulate', '--store', out], '');
    assert.match(simulated.stderr, /the store is incomplete/);
  });

  it('never overwrites a folder that no import wrote', async () => {
    const r = await mqPolicy(['import', 'terraform', 'examples/terraform/plan.json', '--out', 'policies']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /already holds files that no import wrote/);
  });

  it('refuses a plan of an unknown major format version (exit 3, nothing written)', async () => {
    const file = join(scratch, 'v2.json');
    writeFileSync(file, JSON.stringify({ format_version: '2.0', planned_values: {} }));
    const r = await mqPolicy(['import', 'terraform', file, '--out', join(scratch, 'v2')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /format_version` 2\.0.*\[unsupported-format-version\]/);
  });
});

describe('bad input', () => {
  it('a source file that is not UTF-8 is exit 3 with a clear error, never decoded into U+FFFD', async () => {
    const file = join(scratch, 'latin1.json');
    writeFileSync(file, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    const r = await mqPolicy(['import', 'terraform', file, '--out', join(scratch, 'latin1')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /is not UTF-8 text.*\[not-utf8\]/);
  });
});

describe('--source on the other commands', () => {
  it('lint --source points at the source line, the address and the position inside the policy string, also in SARIF', async () => {
    const r = await mqPolicy(['lint', '--source', 'terraform:examples/terraform/plan.json', '--format', 'sarif']);
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[]; properties: { positionInPolicyText?: unknown } }[] }[] };
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'create-broker-missing-ec2')!;
    const loc = result.locations[0]!;
    assert.equal(loc.physicalLocation.artifactLocation.uri, 'examples/terraform/plan.json');
    const line = readFileSync(join(ROOT, 'examples/terraform/plan.json'), 'utf8').split('\n')[loc.physicalLocation.region.startLine - 1]!;
    assert.match(line, /"policy": ".*mq:CreateBroker/);
    assert.match(loc.logicalLocations[0]!.fullyQualifiedName, /^aws_iam_role_policy\.ci_deploy_brokers#\/Statement\/0\/Action\/0$/);
    assert.deepEqual(result.properties.positionInPolicyText, { line: 8, column: 9 }, 'aws_iam_policy_document renders pretty JSON: line 8 is the first action');
  });

  it('simulate --source decides cases that omit policies by the stored principal; an unknown principal is an error answer', async () => {
    const broker = 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1f0e6c2a-4b7d-4e11-9a55-0c3d2e8f7a10';
    const cases = [
      { id: 'session', request: { principal: 'arn:aws:sts::111122223333:assumed-role/Operator/any-session', action: 'mq:RebootBroker', resource: broker, context: { 'aws:ResourceTag/environment': 'production' } } },
      { id: 'role', request: { principal: 'arn:aws:iam::111122223333:role/teams/Operator', action: 'mq:RebootBroker', resource: broker, context: { 'aws:ResourceTag/environment': 'staging' } } },
      { id: 'user', request: { principal: 'arn:aws:iam::111122223333:user/audit/audrey', action: 'mq:ListBrokers', resource: '*', context: {} } },
      { id: 'stranger', request: { principal: 'arn:aws:iam::111122223333:user/mallory', action: 'mq:ListBrokers', resource: '*', context: {} } },
      { id: 'given', policies: { identity: [] }, request: { principal: 'arn:aws:iam::111122223333:user/audit/audrey', action: 'mq:ListBrokers', resource: '*', context: {} } },
    ];
    const r = await mqPolicy(['simulate', '--source', 'terraform:examples/terraform/plan.json'], cases.map((c) => JSON.stringify(c)).join('\n'));
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; decision?: string; determining?: { policy: string }[]; error?: { code: string } });
    assert.deepEqual(answers.map((a) => [a.id, a.decision ?? a.error?.code]), [['session', 'ExplicitDeny'], ['role', 'Allowed'], ['user', 'Allowed'], ['stranger', 'unknown-principal'], ['given', 'ImplicitDeny']]);
    assert.equal(answers[0]!.determining![0]!.policy, 'deny-production-changes');
    assert.equal(r.code, 3, 'an error answer makes the batch exit 3');
  });

  it('simulate --store reads an imported store the same way', async () => {
    const out = join(scratch, 'terraform');
    if (!existsSync(join(out, 'principals.yaml'))) await mqPolicy(['import', 'terraform', 'examples/terraform/plan.json', '--out', out]);
    const c = { id: 'a', request: { principal: 'arn:aws:iam::111122223333:user/developers/dmitri', action: 'mq:DeleteBroker', resource: '*', context: {} } };
    const r = await mqPolicy(['simulate', '--store', out], JSON.stringify(c));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"decision":"ExplicitDeny".*developer-boundary/);
  });

  it('matrix --source runs on the source without an import step', async () => {
    const r = await mqPolicy(['matrix', '--source', 'cloudformation:examples/cloudformation/template.yaml', '--account', '111122223333', '--region', 'eu-west-1', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /olga/);
  });

  it('source options without --source are a usage error, not silently ignored', async () => {
    const r = await mqPolicy(['matrix', '--account', '111122223333']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /`--account` belongs to a source/);
  });
});
