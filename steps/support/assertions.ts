import assert from 'node:assert/strict';
import { DECISION_MEDIA_TYPE, decisionRecord, explain, meets, outcomeWords, type Evaluation, type Expectation } from '../../src/index';
import type { HarnessWorld } from './world';

/** Attaches the decision to the scenario (for the reports), whether or not it was asserted. */
export function attachDecision(world: HarnessWorld, evaluation: Evaluation, expected?: string, passed?: boolean): void {
  world.attach(JSON.stringify(decisionRecord(evaluation, expected, passed)), DECISION_MEDIA_TYPE);
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
  if (!passed) failWith(`expected ${expected.text}, but it is ${outcomeWords(evaluation)}\n${explain(evaluation)}`);
}

/** Checks several decisions at once and reports every one that failed. */
export function assertAll(failures: readonly string[], header: string): void {
  if (failures.length > 0) failWith(`${header}\n\n${failures.join('\n\n')}`);
}
