import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import './settings';
import { decideOn, sideOf } from '../../src/analysis';
import { storeVerdicts } from '../../src/analysis/store-verdicts';
import { lint } from '../../src/lint';
import { loadPolicyStore, memoryStoreFiles, readDocument, type PolicyStore } from '../../src/load';
import type { ContextValue, Policy, Request } from '../../src/model';

/**
 * The store-wide lint findings are claims about every request; a random search of concrete requests must never
 * contradict one: a redundant or never-deciding statement can be removed without changing a decision of its
 * holder, every request a shadowed Allow applies to is denied, and an over-permissive action is allowed on
 * every broker of the account whatever the context.
 */

const ACTIONS = ['mq:DeleteBroker', 'mq:RebootBroker', 'mq:ListBrokers'];
const ACCOUNT = '111122223333';
const PRINCIPALS = `account: "${ACCOUNT}"\nusers:\n  dev:\n    userName: dev\n    tags: {team: payments}\n    policies: [a, b]\n`;
const INVENTORY = 'brokers:\n  prod-orders:\n    id: b-1f0e6c2a-4b7d-4e11-9a55-0c3d2e8f7a10\n    region: eu-west-1\n    tags: {environment: production}\n';

const condition = fc.oneof(
  fc.record({ op: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringLike', 'StringEqualsIgnoreCase'), key: fc.constantFrom('aws:ResourceTag/environment', 'aws:RequestedRegion', 'aws:PrincipalTag/team'), values: fc.uniqueArray(fc.constantFrom('production', 'Prod*', 'payments', 'eu-*', 'eu-west-1'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constantFrom('Bool'), key: fc.constant('aws:MultiFactorAuthPresent'), values: fc.constantFrom(['true'], ['false']) }),
  fc.record({ op: fc.constant('Null'), key: fc.constant('aws:ResourceTag/environment'), values: fc.constantFrom(['true'], ['false']) }),
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.uniqueArray(fc.constantFrom('mq:DeleteBroker', 'mq:RebootBroker', 'mq:*', 'mq:List*'), { minLength: 1, maxLength: 2 }),
  Resource: fc.uniqueArray(fc.constantFrom('*', `arn:aws:mq:*:${ACCOUNT}:broker:*`, 'arn:aws:mq:eu-west-1:*:broker:prod-*', 'arn:aws:mq:*:*:broker:dev*'), { minLength: 1, maxLength: 2 }),
  Condition: fc.uniqueArray(condition, { maxLength: 2, selector: (c) => `${c.op} ${c.key}` }),
});
const document = fc.array(statement, { minLength: 1, maxLength: 3 }).map((statements) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: statements.map((s, i) => {
        const cond: Record<string, Record<string, string[]>> = {};
        for (const c of s.Condition) cond[c.op] = { ...(cond[c.op] ?? {}), [c.key]: [...c.values] };
        return { Sid: `S${i}`, Effect: s.Effect, Action: s.Action, Resource: s.Resource, ...(s.Condition.length > 0 ? { Condition: cond } : {}) };
      }),
    },
    null,
    2,
  ),
);

const request = fc.record({
  action: fc.constantFrom(...ACTIONS),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
  name: fc.constantFrom('prod-orders', 'dev-1', 'x'),
  environment: fc.option(fc.constantFrom('production', 'Production', 'dev'), { nil: undefined }),
  requestedRegion: fc.option(fc.constantFrom('eu-west-1', 'us-east-1'), { nil: undefined }),
  mfa: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
});

function requestOf(base: Request, r: { action: string; region: string; name: string; environment: string | undefined; requestedRegion: string | undefined; mfa: string | undefined }): Request {
  const context = new Map<string, ContextValue>(base.context);
  const spelling = new Map<string, string>(base.contextKeySpelling);
  const set = (k: string, v: string | undefined): void => {
    if (v === undefined) return;
    context.set(k.toLowerCase(), v);
    spelling.set(k.toLowerCase(), k);
  };
  set('aws:ResourceTag/environment', r.environment);
  set('aws:RequestedRegion', r.requestedRegion);
  set('aws:MultiFactorAuthPresent', r.mfa);
  const resource = r.action === 'mq:ListBrokers' ? '*' : `arn:aws:mq:${r.region}:${ACCOUNT}:broker:${r.name}:b-1`;
  return { ...base, action: r.action, resource, context, contextKeySpelling: spelling };
}

function storeOf(a: string, b: string): PolicyStore {
  const loaded = loadPolicyStore(memoryStoreFiles(new Map([['identity/a.json', a], ['identity/b.json', b], ['principals.yaml', PRINCIPALS], ['inventory.yaml', INVENTORY]]), 'policies', 'policies/'));
  assert.ok(loaded.store, loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.store;
}

const pinned = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const PINNED_A = pinned({ Sid: 'Reboot', Effect: 'Allow', Action: 'mq:RebootBroker', Resource: '*' }, { Sid: 'List', Effect: 'Allow', Action: 'mq:ListBrokers', Resource: '*' }, { Sid: 'Orders', Effect: 'Allow', Action: 'mq:DeleteBroker', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'orders' } } });
const PINNED_B = pinned({ Sid: 'NoReboot', Effect: 'Deny', Action: 'mq:RebootBroker', Resource: '*' }, { Sid: 'ListAgain', Effect: 'Allow', Action: 'mq:List*', Resource: '*' });

const without = (store: PolicyStore, policy: Policy, index: number): PolicyStore => ({ ...store, policies: new Map(store.policies).set(policy.name, { ...policy, statements: policy.statements.filter((s) => s.index !== index) }) });

describe('store-wide lint findings (laws)', () => {
  test('no random request contradicts a redundant, never-deciding, shadowed or over-permissive finding', (t) => {
    const checked = new Map<string, number>();
    fc.assert(
      fc.property(document, document, fc.array(request, { minLength: 25, maxLength: 25 }), (a, b, requests) => {
        const store = storeOf(a, b);
        const report = lint(
          [
            { file: 'policies/identity/a.json', kind: 'identity', read: readDocument(a, 'json') },
            { file: 'policies/identity/b.json', kind: 'identity', read: readDocument(b, 'json') },
          ],
          { today: '2026-11-30', analysis: storeVerdicts(store, { actions: ACTIONS }) },
        );
        const principal = store.principals.get('dev')!;
        const side = sideOf(store, principal);
        // Base request: the principal's own attributes, as the analysis fixes them.
        const base: Request = { principal: principal.arn, action: 'mq:ListBrokers', resource: '*', context: new Map(side.fixed), contextKeySpelling: new Map(side.spelling) };
        const concrete = requests.map((r) => requestOf(base, r));
        for (const f of report.findings) {
          checked.set(f.code, (checked.get(f.code) ?? 0) + 1);
          const policy = store.policies.get(f.location.file.replace(/^.*\//, '').replace(/\.json$/, ''))!;
          const s = policy.statements.find((x) => x.index === f.location.statementIndex);
          if (f.code === 'statement-redundant' || f.code === 'statement-never-decides') {
            const other = sideOf(without(store, policy, s!.index), principal);
            for (const r of concrete) assert.equal(decideOn(other, r).outcome, decideOn(side, r).outcome, `${f.code} ${policy.name}#${s!.index}, yet removing it changes ${r.action} on ${r.resource} ${JSON.stringify([...r.context])}`);
          } else if (f.code === 'statement-shadowed') {
            const alone = { ...side, policies: { identity: [{ ...policy, statements: [s!] }] } };
            for (const r of concrete) if (decideOn(alone, r).outcome === 'Allowed') assert.notEqual(decideOn(side, r).outcome, 'Allowed', `shadowed ${policy.name}#${s!.index}, yet ${r.action} on ${r.resource} is allowed`);
          } else if (f.code === 'principal-over-permissive') {
            const open = [...f.message.matchAll(/`(mq:[A-Za-z]+)`/g)].map((m) => m[1]!);
            for (const r of concrete) if (open.includes(r.action)) assert.equal(decideOn(side, r).outcome, 'Allowed', `over-permissive ${r.action}, yet denied on ${r.resource} ${JSON.stringify([...r.context])}`);
          }
        }
      }),
      {
        numRuns: Math.min(Number(process.env.FC_NUM_RUNS ?? 40), 40),
        // One store with every kind of finding, so each law is checked whatever the seed.
        examples: [[PINNED_A, PINNED_B, [{ action: 'mq:RebootBroker', region: 'eu-west-1', name: 'prod-orders', environment: 'production', requestedRegion: undefined, mfa: 'true' }, { action: 'mq:ListBrokers', region: 'eu-west-1', name: 'x', environment: undefined, requestedRegion: 'us-east-1', mfa: undefined }, { action: 'mq:DeleteBroker', region: 'us-east-1', name: 'dev-1', environment: 'dev', requestedRegion: undefined, mfa: 'false' }]]],
      },
    );
    t.diagnostic(`findings checked: ${JSON.stringify(Object.fromEntries(checked))}`);
    // Not vacuous: the generator makes every kind of finding.
    for (const code of ['statement-redundant', 'statement-never-decides', 'statement-shadowed', 'principal-over-permissive']) assert.ok((checked.get(code) ?? 0) > 0, `the runs produced some ${code} finding`);
  });
});
