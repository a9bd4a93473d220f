import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import { PROPERTY_MEDIA_TYPE, allowedForAnyMatchingAction, createOnlyWithTag, neverAllowedInAnyContext, onlyWhoOnAnyTags, type PropertyOptions, type PropertyOutcome, type StoredPrincipal, type StoredResource, type Tags } from '../src/index';
import { attachDecision } from './support/assertions';
import type { HarnessWorld } from './support/world';

/** Runs per property step, and the seed/path to replay a failure, from the environment. */
function options(): PropertyOptions {
  const env = process.env;
  const runs = Number(env.MQ_POLICY_PROPERTY_RUNS ?? '100');
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : 100,
    ...(env.MQ_POLICY_PROPERTY_SEED !== undefined ? { seed: Number(env.MQ_POLICY_PROPERTY_SEED) } : {}),
    ...(env.MQ_POLICY_PROPERTY_PATH ? { path: env.MQ_POLICY_PROPERTY_PATH } : {}),
  };
}

/** Records the run's seed whether it passed or not, so the reports show how to replay every property. */
function report(world: HarnessWorld, outcome: PropertyOutcome, law: string): void {
  world.attach(JSON.stringify({ law, seed: outcome.seed, numRuns: outcome.numRuns, passed: outcome.passed, ...(outcome.path !== undefined ? { path: outcome.path } : {}) }), PROPERTY_MEDIA_TYPE);
  if (outcome.counterexample) attachDecision(world, outcome.counterexample, 'the law', false);
  world.log(outcome.message.split('\n')[0]!);
  if (!outcome.passed) assert.fail(outcome.message);
}

Then('for any tags on {resource}, only {principals} can call {action} on it', function (this: HarnessWorld, resource: StoredResource | '*', who: string[], action: string) {
  if (resource === '*') throw new Error('name a broker or configuration');
  report(this, onlyWhoOnAnyTags(this.store, resource, who, action, this.settings, options()), `for any tags on ${resource.name}, only ${who.join(', ')} can call ${action} on it`);
});

Then('for any request tags, the {principal} can call mq:CreateBroker only with the tag {tags}', function (this: HarnessWorld, principal: StoredPrincipal, tags: Tags) {
  const [key, value] = Object.entries(tags)[0]!;
  report(this, createOnlyWithTag(this.store, principal.name, key, value, this.settings, options()), `for any request tags, the ${principal.name} can call mq:CreateBroker only with the tag ${key}=${value}`);
});

Then('for any action matched by {string} on any resource in {string}, the {principal} is allowed', function (this: HarnessWorld, pattern: string, region: string, principal: StoredPrincipal) {
  report(this, allowedForAnyMatchingAction(this.store, principal.name, pattern, region, this.settings, options()), `for any action matched by ${pattern} on any resource in ${region}, the ${principal.name} is allowed`);
});

Then('for any request context, the {principal} is never allowed to call {action} on {resource}', function (this: HarnessWorld, principal: StoredPrincipal, action: string, resource: StoredResource | '*') {
  report(this, neverAllowedInAnyContext(this.store, principal.name, action, resource, this.settings, options()), `for any request context, the ${principal.name} is never allowed to call ${action} on ${resource === '*' ? '*' : resource.name}`);
});
