import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allDecisions, buildCoverage, coverageGate, parseCoverageThreshold, readMessages, statementLabel } from '../../src/reports';
import { fixtureEnvelopes, fixtureStatements } from './fixture';

const records = allDecisions(readMessages(fixtureEnvelopes()).features).map((d) => d.record);
const coverage = buildCoverage(fixtureStatements(), records);

test('every stored statement is counted: exercised, applied, decisive', () => {
  assert.equal(coverage.complete, true);
  assert.equal(coverage.decisions, 11);
  assert.deepEqual(coverage.statements, { total: 5, exercised: 4, decisive: 3, decisivePercent: 60, exercisedPercent: 80 });
  const deny = coverage.entries.find((e) => e.sid === 'DenyProductionChanges');
  // Exercised by DeleteBroker x2 (one passing, one failing scenario), RebootBroker x2 and the nobody claim; applied on production only.
  assert.deepEqual([deny?.exercised, deny?.applied, deny?.decisive], [5, 4, 4]);
});

test('statements not exercised by any scenario are the ones no request reached; exercised-but-never-decisive are listed apart', () => {
  assert.deepEqual(coverage.unexercised.map((d) => d.statementIndex), [2]);
  assert.deepEqual(coverage.neverDecisive.map((d) => d.sid), ['DenyOutsideEuWest1']);
  assert.equal(coverage.unexercised[0]?.conditions[0]?.evaluated, false);
});

test('condition tests: evaluated when the statement was exercised, seen true when it applied', () => {
  const scp = coverage.entries.find((e) => e.kind === 'scp');
  assert.deepEqual(scp?.conditions.map((c) => [c.evaluated, c.satisfied]), [[true, false]]);
  assert.deepEqual(coverage.conditions, { total: 3, evaluated: 2, satisfied: 1 });
});

test('records that name a statement the store lacks are reported, not silently counted', () => {
  const withoutAuditor = fixtureStatements().filter((s) => s.policy !== 'auditor');
  const c = buildCoverage(withoutAuditor, records);
  assert.equal(c.statements.total, 4);
  assert.deepEqual(c.unknown, ['policies/identity/auditor.json:3 statement 0 (ReadOnly)']);
});

test('without the statement list coverage is marked incomplete and the gate refuses to pass', () => {
  const c = buildCoverage(undefined, records);
  assert.equal(c.complete, false);
  assert.equal(c.unexercised.length, 0);
  assert.equal(c.statements.total, 4, 'only statements the records mention');
  assert.equal(coverageGate(c, 0).pass, false);
});

test('the gate passes at the threshold and fails just above it', () => {
  assert.equal(coverageGate(coverage, 60).pass, true);
  const above = coverageGate(coverage, 60.1);
  assert.equal(above.pass, false);
  assert.equal(above.message, 'decisive-statement coverage 60% (3 of 5 statements) is below the threshold of 60.1%');
  assert.equal(coverageGate(buildCoverage([], []), 0).pass, false, 'an empty store proves nothing');
});

test('thresholds are percentages from 0 to 100', () => {
  assert.equal(parseCoverageThreshold('80'), 80);
  assert.equal(parseCoverageThreshold('0'), 0);
  for (const bad of ['', 'abc', '-1', '101', 'NaN']) assert.equal(typeof parseCoverageThreshold(bad), 'string', bad);
});

test('statement labels name file, line, index and Sid', () => {
  assert.equal(statementLabel(fixtureStatements()[1]!), 'policies/identity/operator.json:10 statement 1 (DenyProductionChanges)');
});
