import type { RecordedStatement } from '../model';
import { isStatement, statementKey, statementLabel } from './coverage';
import type { ReadRun, ReportFeature, ReportScenario } from './read-messages';

/**
 * Failures grouped by cause, so one changed statement that breaks eight scenarios reads as one cause
 * with eight effects. A failing decision's candidate causes are the statements that decided it or applied
 * to it; statements changed since the baseline are preferred; then, greedily, the statement shared by
 * the most remaining failures becomes a cause. Failures without a decision (undefined steps, harness
 * errors) are grouped by their first message line.
 */
export interface FailureCause {
  /** `policies/identity/deny-production-changes.json:5 statement 0 (DenyProductionChanges)`, or an error line. */
  readonly cause: string;
  /** True when the cause is a statement that changed since the baseline. */
  readonly changed: boolean;
  readonly statement?: RecordedStatement;
  readonly effects: readonly { readonly feature: string; readonly scenario: ReportScenario }[];
}

export function failureCauses(run: ReadRun, changedStatements: ReadonlySet<string> = new Set()): FailureCause[] {
  const failing = run.features.flatMap((f: ReportFeature) => f.scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped').map((scenario) => ({ feature: f.name, scenario })));
  const candidates = new Map<string, { statement: RecordedStatement; failures: Set<number> }>();
  const withStatements = new Set<number>();
  failing.forEach(({ scenario }, i) => {
    for (const d of scenario.decisions.filter((r) => r.passed === false)) {
      const involved = [...d.determining.filter(isStatement), ...d.exercised.filter((e) => e.applied)];
      for (const st of involved) {
        const k = statementKey(st);
        const c = candidates.get(k) ?? { statement: st, failures: new Set<number>() };
        c.failures.add(i);
        candidates.set(k, c);
        withStatements.add(i);
      }
    }
  });
  const causes: FailureCause[] = [];
  const left = new Set(withStatements);
  while (left.size > 0) {
    let best: { key: string; statement: RecordedStatement; n: number; changed: boolean } | undefined;
    for (const [key, c] of candidates) {
      const n = [...c.failures].filter((i) => left.has(i)).length;
      if (n === 0) continue;
      const changed = changedStatements.has(key);
      if (!best || (changed && !best.changed) || (changed === best.changed && n > best.n)) best = { key, statement: c.statement, n, changed };
    }
    if (!best) break;
    const mine = [...candidates.get(best.key)!.failures].filter((i) => left.has(i));
    mine.forEach((i) => left.delete(i));
    causes.push({ cause: statementLabel(best.statement), changed: best.changed, statement: best.statement, effects: mine.map((i) => failing[i]!) });
  }
  const other = new Map<string, { feature: string; scenario: ReportScenario }[]>();
  failing.forEach((f, i) => {
    if (withStatements.has(i)) return;
    const step = f.scenario.steps.find((st) => st.status !== 'passed' && st.status !== 'skipped');
    const line = step ? `${step.status}: ${(step.message ?? `${step.keyword} ${step.text}`).split('\n')[0]}` : f.scenario.status;
    other.set(line, [...(other.get(line) ?? []), f]);
  });
  for (const [cause, effects] of other) causes.push({ cause, changed: false, effects });
  return causes.sort((a, b) => Number(b.changed) - Number(a.changed) || b.effects.length - a.effects.length);
}
