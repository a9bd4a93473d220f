import { Then } from '@cucumber/cucumber';
import { HarnessInputError, PROPERTY_MEDIA_TYPE, allowedForAnyMatchingAction, checkRegion, forAnyContext, parseConstraint, type Expectation, createOnlyWithTag, neverAllowedInAnyContext, onlyWhoOnAnyTags, type PropertyOptions, type PropertyOutcome, type PrincipalSelection, type StoredPrincipal, type StoredResource, type Tags } from '../src/index';
import { attachDecision, failWith } from './support/assertions';
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
function report(world: HarnessWorld, outcome: PropertyOutcome): void {
  world.attach(JSON.stringify({ law: world.stepText ?? 'property', seed: outcome.seed, numRuns: outcome.numRuns, passed: outcome.passed, ...(outcome.path !== undefined ? { path: outcome.path } : {}) }), PROPERTY_MEDIA_TYPE);
  if (outcome.counterexample) attachDecision(world, outcome.counterexample, 'the law', false);
  world.log(outcome.message.split('\n')[0]!);
  if (!outcome.passed) failWith(outcome.message);
}

Then('for any tags on {resource}, only {principals} can call {action} on it', function (this: HarnessWorld, resource: StoredResource | '*', who: PrincipalSelection, action: string) {
  if (resource === '*') throw new HarnessInputError('name a broker or configuration');
  report(this, onlyWhoOnAnyTags(this.store, resource, who.members.map((p) => p.name), action, this.settings, options()));
});

Then('for any request tags, the {principal} can call mq:CreateBroker only with the tag {tags}', function (this: HarnessWorld, principal: StoredPrincipal, tags: Tags) {
  const [key, value] = Object.entries(tags)[0]!;
  report(this, createOnlyWithTag(this.store, principal.name, key, value, this.settings, options()));
});

Then('for any action matched by {string} on any resource in {string}, the {principal} is allowed', function (this: HarnessWorld, pattern: string, region: string, principal: StoredPrincipal) {
  report(this, allowedForAnyMatchingAction(this.store, principal.name, pattern, checkRegion(region), this.settings, options()));
});

Then('for any request context, the {principal} is never allowed to call {action} on {resource}', function (this: HarnessWorld, principal: StoredPrincipal, action: string, resource: StoredResource | '*') {
  report(this, neverAllowedInAnyContext(this.store, principal.name, action, resource, this.settings, options()));
});

Then('for any request context with {constraint}, the {principal} is never allowed to call {action} on {resource}', function (this: HarnessWorld, constraint: string, principal: StoredPrincipal, action: string, resource: StoredResource | '*') {
  const law = { principal, calls: [{ action, resource }], expect: { kind: 'never-allowed' as const }, constraint: parseConstraint(constraint, [action]) };
  report(this, forAnyContext(this.store, law, this.settings, options()));
});

/** The scenario's principal and last call, in every context the scenario did not fix. */
Then('for any request context, it is {outcome}', function (this: HarnessWorld, expectation: Expectation) {
  const law = { principal: this.actor(), calls: this.evaluations.map((e) => e.call), expect: { kind: 'outcome' as const, expectation } };
  this.last();
  report(this, forAnyContext(this.store, law, this.settings, options()));
});

Then('for any request context with {constraint}, it is {outcome}', function (this: HarnessWorld, constraint: string, expectation: Expectation) {
  this.last();
  const calls = this.evaluations.map((e) => e.call);
  const law = { principal: this.actor(), calls, expect: { kind: 'outcome' as const, expectation }, constraint: parseConstraint(constraint, calls.map((c) => c.action)) };
  report(this, forAnyContext(this.store, law, this.settings, options()));
});
