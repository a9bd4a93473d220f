import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictOf } from '../../../src/cli/test-outcome';

const line = (o: unknown): string => JSON.stringify(o);
const finished = (success: boolean): string => line({ testRunFinished: { success } });
const step = (status: string, type?: string, message?: string): string => line({ testStepFinished: { testStepResult: { status, ...(type ? { exception: { type, message } } : {}) } } });

test('a failed assertion is an expectation failure naming the decisive policy file', () => {
  const msg = 'expected denied\n  decided by:\n    policies/identity/x.json:4 statement 0 [identity policies, Allow]\n    policies/scps/0-root/all.json:4 statement 0 [SCPs at level 0, Allow]';
  const v = verdictOf([step('PASSED'), step('FAILED', 'AssertionError', msg), finished(false)].join('\n'));
  assert.equal(v.kind, 'expectation-failed');
  assert.deepEqual(v.policyFiles, ['policies/identity/x.json']);
});

test('undefined steps, other errors and unfinished runs are harness errors', () => {
  assert.equal(verdictOf([step('UNDEFINED'), finished(false)].join('\n')).kind, 'harness-error');
  assert.equal(verdictOf([step('FAILED', 'HarnessInputError', 'unknown principal'), finished(false)].join('\n')).kind, 'harness-error');
  assert.equal(verdictOf(step('FAILED', 'AssertionError', 'x')).kind, 'harness-error');
  assert.equal(verdictOf([step('PASSED'), finished(true)].join('\n')).kind, 'passed');
});
