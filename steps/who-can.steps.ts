import { Then } from '@cucumber/cucumber';
import { actionPairs, checkContextKeys, claimFailureMessage, type ActionOnResource, membersCan, nobodyExcept, type AccessClaimResult, type ActionSelection, type PrincipalSelection, type StoredResource } from '../src/index';
import { attachClaim, failWith } from './support/assertions';
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

/** How a sentence ranges over principals, for the claim's recorded scope. */
interface Scope {
  readonly kind: 'only-can' | 'nobody-can' | 'who-can';
  readonly principalScope: 'all' | 'named';
  readonly excluded?: readonly string[];
  readonly on: ResourceSet;
}

/** Records every decision the sentence checked and the claim they add up to (for the reports), then fails with the short account. */
function settle(world: HarnessWorld, sentence: string, result: AccessClaimResult, scope: Scope): void {
  attachClaim(world, { kind: scope.kind, text: sentence, checks: result.checks, principalScope: scope.principalScope, ...(scope.excluded ? { excluded: scope.excluded } : {}), selector: scope.on.text, resources: scope.on.resources });
  if (!result.passed) failWith(claimFailureMessage(sentence, result));
}

Then('nobody except {principals} can call {actions} on {resources}', function (this: HarnessWorld, except: PrincipalSelection, actions: ActionSelection, on: ResourceSet) {
  const result = nobodyExcept(this.store, except.members, pairsFor(this, actions, on), this.settings);
  settle(this, `nobody except ${except.text} can call ${actions.text} on ${on.text}`, result, { kind: 'nobody-can', principalScope: 'all', excluded: except.members.map((p) => p.name), on });
});

Then('nobody can call {actions} on {resources}', function (this: HarnessWorld, actions: ActionSelection, on: ResourceSet) {
  const result = nobodyExcept(this.store, [], pairsFor(this, actions, on), this.settings);
  settle(this, `nobody can call ${actions.text} on ${on.text}`, result, { kind: 'nobody-can', principalScope: 'all', on });
});

Then('{principals} can call {actions} on {resources}', function (this: HarnessWorld, who: PrincipalSelection, actions: ActionSelection, on: ResourceSet) {
  const result = membersCan(this.store, who.members, 'allowed', pairsFor(this, actions, on), this.settings);
  settle(this, `${who.text} can call ${actions.text} on ${on.text}`, result, { kind: 'who-can', principalScope: 'named', on });
});

Then('{principals} cannot call {actions} on {resources}', function (this: HarnessWorld, who: PrincipalSelection, actions: ActionSelection, on: ResourceSet) {
  const result = membersCan(this.store, who.members, 'denied', pairsFor(this, actions, on), this.settings);
  settle(this, `${who.text} cannot call ${actions.text} on ${on.text}`, result, { kind: 'who-can', principalScope: 'named', on });
});
