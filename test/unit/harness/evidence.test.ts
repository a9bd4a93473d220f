// The harness side of exact evidence: how a request differs from the matrix's, claims with scope and near
// misses, failure wording that names the deciding statement, and replayable property seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { loadPolicyStore } from '../../../src/load';
import {
  DEFAULT_SETTINGS,
  claimRecord,
  decidedWords,
  onlyCanChecks,
  decisionRecord,
  evaluate,
  nearMatches,
  onlyCan,
  principalNamed,
  resourceNamed,
  runLaw,
  selectResources,
  variationsFrom,
  withProbe,
  allowOnly,
  type ScenarioSettings,
} from '../../../src/harness';

const store = loadPolicyStore('policies').store!;
const settings = (over: Partial<ScenarioSettings> = {}): ScenarioSettings => ({ ...DEFAULT_SETTINGS, principalTags: {}, overrides: new Map(), replacements: new Map(), ...over });

test('the default request has no variation; MFA off and a swapped policy are named one line each', () => {
  const breakGlass = principalNamed(store, 'break-glass');
  const call = { action: 'mq:DeleteBroker', resource: resourceNamed(store, 'orders-prod') };
  assert.deepEqual(variationsFrom(store, evaluate(store, breakGlass, call, settings())).variations, []);
  const noMfa = variationsFrom(store, evaluate(store, breakGlass, call, settings({ mfa: false }))).variations ?? [];
  assert.ok(noMfa.includes('aws:MultiFactorAuthPresent is false, not true'), noMfa.join('; '));
  const operator = principalNamed(store, 'operator');
  const swapped = evaluate(store, operator, { action: 'mq:RebootBroker', resource: resourceNamed(store, 'orders-prod') }, settings({ replacements: new Map([['deny-production-changes', 'deny-production-changes-documented']]) }));
  assert.deepEqual(variationsFrom(store, swapped).variations, ['deny-production-changes-documented in place of deny-production-changes']);
  // Request tags are not part of the matrix's request either.
  const tagged = evaluate(store, operator, { action: 'mq:DeleteTags', resource: resourceNamed(store, 'orders-prod'), tagKeys: ['environment'] }, settings());
  assert.deepEqual(variationsFrom(store, tagged).variations, ['aws:TagKeys is [environment], not absent']);
});

test('a probe user is not a principal of the store, and its own policy is not counted by coverage', () => {
  const probe = withProbe(store, 'probe', allowOnly(['mq:ListBrokers']));
  const record = decisionRecord(evaluate(probe.store, probe.principal, { action: 'mq:ListBrokers', resource: '*' }, settings()), 'allowed', true, store);
  assert.deepEqual(record.scenarioPolicies, ['probe']);
  assert.match(record.variations?.[0] ?? '', /probe is written by the scenario/);
});

test('near misses of a tag selector: letter case, no tag at all; a broker tagged otherwise is not one', () => {
  const near = nearMatches(store, 'brokers tagged environment=production');
  assert.deepEqual(near.map((n) => n.resource.name).sort(), ['reporting-prod', 'sandbox']);
  assert.match(near.find((n) => n.resource.name === 'reporting-prod')!.reason, /`Environment=Production` differs from `environment=production` only in letter case/);
  assert.equal(near.find((n) => n.resource.name === 'sandbox')!.reason, 'no `environment` tag at all');
  assert.deepEqual(nearMatches(store, 'orders-prod, payments-prod'), []);
  const suggestive = { ...store, resources: new Map([...store.resources, ['billing-prod', { ...resourceNamed(store, 'sandbox'), name: 'billing-prod', tags: { stage: ' Production ' } }]]) };
  assert.equal(nearMatches(suggestive, 'brokers tagged environment=production').find((n) => n.resource.name === 'billing-prod')?.reason, 'no `environment` tag, but its tag `stage= Production ` suggests production');
});

test('a claim records its scope, verdict, decisions and what the engine decides on its near misses', () => {
  const resources = selectResources(store, 'brokers tagged environment=production');
  const result = onlyCan(store, ['break-glass'], 'mq:DeleteBroker', resources, settings());
  const claim = claimRecord(store, { kind: 'only-can', text: 'only break-glass can call mq:DeleteBroker on brokers tagged environment=production', checks: onlyCanChecks(['break-glass'], result), principalScope: 'all', selector: 'brokers tagged environment=production', resources }, settings());
  assert.equal(claim.passed, true);
  assert.equal(claim.decisions, result.evaluations.length);
  assert.deepEqual(claim.allowed, ['break-glass']);
  assert.deepEqual(claim.resources.names, ['orders-prod', 'payments-prod', 'analytics-prod-fra']);
  assert.deepEqual(claim.context, []);
  assert.deepEqual(claim.nearMisses.find((n) => n.resource === 'reporting-prod')?.allowed, ['admin', 'break-glass']);
});

test('a failure names the policy and statement that actually decided', () => {
  const admin = evaluate(store, principalNamed(store, 'admin'), { action: 'mq:DeleteBroker', resource: resourceNamed(store, 'orders-prod') }, settings());
  assert.match(decidedWords(admin), /^explicitly denied by workloads-guardrails statement \w+ \(policies\/scps\/1-workloads-ou\/workloads-guardrails\.json:\d+\)$/);
  const developer = evaluate(store, principalNamed(store, 'developer'), { action: 'mq:DeleteBroker', resource: resourceNamed(store, 'payments-dev') }, settings());
  assert.equal(decidedWords(developer), 'implicitly denied no Allow in the permissions boundary');
});

test('MQ_POLICY_PROPERTY_SEED replays a run: the same seed gives the same cases and the same verdict', () => {
  const seen: number[][] = [[], []];
  const law = (i: number) => (n: number) => {
    seen[i]!.push(n);
    return { holds: true as const };
  };
  const a = runLaw(fc.integer(), law(0), { numRuns: 25, seed: 4242 });
  const b = runLaw(fc.integer(), law(1), { numRuns: 25, seed: 4242 });
  assert.equal(a.seed, 4242);
  assert.equal(a.message, 'held for 25 generated cases (seed 4242)', 'a passing run shows its seed');
  assert.deepEqual(seen[0], seen[1]);
  const drawn = runLaw(fc.integer(), () => ({ holds: true as const }), { numRuns: 5 });
  assert.ok(Number.isInteger(drawn.seed), 'a run without a given seed still reports the one it drew');
});
