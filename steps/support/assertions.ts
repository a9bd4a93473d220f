import assert from 'node:assert/strict';
import { CLAIM_MEDIA_TYPE, DECISION_MEDIA_TYPE, claimRecord, decidedWords, decisionRecord, explain, meets, type ClaimInput, type Evaluation, type Expectation } from '../../src/index';
import { theStore, type HarnessWorld } from './world';

/** Attaches the decision to the scenario (for the reports), whether or not it was asserted. */
export function attachDecision(world: HarnessWorld, evaluation: Evaluation, expected?: string, passed?: boolean): void {
  world.attach(JSON.stringify(decisionRecord(evaluation, expected, passed, theStore())), DECISION_MEDIA_TYPE);
}

/**
 * Fails the step with `message` alone: an expectation that did not hold is explained by the engine, and a stack
 * trace into the step library would only push the explanation off the screen.
 */
export function failWith(message: string): never {
  const error = new assert.AssertionError({ message });
  error.stack = `AssertionError: ${message}`;
  throw error;
}

/** Checks one decision; a failure's message is the engine's explanation. */
export function assertDecision(world: HarnessWorld, evaluation: Evaluation, expected: Expectation): void {
  const passed = meets(evaluation, expected);
  attachDecision(world, evaluation, expected.text, passed);
  if (!passed) failWith(`expected ${expected.text}, but it is ${decidedWords(evaluation)}\n${explain(evaluation)}`);
}

/** Checks several decisions at once and reports every one that failed. */
export function assertAll(failures: readonly string[], header: string): void {
  if (failures.length > 0) failWith(`${header}\n\n${failures.join('\n\n')}`);
}

/**
 * Records a claim over many decisions (`only … can`, `nobody can`, who-can): every decision it made, each with
 * what the claim expected of it (so they assert the matrix cells they decided), then the claim itself with its
 * scope and near misses. Every claim sentence records through this.
 */
export function attachClaim(world: HarnessWorld, claim: ClaimInput): void {
  for (const c of claim.checks) attachDecision(world, c.evaluation, c.expected, c.passed);
  world.attach(JSON.stringify(claimRecord(theStore(), claim, world.settings)), CLAIM_MEDIA_TYPE);
}
