import type { CannotDecide, ConditionOutcome, MismatchReason, Request, Statement } from '../model';
import { evaluateCondition } from './conditions';
import { actionMatcher } from './match-action';
import { matchResource } from './match-resource';
import { MultivaluedVariable } from './variables';

export interface StatementEvaluation {
  readonly applies: boolean;
  readonly reasons: readonly MismatchReason[];
  readonly conditions: readonly ConditionOutcome[];
  readonly missingKeys: readonly string[];
  /** Set when the statement's outcome cannot be known (undefined semantics, bad context value). */
  readonly unknown?: CannotDecide;
}

/** One statement against one request (E1): action, resource and every condition must hold. */
export function evaluateStatement(statement: Statement, request: Request, actionLower: string): StatementEvaluation {
  const reasons: MismatchReason[] = [];
  const missingKeys: string[] = [];

  const listed = statement.action.patterns.some((p) => actionMatcher(p)(actionLower));
  if (listed === statement.action.negated) {
    // A statement about other actions reads nothing from this request: no resource or condition work.
    reasons.push({ kind: 'action-not-matched', action: request.action, patterns: statement.action.patterns, negated: statement.action.negated });
    return { applies: false, reasons, conditions: [], missingKeys };
  }

  let resourceListed = false;
  for (const pattern of statement.resource.patterns) {
    const m = matchResource(pattern, request);
    if (m instanceof MultivaluedVariable) {
      return unknownResult(reasons, { kind: 'cannot-decide', code: 'undefined-semantics', message: `policy variable \`${m.key}\` names a multivalued context key; AWS allows only single-valued keys as variables`, source: statement.source });
    }
    if (m.missing.length > 0) missingKeys.push(...m.missing);
    if (m.matched) resourceListed = true;
  }
  if (resourceListed === statement.resource.negated) {
    reasons.push({ kind: 'resource-not-matched', resource: request.resource, patterns: statement.resource.patterns.map((p) => p.raw), negated: statement.resource.negated });
  }
  if (reasons.length > 0) return { applies: false, reasons, conditions: [], missingKeys };

  // Every condition is evaluated (no short cut) so the explanation and the missing keys are complete.
  const conditions: ConditionOutcome[] = [];
  let unknown: CannotDecide | undefined;
  for (const test of statement.conditions) {
    const r = evaluateCondition(test, request);
    if ('kind' in r) {
      unknown ??= r;
      continue;
    }
    conditions.push(r.outcome);
    if (r.missingKeys.length > 0) missingKeys.push(...r.missingKeys);
    if (!r.outcome.result) {
      reasons.push(r.keyMissing ? { kind: 'context-key-missing', key: test.key, condition: r.outcome } : { kind: 'condition-failed', condition: r.outcome });
    }
  }
  if (unknown && reasons.length === 0) return { applies: false, reasons, conditions, missingKeys, unknown };
  return { applies: reasons.length === 0, reasons, conditions, missingKeys };
}

function unknownResult(reasons: MismatchReason[], unknown: CannotDecide): StatementEvaluation {
  return reasons.length > 0 ? { applies: false, reasons, conditions: [], missingKeys: [] } : { applies: false, reasons, conditions: [], missingKeys: [], unknown };
}
