import './settings';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { DecisionRecord } from '../../src/model';
import { linkEvidence, type MatrixCell, type ReportFeature, type ReportScenario } from '../../src/reports';

// Laws of exact evidence, over small generated matrices and runs: a tick is only ever earned by the same
// request (every resource of the class, no variation) with the same outcome and a held expectation.

const PRINCIPALS = ['alice', 'bob'];
const ACTIONS = ['mq:DeleteBroker', 'mq:RebootBroker'];
const ARNS = ['arn:b1', 'arn:b2', 'arn:b3'];
const OUTCOMES: DecisionRecord['outcome'][] = ['Allowed', 'ExplicitDeny', 'ImplicitDeny'];
/** Two classes: `prod` stands for b1 and b2, `dev` for b3. */
const MEMBERS = new Map([['prod', ['arn:b1', 'arn:b2']], ['dev', ['arn:b3']]]);

const cellsArb = fc.tuple(...PRINCIPALS.flatMap(() => ACTIONS.flatMap(() => [fc.constantFrom(...OUTCOMES), fc.constantFrom(...OUTCOMES)]))).map((outcomes) => {
  const cells: MatrixCell[] = [];
  let i = 0;
  for (const principal of PRINCIPALS) for (const action of ACTIONS) for (const cls of ['prod', 'dev']) cells.push({ principal, action, resourceClass: cls, resource: MEMBERS.get(cls)![0]!, outcome: outcomes[i++]!, determining: [], assertedBy: [] });
  return cells;
});

const recordArb = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...ARNS),
  outcome: fc.constantFrom(...OUTCOMES),
  passed: fc.boolean(),
  variations: fc.oneof(fc.constant([] as string[]), fc.constant(['aws:MultiFactorAuthPresent is false, not true'])),
});

const runArb = fc.array(fc.array(recordArb, { maxLength: 4 }), { maxLength: 6 }).map((scenarios): ReportFeature[] => [
  {
    uri: 'f.feature',
    name: 'f',
    description: '',
    tags: [],
    scenarios: scenarios.map((records, i): ReportScenario => ({
      anchor: `sc-${i + 1}`,
      name: `scenario ${i + 1}`,
      uri: 'f.feature',
      line: i + 1,
      tags: [],
      status: records.every((r) => r.passed) ? 'passed' : 'failed',
      steps: [],
      claims: [],
      properties: [],
      durationMs: 0,
      decisions: records.map((r) => ({ ...r, principalArn: r.principal, context: {}, expected: 'x', determining: [], exercised: [], missingContextKeys: [], explanation: '' })),
    })),
  },
]);

test('law: a ticked cell has, for every resource of its class, an exact record with its outcome that held', () => {
  fc.assert(
    fc.property(cellsArb, runArb, (cells, features) => {
      const records = features[0]!.scenarios.flatMap((s) => s.decisions.map((d) => ({ s, d })));
      for (const cell of linkEvidence(cells, features, MEMBERS).cells) {
        for (const ref of cell.assertedBy) assert.ok(records.some(({ s }) => s.anchor === ref.anchor));
        if (cell.assertedBy.length === 0) continue;
        for (const arn of MEMBERS.get(cell.resourceClass)!) {
          const exact = records.filter(({ s, d }) => cell.assertedBy.some((a) => a.anchor === s.anchor) && d.principal === cell.principal && d.action === cell.action && d.resource === arn && (d.variations ?? []).length === 0);
          assert.ok(exact.length > 0, `${cell.principal} ${cell.action} ${cell.resourceClass}: ${arn} decided exactly`);
          assert.ok(exact.some(({ d }) => d.outcome === cell.outcome && d.passed !== false), 'with the cell\'s outcome and a held expectation');
        }
      }
    }),
  );
});

test('law: a record with a variation never ticks, and an exact record that disagrees is always a contradiction', () => {
  fc.assert(
    fc.property(cellsArb, runArb, (cells, features) => {
      const linked = linkEvidence(cells, features, MEMBERS);
      for (const s of features[0]!.scenarios) {
        for (const d of s.decisions) {
          const cell = linked.cells.find((c) => c.principal === d.principal && c.action === d.action && MEMBERS.get(c.resourceClass)!.includes(d.resource))!;
          const exact = (d.variations ?? []).length === 0;
          const onlyVaried = s.decisions.filter((x) => x.principal === d.principal && x.action === d.action && MEMBERS.get(cell.resourceClass)!.includes(x.resource)).every((x) => (x.variations ?? []).length > 0);
          if (onlyVaried) assert.ok(!cell.assertedBy.some((a) => a.anchor === s.anchor), 'varied records never tick');
          if (exact && (d.outcome !== cell.outcome || !d.passed)) assert.ok(linked.contradictions.some((c) => c.anchor === s.anchor && c.resource === d.resource), 'a disagreement is reported');
        }
      }
    }),
  );
});
