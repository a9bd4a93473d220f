// `mq-policy test --parallel 2` end to end: sharded by feature file, by Cucumber's --shard, and run serially
// below the threshold, each gives exactly the serial run's scenarios, outcomes, exit code and reports.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { spawnTestCommand } from '../support/spawn-test-command';

const REPO = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mq-parallel-'));

before(() => {
  for (const p of ['features', 'policies']) cpSync(join(REPO, p), join(work, p), { recursive: true });
  // One file whose expectation fails and one with a step nobody wrote: both must survive the merge as they are.
  writeFileSync(
    join(work, 'features', 'zz-failing.feature'),
    'Feature: A wrong expectation\n\n  Scenario: The orders consumer is said to tag tokens\n    Given the orders-consumer\n    When they call sts:TagGetWebIdentityToken\n    Then it is allowed\n\n  Scenario: A step nobody wrote\n    Given a step that no step library defines\n',
  );
});

after(() => rmSync(work, { recursive: true, force: true }));

const mqPolicy = (args: string[], env: Record<string, string> = {}) => spawnTestCommand(work, ['--baseline', 'none', ...args], { MQ_POLICY_PROPERTY_SEED: '20261201', ...env });

/** Every scenario run, as `file | name | each step's status and first message line`, sorted. */
function outcomes(out: string): string[] {
  const pickles = new Map<string, { uri: string; name: string }>();
  const cases = new Map<string, string>();
  const started = new Map<string, string>();
  const steps = new Map<string, string[]>();
  for (const line of readFileSync(join(work, out, 'cucumber.ndjson'), 'utf8').split('\n')) {
    if (line === '') continue;
    const m = JSON.parse(line) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (m.pickle) pickles.set(m.pickle.id, m.pickle);
    else if (m.testCase) cases.set(m.testCase.id, m.testCase.pickleId);
    else if (m.testCaseStarted) started.set(m.testCaseStarted.id, m.testCaseStarted.testCaseId);
    else if (m.testStepFinished) {
      const r = m.testStepFinished.testStepResult;
      const list = steps.get(m.testStepFinished.testCaseStartedId) ?? [];
      list.push(`${r.status}${r.message ? `: ${String(r.message).split('\n')[0]}` : ''}`);
      steps.set(m.testStepFinished.testCaseStartedId, list);
    }
  }
  return [...started].map(([id, testCase]) => {
    const p = pickles.get(cases.get(testCase) ?? '') ?? { uri: '(no pickle in the messages)', name: testCase };
    return `${p.uri} | ${p.name} | ${(steps.get(id) ?? []).join(', ')}`;
  }).sort();
}

/** A report with its timings taken out: the same run gives the same text (the property laws' seed is fixed). */
const report = (out: string, name: string): string =>
  readFileSync(join(work, out, name), 'utf8').replace(/time="[^"]*"/g, 'time=""').replace(/ in \d+(\.\d+)? s\./g, ' in _ s.');

test('--parallel 2 gives exactly the serial run: sharded by file, by Cucumber\'s --shard, and below the threshold', async () => {
  const serial = await mqPolicy(['--out', 'serial']);
  // A step no library defines is a harness error (exit 1), which outranks the failed expectation (exit 2).
  assert.equal(serial.code, 1, `the failing file fails the run\n${serial.stderr}`);
  assert.match(serial.stderr, /no sentence of the step library reads `a step that no step library defines`/);
  const expected = outcomes('serial');
  assert.ok(expected.some((o) => o.includes('zz-failing.feature | The orders consumer is said to tag tokens | PASSED, PASSED, FAILED: AssertionError: expected allowed')), expected.join('\n'));
  assert.ok(expected.some((o) => o.includes('A step nobody wrote | FAILED: HarnessInputError: no sentence of the step library reads')), 'the step nobody wrote is recorded');
  const runs = [
    { name: 'by-file', args: ['--out', 'by-file', '--parallel', '2'], env: { MQ_POLICY_PARALLEL_MIN_SCENARIOS: '0' }, how: /in 2 processes, split by feature file\n/ },
    { name: 'by-pickle', args: ['--out', 'by-pickle', '--parallel', '2', 'features/access-claims/who-can.feature', 'features/zz-failing.feature:3:8'], env: { MQ_POLICY_PARALLEL_MIN_SCENARIOS: '0' }, how: /in 2 processes, split scenario by scenario \(`features\/zz-failing.feature:3:8` names scenarios by line or in a rerun file\)\n/ },
  ];
  for (const { name, args, env, how } of runs) {
    const sharded = await mqPolicy(args, env);
    const serialOfSame = name === 'by-file' ? serial : await mqPolicy(['--out', `${name}-serial`, ...args.slice(2).filter((a) => a !== '--parallel' && a !== '2')]);
    const reference = name === 'by-file' ? 'serial' : `${name}-serial`;
    assert.equal(sharded.code, serialOfSame.code, `${name}: the same exit code\n${sharded.stderr}`);
    assert.match(sharded.stdout, how, name);
    assert.doesNotMatch(sharded.stderr, /running them in this process/, name);
    assert.deepEqual(outcomes(name), outcomes(reference), `${name}: the same scenarios with the same outcomes`);
    assert.equal(report(name, 'junit.xml'), report(reference, 'junit.xml'), `${name}: the same junit.xml`);
    assert.equal(report(name, 'summary.md'), report(reference, 'summary.md'), `${name}: the same summary.md`);
  }
  const small = await mqPolicy(['--out', 'small', '--parallel', '2']);
  assert.match(small.stderr, /--parallel 2: \d+ scenarios in the feature files, fewer than the 800 a second process pays for; running them in this process/);
  assert.equal(small.code, serial.code);
  assert.deepEqual(outcomes('small'), expected);
});
