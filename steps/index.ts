/**
 * The step library as a package entry (`mq-policy-harness/steps`): what a user's own step files need to
 * write sentences that read and check exactly as the built-in ones. The built-in steps register themselves
 * when `mq-policy test` loads them; importing this module registers nothing.
 */
export { HarnessWorld, theStore } from './support/world';
export { assertAll, assertDecision, attachDecision } from './support/assertions';
