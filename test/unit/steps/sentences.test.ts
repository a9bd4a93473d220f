import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs the step library once over the failing variants and the mistakes (test/fixtures/sentences), as a user's
 * run would, and reads what each failing step said from the message stream, the console and JUnit.
 */
interface Failure {
  readonly step: string;
  readonly type: string;
  readonly message: string;
}

const failures = new Map<string, Failure>();
let consoleText = '';
let junit = '';

before(() => {
  const dir = mkdtempSync(join(tmpdir(), 'mq-sentences-'));
  const root = resolve('.');
  const cli = join(require.resolve('@cucumber/cucumber/package.json'), '..', 'bin', 'cucumber.js');
  const run = spawnSync(process.execPath, [cli, '--config', 'test/fixtures/sentences/cucumber.cjs'], { cwd: root, encoding: 'utf8', env: { ...process.env, MQ_POLICY_PROPERTY_RUNS: '60', MQ_SENTENCES_OUT: dir } });
  assert.notEqual(run.status, 0, `every fixture scenario fails\n${run.stderr}\n${run.stdout}`);
  if (run.error) throw run.error;
  const envelopes = readFileSync(join(dir, 'run.ndjson'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>);
  const pickles = new Map<string, { name: string; steps: Map<string, string> }>();
  const testCases = new Map<string, { pickle: string; steps: Map<string, string> }>();
  const started = new Map<string, string>();
  for (const e of envelopes) {
    if (e.pickle) pickles.set(e.pickle.id, { name: e.pickle.name, steps: new Map(e.pickle.steps.map((s: any) => [s.id, s.text])) });
    if (e.testCase) testCases.set(e.testCase.id, { pickle: e.testCase.pickleId, steps: new Map(e.testCase.testSteps.filter((s: any) => s.pickleStepId).map((s: any) => [s.id, s.pickleStepId])) });
    if (e.testCaseStarted) started.set(e.testCaseStarted.id, e.testCaseStarted.testCaseId);
    const done = e.testStepFinished;
    if (done && done.testStepResult.status !== 'PASSED' && done.testStepResult.status !== 'SKIPPED') {
      const tc = testCases.get(started.get(done.testCaseStartedId)!)!;
      const pickle = pickles.get(tc.pickle)!;
      const stepText = pickle.steps.get(tc.steps.get(done.testStepId) ?? '') ?? '(hook)';
      failures.set(pickle.name, { step: stepText, type: done.testStepResult.exception?.type ?? done.testStepResult.status, message: done.testStepResult.exception?.message ?? done.testStepResult.message ?? '' });
    }
  }
  consoleText = readFileSync(join(dir, 'console.txt'), 'utf8');
  junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
});

function failure(name: string): Failure {
  const f = failures.get(name);
  assert.ok(f, `scenario \`${name}\` should fail; failed: ${[...failures.keys()].join(', ')}`);
  return f;
}

/** A failed expectation (exit 2), whose message starts with the account of what did not hold. */
function expectationFailed(name: string, ...fragments: string[]): string {
  const f = failure(name);
  assert.equal(f.type, 'AssertionError', `${name}: ${f.message}`);
  for (const s of fragments) assert.ok(f.message.includes(s), `${name}: expected \`${s}\` in:\n${f.message}`);
  return f.message;
}

/** An input error (exit 1) with the message that points at the fix. */
function inputError(name: string, ...fragments: string[]): string {
  const f = failure(name);
  assert.equal(f.type, 'HarnessInputError', `${name}: ${f.message}`);
  for (const s of fragments) assert.ok(f.message.includes(s), `${name}: expected \`${s}\` in:\n${f.message}`);
  return f.message;
}

test('nobody except <principals>: everyone else must be denied, and the one allowed is named with the statement', () => {
  expectationFailed('nobody except fails', 'break-glass on analytics-prod-fra: allowed by break-glass statement FullAmazonMQWithMFA', 'expected denied');
});

test('nobody can: the first principal allowed is named, then explained', () => {
  const m = expectationFailed('nobody fails', 'admin on sandbox: allowed by AmazonMQFullAccess', 'the first of them explained:');
  assert.ok(m.indexOf('admin on sandbox') < m.indexOf('the first of them explained:'));
});

test('<set> can: a member that is denied fails the claim', () => {
  expectationFailed('set can fails', 'developer on orders-prod: implicitly denied no Allow in the identity policies, expected allowed');
});

test('<set> cannot with a wildcard: each expanded action is reported on its own', () => {
  expectationFailed('set cannot fails per action', 'mq:DeleteBroker: holds', 'mq:DeleteTags: holds', 'mq:DeleteUser: 2 of 6 do not hold', 'orders-developer on orders-prod: allowed by developer-team-brokers statement ManageOwnTeamBrokers');
});

test('only <principals> with an action list: each action on its own', () => {
  expectationFailed('only fails per action', 'break-glass on sandbox: allowed', 'mq:RebootBroker');
});

test('a session built in the scenario is decided with its session tags and session policy', () => {
  expectationFailed('session built in the scenario fails', 'expected allowed by ci-pipeline-session statement ChangeBrokersOfThePipelineTeam, but it is implicitly denied', 'CIDeployer/deploy-7');
});

test('it is <outcome> by <policy> statement <Sid> fails when another statement of the policy decides', () => {
  expectationFailed('statement Sid fails', 'expected allowed by mq-operator statement ReadEverything, but it is allowed', 'Sid `OperateBrokers`');
});

test('it is <outcome> by <policy> statement <index> fails when the outcome differs', () => {
  expectationFailed('statement index fails', 'expected allowed by FullAWSAccess statement 0, but it is explicitly denied', 'region-lock');
});

test('a session with a session policy only is capped by it', () => {
  expectationFailed('session policy only fails', 'but it is implicitly denied', 'no Allow in the session policies');
});

test('for any request context: varies only what the scenario left open and says which keys it varied', () => {
  expectationFailed('context property fails', 'varied aws:SourceIp, aws:MultiFactorAuthPresent, aws:SecureTransport, aws:CurrentTime', 'shrunk counterexample');
});

test('for any request context with <key> in <values>: the constrained key stays inside the block', () => {
  const m = expectationFailed('constrained context property fails', 'aws:SourceIp (in 10.20.0.0/16)', 'not explicitly denied by deny-outside-ci-network');
  assert.match(m, /"aws:SourceIp": "10\.20\.\d+\.\d+"/);
});

test('for any request context with <key> outside <values>: tries the networks the policies name, and finds the other CI network', () => {
  const m = expectationFailed('outside-constrained context property fails', 'aws:SourceIp (outside 10.20.0.0/16)', 'not explicitly denied by deny-outside-ci-network');
  assert.match(m, /"aws:SourceIp": "198\.51\.100\.\d+"/);
});

test('for any request context with <key> in <values>, the <principal> is never allowed: fails when MFA is present', () => {
  expectationFailed('constrained never-allowed fails', 'break-glass is allowed', 'aws:MultiFactorAuthPresent (in true)');
});

test('the tables of access hold: a wildcard in the action column is expanded and each action checked', () => {
  expectationFailed('table with a wildcard fails', 'row 1: developer | mq:DeleteUser | payments-prod: expected denied, but it is allowed');
});

test('an undefined sentence gets the step rewritten and the closest sentences, not a snippet', () => {
  inputError('an article before the broker name', 'did you mean `When they call mq:DeleteBroker on orders-prod`?', '  When they call {action} on {resource}', '{resource} is a broker or configuration of inventory.yaml');
  inputError('should be', 'did you mean `Then it is allowed`?', '{outcome} is `allowed`, `denied`');
  inputError('a tag list without the space after a comma', 'did you mean `Given the ci-deployer with session tags team=orders, env=dev`?', '`team=orders,env=dev` is not {tags}');
  inputError('a colon for an equals sign', 'did you mean `When they create a broker tagged team=search`?', '`team:search` is not {tags}');
  assert.doesNotMatch(consoleText, /Undefined\. Implement with the following snippet/);
  assert.match(junit, /did you mean `Then it is allowed`\?/);
});

test('values are checked where they are given, with the line for checks that need the action', () => {
  inputError('an unknown context key', 'unknown context key `aws:SourceIpAddress`; did you mean `aws:SourceIp`?');
  inputError('a context key the action never carries', 'the context key `ec2:AuthorizedService` is never in a request for `mq:DeleteBroker`', 'given at test/fixtures/sentences/mistakes.feature:26');
  inputError('an unknown region', 'unknown AWS Region `eu-wst-1`; did you mean `eu-west-1`?');
  inputError('a CIDR where an address is expected', '`10.0.0.0/8` is a CIDR block, but aws:SourceIp is one address');
  inputError('a malformed time', '`2026-13-01T10:00` is not a time: write ISO 8601 in UTC');
});

test('the missing context keys step says what it looked for, not -false +true', () => {
  const m = expectationFailed('the missing context keys step', 'expected aws:SourceIp among the missing context keys, found none');
  assert.doesNotMatch(consoleText, /-false\s+\+true/);
  assert.ok(m.split('\n').length < 12);
});

test('a failing who-can step prints its explanation first, in a few lines, with no attachments in the console', () => {
  const m = expectationFailed('a who-can check that fails', 'nobody can call mq:DeleteBroker on every broker:');
  assert.doesNotMatch(consoleText, /Attachment \(/);
  const block = consoleText.slice(consoleText.indexOf('Scenario: a who-can check that fails'));
  const firstLines = block.split('\n').slice(0, 4).join('\n');
  assert.match(firstLines, /nobody can call mq:DeleteBroker on every broker: \d+ of \d+ decisions do not hold/);
  assert.ok(m.split('\n').length <= 30, `${m.split('\n').length} lines`);
  assert.doesNotMatch(block.split('\n').slice(0, 30).join('\n'), /^\s+at /m);
});
