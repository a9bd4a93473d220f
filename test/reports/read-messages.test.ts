import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DECISION_MEDIA_TYPE } from '../../src/model';
import { allDecisions, decodeDecision, parseNdjson, readMessages, worstStatus } from '../../src/reports';
import { fixtureEnvelopes, HOSTILE } from './fixture';

const run = readMessages(fixtureEnvelopes());
const scenarios = run.features.flatMap((f) => f.scenarios);
const named = (name: string) => {
  const s = scenarios.filter((x) => x.name === name);
  assert.ok(s.length > 0, `no scenario named ${name}`);
  return s;
};

test('features and scenarios come out in source order, one scenario per Example row', () => {
  assert.deepEqual(run.features.map((f) => f.name), ['Broker lifecycle (report fixture)', 'Read-only access for auditors']);
  assert.equal(scenarios.length, 10);
  const rows = named('rebooting depends on the environment tag');
  assert.deepEqual(rows.map((r) => r.example), ['brokers: broker=orders-dev, outcome=allowed', 'brokers: broker=orders-prod, outcome=explicitly denied']);
  assert.equal(new Set(scenarios.map((s) => s.anchor)).size, 10, 'anchors are unique');
  assert.equal(run.problems.length, 0);
});

test('steps keep their Gherkin keyword, status and data table; background steps are included', () => {
  const [s] = named('the operator can describe any broker');
  assert.deepEqual(s!.steps.map((st) => `${st.keyword} ${st.text} ${st.status}`), [
    'Given the principal "operator" passed',
    'When they call "mq:DescribeBroker" on "orders-prod" passed',
    'Then it is "allowed" passed',
  ]);
  const [table] = named("the auditor's access holds");
  assert.deepEqual(table!.steps[0]!.dataTable?.[0], ['principal', 'action', 'resource', 'outcome']);
  assert.equal(table!.decisions.length, 2);
});

test('a failed scenario carries the explanation without stack trace, and later steps are skipped', () => {
  const [s] = named('a wrong expectation fails with the explanation');
  assert.equal(s!.status, 'failed');
  const failed = s!.steps.find((st) => st.status === 'failed');
  assert.match(failed?.message ?? '', /DenyProductionChanges/);
  assert.doesNotMatch(failed?.message ?? '', /\s+at /);
  assert.equal(s!.steps.at(-1)?.status, 'skipped');
  assert.equal(s!.decisions[0]?.passed, false);
});

test('decision attachments are decoded into records per scenario; names stay raw until rendered', () => {
  const decisions = allDecisions(run.features);
  assert.equal(decisions.length, 11);
  assert.ok(decisions.every((d) => d.record.principal !== '' && d.record.explanation !== ''));
  const [hostile] = named(HOSTILE);
  assert.equal(hostile!.decisions[0]?.action, 'mq:ListBrokers');
});

test('run metadata: counts, start time and duration come from the messages', () => {
  assert.equal(run.run.scenarios.passed, 9);
  assert.equal(run.run.scenarios.failed, 1);
  assert.equal(run.run.steps.skipped, 1);
  assert.equal(run.run.success, false);
  assert.match(run.run.startedAt ?? '', /^\d{4}-\d\d-\d\dT/);
  assert.ok((run.run.durationMs ?? -1) >= 0);
  assert.match(run.run.cucumber ?? '', /^cucumber-js 12\./);
});

test('a retried scenario shows its last attempt only', () => {
  const envelopes = fixtureEnvelopes() as Record<string, any>[];
  const started = envelopes.find((e) => e['testCaseStarted'])!['testCaseStarted'];
  // Pretend the first test case's recorded attempt was attempt 0 and a later attempt 1 failed everything.
  const retry = { testCaseStarted: { ...started, id: 'retry-1', attempt: 1 } };
  const testCase = envelopes.find((e) => e['testCase']?.id === started.testCaseId)!['testCase'];
  const failedSteps = testCase.testSteps.map((s: { id: string }) => ({ testStepFinished: { testCaseStartedId: 'retry-1', testStepId: s.id, testStepResult: { status: 'FAILED', message: 'boom', duration: { seconds: 0, nanos: 0 } }, timestamp: { seconds: 0, nanos: 0 } } }));
  const again = readMessages([...envelopes, retry, ...failedSteps]);
  const first = again.features[0]!.scenarios[0]!;
  assert.equal(first.status, 'failed');
  assert.equal(first.decisions.length, 0, 'decisions of the earlier attempt are not shown');
});

test('malformed and base64 attachments: problems are collected, valid base64 decodes', () => {
  const rec = { principal: 'p', principalArn: 'a', action: 'mq:X', resource: '*', context: {}, outcome: 'Allowed', determining: [], exercised: [], missingContextKeys: [], explanation: 'e' };
  const decoded = decodeDecision(Buffer.from(JSON.stringify(rec)).toString('base64'), 'BASE64');
  assert.equal(typeof decoded === 'string' ? decoded : decoded.action, 'mq:X');
  assert.equal(typeof decodeDecision('{"principal": 1}', 'IDENTITY'), 'string');
  assert.equal(typeof decodeDecision('not json', 'IDENTITY'), 'string');
  const envelopes = fixtureEnvelopes() as Record<string, any>[];
  const someStarted = envelopes.find((e) => e['testCaseStarted'])!['testCaseStarted'].id;
  const bad = { attachment: { testCaseStartedId: someStarted, mediaType: DECISION_MEDIA_TYPE, body: '{}', contentEncoding: 'IDENTITY' } };
  assert.equal(readMessages([...envelopes, bad]).problems.length, 1);
});

test('parseNdjson reports bad lines by number and keeps the rest', () => {
  const r = parseNdjson('{"a":1}\nnope\n\n{"b":2}\n');
  assert.equal(r.envelopes.length, 2);
  assert.deepEqual(r.problems, ['line 2: not a JSON message']);
});

test('worst status follows Cucumber order', () => {
  assert.equal(worstStatus(['passed', 'skipped', 'failed']), 'failed');
  assert.equal(worstStatus(['passed', 'undefined']), 'undefined');
  assert.equal(worstStatus(['passed']), 'passed');
  assert.equal(worstStatus([]), 'unknown');
});
