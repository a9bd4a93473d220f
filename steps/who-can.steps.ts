import { Then } from '@cucumber/cucumber';
import { actionPairs, checkContextKeys, claimFailureMessage, type ActionOnResource, membersCan, nobodyExcept, type AccessClaimResult, type ActionSelection, type PrincipalSelection, type StoredResource } from '../src/index';
import { attachDecision, failWith } from './support/assertions';
import type { HarnessWorld } from './support/world';

/** What the {resources} parameter type gives: the words used and the inventory resources they name. */
interface ResourceSet {
  readonly text: string;
  readonly resources: readonly (StoredResource | '*')[];
}

/** The (action, resource) pairs the sentence asks about; context keys the scenario set must fit one of them. */
function pairsFor(world: HarnessWorld, actions: ActionSelection, on: ResourceSet): ActionOnResource[] {
  const pairs = actionPairs(actions, on.resources);
  checkContextKeys(world.settings, pairs.map((p) => p.action));
  return pairs;
}

/** Records every decision the sentence checked (for the reports), then fails with the short account. */
function settle(world: HarnessWorld, sentence: string, result: AccessClaimResult): void {
  for (const c of result.checks) attachDecision(world, c.evaluation, c.expected, c.passed);
  if (!result.passed) failWith(claimFailureMessage(sentence, result));
}

Then('nobody except {principals} can call {actions} on {resources}', function (this: HarnessWorld, except: PrincipalSelection, actions: ActionSelection, on: ResourceSet) {
  const result = nobodyExcept(this.store, except.members, pairsFor(this, actions, on), this.settings);
  settle(this, `nobody except ${except.text} can call ${actions.text} on ${on.text}`, result);
});

Then('nobody can call {actions} on {resources}', function (this: HarnessWorld, actions: ActionSelection, on: ResourceSet) {
  const result = nobodyExcept(this.store, [], pairsFor(this, actions, on), this.settings);
  settle(this, `nobody can call ${actions.text} on ${on.text}`, result);
});

Then('{principals} can call {actions} on {resources}', function (this: HarnessWorld, who: PrincipalSelection, actions: ActionSelection, on: ResourceSet) {
  const result = membersCan(this.store, who.members, 'allowed', pairsFor(this, actions, on), this.settings);
  settle(this, `${who.text} can call ${actions.text} on ${on.text}`, result);
});

Then('{principals} cannot call {actions} on {resources}', function (this: HarnessWorld, who: PrincipalSelection, actions: ActionSelection, on: ResourceSet) {
  const result = membersCan(this.store, who.members, 'denied', pairsFor(this, actions, on), this.settings);
  settle(this, `${who.text} cannot call ${actions.text} on ${on.text}`, result);
});
