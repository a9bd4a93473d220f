import type { DecisionRecord, RecordedStatement } from '../model';
import type { StoredStatement } from './inputs';

/**
 * Policy coverage, the way OPA's `cover` works over its trace: computed only from the recorded
 * decisions. A statement is *exercised* when a decision's action and resource matched it (its conditions
 * were evaluated), *applied* when it also matched its conditions, and *decisive* when it determined a
 * decision. A statement *not exercised by any scenario* is only that: whether it can ever matter, over
 * every request, is analysis (`mq-policy analyze`: dead, shadowed, redundant), not coverage.
 */

export interface ConditionCoverage {
  readonly operator: string;
  readonly key: string;
  readonly line?: number;
  /** Its statement was exercised, so this test was evaluated at least once. */
  readonly evaluated: boolean;
  /** Its statement applied at least once, so this test was true at least once. */
  readonly satisfied: boolean;
}

export interface StatementCoverage extends RecordedStatement {
  /** Number of decisions that exercised, applied, and were decided by this statement. */
  readonly exercised: number;
  readonly applied: number;
  readonly decisive: number;
  readonly conditions: readonly ConditionCoverage[];
}

export interface Coverage {
  /** False when no statement list was given: only statements some decision mentioned are known, none is listed as unexercised. */
  readonly complete: boolean;
  readonly decisions: number;
  readonly statements: {
    readonly total: number;
    readonly exercised: number;
    readonly decisive: number;
    /** Percentage of statements ever decisive, one decimal: the figure the coverage gate checks. */
    readonly decisivePercent: number;
    readonly exercisedPercent: number;
  };
  readonly conditions: { readonly total: number; readonly evaluated: number; readonly satisfied: number };
  /** Not exercised by any scenario: no scenario's request reached them (coverage; not "dead", which is analysis). */
  readonly unexercised: readonly StatementCoverage[];
  /** Exercised but never decisive. */
  readonly neverDecisive: readonly StatementCoverage[];
  /** Statements the records mention that the store does not have (stale records or a store mismatch). */
  readonly unknown: readonly string[];
  readonly entries: readonly StatementCoverage[];
}

/** Identity of a statement across the store and the records. */
export function statementKey(s: Pick<RecordedStatement, 'kind' | 'policy' | 'statementIndex' | 'level'>): string {
  return `${s.kind}|${s.level ?? ''}|${s.policy}|${s.statementIndex}`;
}

/** `operator.json:10 #1 DenyProductionChanges`: short human name of a statement. */
export function statementLabel(s: RecordedStatement): string {
  const where = `${s.file ?? s.policy}${s.line !== undefined ? `:${s.line}` : ''}`;
  return `${where} statement ${s.statementIndex}${s.sid !== undefined ? ` (${s.sid})` : ''}`;
}

export function isStatement(d: DecisionRecord['determining'][number]): d is RecordedStatement {
  return 'statementIndex' in d;
}

const percent = (part: number, total: number): number => (total === 0 ? 0 : Math.round((part / total) * 1000) / 10);

function strip(s: RecordedStatement): RecordedStatement {
  const { policy, kind, level, file, line, statementIndex, sid, effect } = s;
  return { policy, kind, statementIndex, effect, ...(level !== undefined ? { level } : {}), ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}), ...(sid !== undefined ? { sid } : {}) };
}

export function buildCoverage(stored: readonly StoredStatement[] | undefined, records: readonly DecisionRecord[]): Coverage {
  const known = new Map<string, StoredStatement>();
  for (const s of stored ?? []) known.set(statementKey(s), s);
  const counts = new Map<string, { exercised: number; applied: number; decisive: number }>();
  const unknown = new Set<string>();
  const bump = (s: RecordedStatement, field: 'exercised' | 'applied' | 'decisive'): void => {
    const key = statementKey(s);
    if (!known.has(key)) {
      if (stored) unknown.add(statementLabel(s));
      else known.set(key, { ...strip(s), conditions: [] });
    }
    const c = counts.get(key) ?? { exercised: 0, applied: 0, decisive: 0 };
    c[field] += 1;
    counts.set(key, c);
  };
  for (const r of records) {
    // Policies a scenario wrote itself (probe users) are not the store's: they are neither covered nor unknown.
    const own = (s: RecordedStatement): boolean => !(r.scenarioPolicies ?? []).includes(s.policy);
    for (const s of r.exercised.filter(own)) {
      bump(s, 'exercised');
      if (s.applied) bump(s, 'applied');
    }
    for (const d of r.determining) if (isStatement(d) && own(d)) bump(d, 'decisive');
  }

  const entries: StatementCoverage[] = [...known.entries()].map(([key, s]) => {
    const c = counts.get(key) ?? { exercised: 0, applied: 0, decisive: 0 };
    const conditions = s.conditions.map((t) => ({
      operator: t.operator,
      key: t.key,
      ...(t.line !== undefined ? { line: t.line } : {}),
      evaluated: c.exercised > 0,
      satisfied: c.applied > 0,
    }));
    return { ...strip(s), ...c, conditions };
  });
  const total = entries.length;
  const exercised = entries.filter((e) => e.exercised > 0).length;
  const decisive = entries.filter((e) => e.decisive > 0).length;
  const conditions = entries.flatMap((e) => e.conditions);
  return {
    complete: stored !== undefined,
    decisions: records.length,
    statements: { total, exercised, decisive, decisivePercent: percent(decisive, total), exercisedPercent: percent(exercised, total) },
    conditions: { total: conditions.length, evaluated: conditions.filter((c) => c.evaluated).length, satisfied: conditions.filter((c) => c.satisfied).length },
    unexercised: stored ? entries.filter((e) => e.exercised === 0 && e.decisive === 0) : [],
    neverDecisive: entries.filter((e) => e.exercised > 0 && e.decisive === 0),
    unknown: [...unknown].sort(),
    entries,
  };
}

/** `coverage.json`: the coverage, pretty-printed and stable for diffs. */
export function coverageJson(coverage: Coverage): string {
  return `${JSON.stringify(coverage, null, 2)}\n`;
}

/** Reads `--coverage-threshold N`: a number of percent from 0 to 100, or a one-line problem. */
export function parseCoverageThreshold(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100
    ? n
    : `--coverage-threshold needs a percentage from 0 to 100, not \`${text}\``;
}

/** The CI gate on decisive-statement coverage; `mq-policy test` exits 2 when it does not pass. */
export function coverageGate(coverage: Coverage, threshold: number): { pass: boolean; message: string } {
  const { decisive, total, decisivePercent } = coverage.statements;
  const figure = `decisive-statement coverage ${decisivePercent}% (${decisive} of ${total} statements)`;
  if (!coverage.complete) return { pass: false, message: `${figure} cannot be checked: the policy store's statement list was not given` };
  const pass = total > 0 && decisivePercent >= threshold;
  return { pass, message: pass ? `${figure} meets the threshold of ${threshold}%` : `${figure} is below the threshold of ${threshold}%` };
}
