// @ts-check
// An example of your own step. Files under steps/ (JavaScript, CommonJS or ESM, or TypeScript with
// `typescript` installed) are loaded beside the built-in sentences: they get the same World (`this`: the
// principal, the request settings, the store) and the same typed parameters ({principal}, {action},
// {resource}, {tags}, {outcome}, {principals}), so a sentence of your own decides and explains requests
// exactly as the built-in ones do.
const { Then } = require('@cucumber/cucumber');
const { evaluate, parseExpectation } = require('mq-policy-harness');
const { assertDecision } = require('mq-policy-harness/steps');

/**
 * "Then the auditor can call mq:DescribeBroker on orders-prod": who, what and the outcome in one line.
 * A failure prints the engine's explanation (which statements decided, and why).
 * @this {import('mq-policy-harness/steps').HarnessWorld}
 * @param {import('mq-policy-harness').StoredPrincipal} principal
 * @param {string} action
 * @param {import('mq-policy-harness').CallResource} resource
 */
function canCall(principal, action, resource) {
  const evaluation = evaluate(this.store, principal, { action, resource }, this.settings);
  assertDecision(this, evaluation, parseExpectation(this.store, 'allowed'));
}

Then('the {principal} can call {action} on {resource}', canCall);
