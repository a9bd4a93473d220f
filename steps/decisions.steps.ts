import { Then, type DataTable } from '@cucumber/cucumber';
import { accessRows, actionPairs, checkAccessTable, decisionLine, explain, onlyCan, onlyCanChecks, type ActionSelection, type StoredResource, type Expectation, type PrincipalSelection } from '../src/index';
import { assertAll, assertDecision, attachClaim, attachDecision, failWith } from './support/assertions';
import type { HarnessWorld } from './support/world';

Then('it is {outcome}', function (this: HarnessWorld, expected: Expectation) {
  assertDecision(this, this.last(), expected);
});

Then('the missing context keys include {string}', function (this: HarnessWorld, key: string) {
  const r = this.last().result;
  const missing = r.kind === 'decision' ? r.missingContextKeys : [];
  if (!missing.some((k) => k.toLowerCase() === key.toLowerCase())) failWith(`expected ${key} among the missing context keys, found ${missing.join(', ') || 'none'}\n${explain(this.last())}`);
});

/**
 * principal | action | resource | outcome: every row is decided and checked (a cell may hold a set, an action
 * list or a wildcard); all failures are reported together.
 */
function accessHolds(this: HarnessWorld, table: DataTable): void {
  const result = checkAccessTable(this.store, accessRows(table.hashes()), this.settings);
  for (const c of result.checks) attachDecision(this, c.evaluation, c.expected, c.passed);
  if (!result.passed) failWith(result.message);
}

Then('the following access holds:', accessHolds);
Then('the tables of access hold:', accessHolds);

/** What the {resources} parameter type gives: the words used and the inventory resources they name. */
interface ResourceSet {
  readonly text: string;
  readonly resources: readonly (StoredResource | '*')[];
}

function checkOnlyCan(world: HarnessWorld, who: PrincipalSelection, actions: ActionSelection, on: ResourceSet): void {
  const resources = on.resources;
  const resourcesText = on.text;
  const principals = who.members.map((p) => p.name);
  const failures: string[] = [];
  // Each action on its own, on the resources it applies to (a wildcard expands per resource kind).
  const pairs = actionPairs(actions, resources);
  for (const action of [...new Set(pairs.map((p) => p.action))]) {
    const onResources = pairs.filter((p) => p.action === action).map((p) => p.resource);
    const result = onlyCan(world.store, principals, action, onResources, world.settings);
    const text = `${principals.length === 0 ? 'nobody' : `only ${who.text}`} can call ${action}${resourcesText === '*' ? '' : ` on ${resourcesText}`}`;
    attachClaim(world, { kind: principals.length === 0 ? 'nobody-can' : 'only-can', text, checks: onlyCanChecks(principals, result), principalScope: 'all', selector: resourcesText, resources: onResources });
    for (const e of result.violations) failures.push(decisionLine(e, principals.includes(e.principal.name) ? 'allowed' : 'denied'));
  }
  assertAll(failures, `only ${who.text} should be able to call ${actions.text} on ${resourcesText}, but:`);
}

Then('only {principals} can call {actions} on {resources}', function (this: HarnessWorld, who: PrincipalSelection, actions: ActionSelection, on: ResourceSet) {
  checkOnlyCan(this, who, actions, on);
});

Then('only {principals} can call {actions}', function (this: HarnessWorld, who: PrincipalSelection, actions: ActionSelection) {
  checkOnlyCan(this, who, actions, { text: '*', resources: ['*'] });
});
