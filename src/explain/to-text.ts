import type { AuthorizationResult, ConditionOutcome, Decision, MismatchReason, Request, StatementOutcome, StatementRef } from '../model';
import { describeSource } from '../model';
import { crossAccountSentence } from './cross-account';

/** How the request is named in the first line; the harness passes store names when it has them. */
export interface TextLabels {
  readonly principal?: string;
  readonly resource?: string;
}

const OUTCOME: Readonly<Record<Decision['decision'], string>> = { Allowed: 'allowed', ExplicitDeny: 'explicitly denied', ImplicitDeny: 'implicitly denied' };

function layerName(layer: string, level?: number): string {
  if (layer === 'scp') return `SCPs at level ${level ?? 0}`;
  if (layer === 'boundary') return 'permissions boundary';
  if (layer === 'session') return 'session policies';
  return 'identity policies';
}

/** `policies/identity/x.json:5 statement 0 (Sid `S`)`: the place to open in an editor. */
export function statementPlace(ref: StatementRef): string {
  const s = ref.source;
  const where = `${s.file ?? s.policy}${s.line !== undefined ? `:${s.line}` : ''}`;
  return `${where} statement ${ref.statementIndex}${ref.sid !== undefined ? ` (Sid \`${ref.sid}\`)` : ''}`;
}

function values(v: readonly (string | null)[] | null): string {
  if (v === null) return 'absent';
  return v.length === 0 ? '[]' : v.map((x) => (x === null ? '(variable without value)' : JSON.stringify(x))).join(', ');
}

function condition(c: ConditionOutcome): string {
  return `${c.operator} ${c.key}: expected ${values(c.expected)}, actual ${values(c.actual)} → ${c.result ? 'true' : 'false'}`;
}

function reason(r: MismatchReason): string {
  switch (r.kind) {
    case 'action-not-matched':
      return `${r.negated ? 'NotAction' : 'Action'} ${r.patterns.join(', ')} does not cover ${r.action}`;
    case 'resource-not-matched':
      return `${r.negated ? 'NotResource' : 'Resource'} ${r.patterns.join(', ')} does not cover ${r.resource}`;
    case 'condition-failed':
      return `condition failed: ${condition(r.condition)}`;
    case 'context-key-missing':
      return `context key ${r.key} is missing: ${condition(r.condition)}`;
  }
}

function sameStatement(a: StatementRef, b: StatementRef): boolean {
  return a.policy === b.policy && a.statementIndex === b.statementIndex && a.kind === b.kind && a.level === b.level;
}

function matchedActionAndResource(o: StatementOutcome): boolean {
  return !o.reasons.some((r) => r.kind === 'action-not-matched' || r.kind === 'resource-not-matched');
}

/**
 * The explanation a failing step prints and every decision record carries: the request, the outcome,
 * the decisive statements (file:line, Sid, condition values) or the layers that did not allow, with
 * the statements that came close, and the context keys the policies needed but the request lacked.
 */
export function explainText(result: AuthorizationResult, request: Request, labels: TextLabels = {}): string {
  const lines: string[] = [];
  const resource = labels.resource !== undefined && labels.resource !== request.resource ? `${labels.resource} (${request.resource})` : request.resource;
  lines.push(`${request.action} on ${resource} by ${labels.principal !== undefined ? `${labels.principal} (${request.principal})` : request.principal}`);
  if (result.kind === 'cannot-decide') {
    lines.push(`→ cannot decide (${result.code}): ${result.message}`);
    if (result.source) lines.push(`  at ${describeSource(result.source)}`);
    return lines.join('\n');
  }
  lines.push(`→ ${OUTCOME[result.decision]}`);
  const outcomes = result.statements ?? [];
  const detail = (ref: StatementRef, indent: string): void => {
    const o = outcomes.find((x) => sameStatement(x.statement, ref));
    for (const c of o?.conditions ?? []) lines.push(`${indent}${condition(c)}`);
  };
  if (result.decision === 'ImplicitDeny') {
    for (const d of result.determining) {
      if (d.type === 'cross-account') lines.push(`  ${crossAccountSentence(d.crossAccount)}`);
      if (d.type !== 'layer') continue;
      lines.push(`  no Allow in the ${layerName(d.layer, d.level)}${d.note !== undefined ? ` (${d.note})` : ''}`);
      const inLayer = outcomes.filter((o) => o.statement.kind === d.layer && o.statement.level === d.level && o.statement.effect === 'Allow');
      const close = inLayer.filter(matchedActionAndResource);
      const shown = close.length > 0 ? close : inLayer.filter((o) => !o.reasons.some((r) => r.kind === 'action-not-matched'));
      if (inLayer.length === 0) lines.push('    (no Allow statement in this layer)');
      else if (shown.length === 0) lines.push(`    no Allow statement lists ${request.action} (${[...new Set(inLayer.map((o) => o.statement.source.file ?? o.statement.policy))].join(', ')})`);
      for (const o of shown) {
        lines.push(`    ${statementPlace(o.statement)} did not apply:`);
        for (const r of o.reasons) lines.push(`      ${reason(r)}`);
      }
    }
  } else {
    lines.push(`  decided by:`);
    for (const d of result.determining) {
      if (d.type !== 'statement') continue;
      lines.push(`    ${statementPlace(d.statement)} [${layerName(d.statement.kind, d.statement.level)}, ${d.statement.effect}]`);
      detail(d.statement, '      ');
    }
  }
  const layers = result.layers.map((l) => `${layerName(l.layer, l.level)}: ${l.denies ? 'denies' : l.allows ? 'allows' : 'no allow'}`);
  if (layers.length > 0) lines.push(`  layers: ${layers.join('; ')}`);
  if (result.missingContextKeys.length > 0) lines.push(`  missing context keys: ${result.missingContextKeys.join(', ')}`);
  for (const n of result.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
