import assert from 'node:assert/strict';
import { Then, type DataTable } from '@cucumber/cucumber';
import { HarnessInputError, actionNamed, decidedWords, evaluate, explain, meets, onlyCan, parseExpectation, principalNamed, resourceNamed, selectResources, type Expectation } from '../src/index';
import { assertAll, assertDecision, attachClaim, attachDecision } from './support/assertions';
import type { HarnessWorld } from './support/world';

Then('it is {outcome}', function (this: HarnessWorld, expected: Expectation) {
  assertDecision(this, this.last(), expected);
});

Then('the missing context keys include {string}', function (this: HarnessWorld, key: string) {
  const r = this.last().result;
  const missing = r.kind === 'decision' ? r.missingContextKeys : [];
  assert.ok(missing.some((k) => k.toLowerCase() === key.toLowerCase()), `expected ${key} among the missing context keys, found ${missing.join(', ') || 'none'}\n${explain(this.last())}`);
});

/** principal | action | resource | outcome: every row is decided and checked; all failures are reported together. */
Then('the following access holds:', function (this: HarnessWorld, table: DataTable) {
  const failures: string[] = [];
  for (const row of table.hashes()) {
    const { principal, action, resource, outcome } = row as Record<string, string>;
    if (principal === undefined || action === undefined || resource === undefined || outcome === undefined) throw new HarnessInputError('the table needs the columns principal | action | resource | outcome');
    const expected = parseExpectation(this.store, outcome);
    const e = evaluate(this.store, principalNamed(this.store, principal), { action: actionNamed(action), resource: resource === '*' ? '*' : resourceNamed(this.store, resource) }, this.settings);
    const passed = meets(e, expected);
    attachDecision(this, e, expected.text, passed);
    if (!passed) failures.push(`${principal} | ${action} | ${resource}: expected ${expected.text}, but it is ${decidedWords(e)}\n${explain(e)}`);
  }
  assertAll(failures, `${failures.length} of ${table.hashes().length} rows do not hold:`);
});

function checkOnlyCan(world: HarnessWorld, principals: string[], action: string, resourcesText: string): void {
  const resources = resourcesText === '*' ? (['*'] as const) : selectResources(world.store, resourcesText);
  const result = onlyCan(world.store, principals, action, [...resources], world.settings);
  const who = principals.length === 0 ? 'nobody' : principals.join(', ');
  const lines = result.violations.map((e) => `${e.principal.name} is ${decidedWords(e)}${principals.includes(e.principal.name) ? ' but should be allowed' : ''}`);
  const text = `${principals.length === 0 ? 'nobody' : `only ${who}`} can call ${action}${resourcesText === '*' ? '' : ` on ${resourcesText}`}`;
  attachClaim(world, { kind: principals.length === 0 ? 'nobody-can' : 'only-can', text, action, allowed: principals, selector: resourcesText, resources: [...resources], result, violationLines: lines });
  assertAll(
    result.violations.map((e, i) => `${lines[i]}:\n${explain(e)}`),
    `only ${who} should be able to call ${action} on ${resourcesText}, but:`,
  );
}

Then('only {principals} can call {action} on {}', function (this: HarnessWorld, principals: string[], action: string, resources: string) {
  checkOnlyCan(this, principals, action, resources);
});

Then('only {principals} can call {action}', function (this: HarnessWorld, principals: string[], action: string) {
  checkOnlyCan(this, principals, action, '*');
});
