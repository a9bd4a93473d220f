import type { PolicyStore } from '../load/store-types';
import { actionPairs, parseActions } from './action-selection';
import { decidedBy } from './claim-message';
import { evaluate, type Evaluation } from './evaluate';
import { meets, outcomeWords, parseExpectation } from './expectation';
import { HarnessInputError } from './harness-error';
import { selectPrincipals } from './principal-selection';
import { explain } from './record';
import { selectResources } from './resource-selection';
import type { ScenarioSettings } from './scenario-settings';
import { resourceLabel } from './call';

/** One row of `principal | action | resource | outcome`, each cell as written. */
export interface AccessRow {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly outcome: string;
}

export interface TableCheck {
  readonly row: number;
  readonly evaluation: Evaluation;
  readonly expected: string;
  readonly passed: boolean;
}

export interface AccessTableResult {
  readonly passed: boolean;
  readonly checks: readonly TableCheck[];
  readonly message: string;
}

/** Reads `table.hashes()`; a missing column is an input error naming the columns. */
export function accessRows(hashes: readonly Record<string, string>[]): AccessRow[] {
  return hashes.map((h) => {
    const { principal, action, resource, outcome } = h;
    if (principal === undefined || action === undefined || resource === undefined || outcome === undefined) throw new HarnessInputError('the table needs the columns principal | action | resource | outcome');
    return { principal, action, resource, outcome };
  });
}

/**
 * Decides every row: a cell may name one principal or a set, one action, a list or a wildcard (expanded to the
 * actions that apply to the row's resources), one resource or a set. Each decision is checked on its own;
 * every failure is listed in one line, and the first is explained in full.
 */
export function checkAccessTable(store: PolicyStore, rows: readonly AccessRow[], settings: ScenarioSettings): AccessTableResult {
  const checks: TableCheck[] = [];
  const failures: string[] = [];
  rows.forEach((row, i) => {
    const expected = parseExpectation(store, row.outcome);
    const who = selectPrincipals(store, row.principal).members;
    const pairs = actionPairs(parseActions(row.action), selectResources(store, row.resource));
    for (const principal of who) {
      for (const { action, resource } of pairs) {
        const evaluation = evaluate(store, principal, { action, resource }, settings);
        const passed = meets(evaluation, expected);
        checks.push({ row: i + 1, evaluation, expected: expected.text, passed });
        if (!passed) failures.push(`  row ${i + 1}: ${principal.name} | ${action} | ${resourceLabel(resource)}: expected ${expected.text}, but it is ${outcomeWords(evaluation)} ${decidedBy(evaluation)}`);
      }
    }
  });
  const first = checks.find((c) => !c.passed);
  const message = first ? [`${failures.length} of ${checks.length} decisions of the table do not hold:`, ...failures, '', 'the first of them explained:', explain(first.evaluation)].join('\n') : `${checks.length} decisions hold`;
  return { passed: failures.length === 0, checks, message };
}
