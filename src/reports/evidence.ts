import type { DecisionRecord } from '../model';
import { determiningText, grantingText, outcomeWord } from './access-matrix';
import type { AssertionRef, Contradiction, MatrixCell, RelatedEvidence } from './inputs';
import type { ReportFeature, ReportScenario } from './read-messages';

/**
 * Links matrix cells to the scenarios of the run, exactly. A cell stands for one request per resource of
 * its class (principal, action, the store's own policies, the default context). A scenario *asserts* the
 * cell only when it decided that same request, with an expectation, on every resource the cell stands
 * for, and got the cell's outcome. A scenario that asked the same question differently (another context,
 * a swapped policy, only some resources of the class) is *related* evidence with its difference listed.
 * A scenario that decided exactly the cell's request but expected or got something else is a
 * *contradiction*: an error in the run, never a silent tick.
 */

/** Resource class label → the ARNs of the resources it stands for (`*` for wildcard-only actions). */
export type ClassMembers = ReadonlyMap<string, readonly string[]>;

/** The resources a cell stands for: its class, or the one resource of a per-resource cell; none for a count cell. */
export function cellMembers(cell: MatrixCell, members: ClassMembers | undefined): readonly string[] {
  if (cell.resourceClass === '*') return ['*'];
  // `brokers environment=dev [Allowed: 3 of 12]` summarises a split class: no request list stands behind it.
  if (/ \[[A-Za-z]+: \d+ of \d+\]$/.test(cell.resourceClass)) return [];
  const whole = members?.get(cell.resourceClass);
  if (whole) return whole;
  // A small class split per resource: `brokers environment=dev: payments-dev` stands for its one resource.
  return [cell.resource];
}

export interface LinkedEvidence {
  readonly cells: MatrixCell[];
  readonly contradictions: Contradiction[];
}

const scenarioName = (s: ReportScenario): string => (s.example !== undefined ? `${s.name} (${s.example})` : s.name);

export function linkEvidence(cells: readonly MatrixCell[], features: readonly ReportFeature[], members?: ClassMembers): LinkedEvidence {
  const byQuestion = new Map<string, { scenario: ReportScenario; record: DecisionRecord }[]>();
  for (const f of features) {
    for (const scenario of f.scenarios) {
      for (const record of scenario.decisions) {
        if (record.expected === undefined) continue;
        const k = `${record.principal}\u0000${record.action}\u0000${record.resource}`;
        byQuestion.set(k, [...(byQuestion.get(k) ?? []), { scenario, record }]);
      }
    }
  }
  const contradictions: Contradiction[] = [];
  const linked = cells.map((cell): MatrixCell => {
    const resources = cellMembers(cell, members);
    const exact = new Map<string, Map<string, AssertionRef>>();
    const related = new Map<string, RelatedEvidence>();
    for (const resource of resources) {
      for (const { scenario, record } of byQuestion.get(`${cell.principal}\u0000${cell.action}\u0000${resource}`) ?? []) {
        const variations = record.variations ?? [];
        if (variations.length > 0 || record.variations === undefined) {
          const differences = record.variations === undefined ? ['recorded without the store, so its request cannot be compared'] : variations;
          if (!related.has(scenario.anchor)) related.set(scenario.anchor, { scenario: scenarioName(scenario), anchor: scenario.anchor, outcome: record.outcome, differences });
          continue;
        }
        if (record.outcome !== cell.outcome || record.passed === false) {
          const engineDisagrees = record.outcome !== cell.outcome;
          contradictions.push({
            scenario: scenarioName(scenario),
            anchor: scenario.anchor,
            uri: scenario.uri,
            ...(scenario.line !== undefined ? { line: scenario.line } : {}),
            cell: { principal: cell.principal, action: cell.action, resourceClass: cell.resourceClass, outcome: cell.outcome },
            resource,
            why: engineDisagrees
              ? `the scenario's decision was ${outcomeWord(record.outcome)}, the matrix's ${outcomeWord(cell.outcome)}: two evaluations of one request disagree`
              : `the scenario expected ${record.expected ?? '?'}; the same request is ${outcomeWord(cell.outcome)}${cell.determining.length > 0 ? ` (${cell.outcome === 'Allowed' ? grantingText(cell.determining) : determiningText(cell.determining)})` : ''}`,
            engineDisagrees,
          });
          continue;
        }
        const refs = exact.get(resource) ?? new Map<string, AssertionRef>();
        refs.set(scenario.anchor, { scenario: scenarioName(scenario), anchor: scenario.anchor, passed: true });
        exact.set(resource, refs);
      }
    }
    // A tick needs every resource of the cell; a scenario that covered only some of them is related evidence.
    const everyResource = resources.length > 0 && resources.every((r) => exact.has(r));
    const asserted: AssertionRef[] = [];
    if (everyResource) {
      const first = exact.get(resources[0]!)!;
      for (const [anchor, ref] of first) if (resources.every((r) => exact.get(r)!.has(anchor))) asserted.push(ref);
    }
    if (everyResource && asserted.length === 0) {
      // Several scenarios together cover the class: each of them is named, none alone would have been.
      const union = new Map<string, AssertionRef>();
      for (const r of resources) for (const [a, ref] of exact.get(r)!) union.set(a, ref);
      asserted.push(...union.values());
    }
    if (!everyResource) {
      const covering = new Map<string, { ref: AssertionRef; count: number }>();
      for (const refs of exact.values()) for (const [a, ref] of refs) covering.set(a, { ref, count: (covering.get(a)?.count ?? 0) + 1 });
      for (const [a, { ref, count }] of covering) {
        if (!related.has(a)) related.set(a, { scenario: ref.scenario, anchor: a, outcome: cell.outcome, differences: [`decided ${count} of the ${resources.length} resources the cell stands for`] });
      }
    }
    const out: MatrixCell = { ...cell, assertedBy: [...cell.assertedBy, ...asserted] };
    return related.size > 0 ? { ...out, related: [...(cell.related ?? []), ...related.values()] } : out;
  });
  return { cells: linked, contradictions };
}

