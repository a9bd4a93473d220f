import type { StatementRef } from '../model';
import { resourceLabel } from './call';
import type { Evaluation } from './evaluate';
import { outcomeWords } from './expectation';
import { explain } from './record';
import type { AccessClaimResult } from './who-can';

/** Failing principals listed per action before the rest are counted: a person reads a handful of lines. */
const SHOWN_PER_ACTION = 5;

function layerWords(layer: string, level?: number): string {
  if (layer === 'scp') return `SCPs at level ${level ?? 0}`;
  if (layer === 'boundary') return 'permissions boundary';
  if (layer === 'session') return 'session policies';
  return 'identity policies';
}

/** `deny-production-changes statement DenyDestructiveActionsOnProduction (policies/identity/….json:5)`. */
function statementWords(ref: StatementRef): string {
  const s = ref.source;
  return `${ref.policy} statement ${ref.sid ?? ref.statementIndex} (${s.file ?? s.policy}${s.line !== undefined ? `:${s.line}` : ''})`;
}

/**
 * Why the engine decided as it did, in one clause: for an allow the identity or session statements that grant
 * it (SCPs and boundaries only permit), for an explicit deny the Deny statements, else the layers without an Allow.
 */
export function decidedBy(e: Evaluation): string {
  const r = e.result;
  if (r.kind !== 'decision') return r.message;
  const statements = r.determining.flatMap((d) => (d.type === 'statement' ? [d.statement] : []));
  if (r.decision === 'Allowed') {
    const grants = statements.filter((s) => s.kind === 'identity' || s.kind === 'session');
    return `by ${(grants.length > 0 ? grants : statements).map(statementWords).join(' and ')}`;
  }
  if (r.decision === 'ExplicitDeny') return `by ${statements.filter((s) => s.effect === 'Deny').map(statementWords).join(' and ')}`;
  const layers = r.determining.flatMap((d) => (d.type === 'layer' ? [layerWords(d.layer, d.level)] : []));
  return `no Allow in the ${layers.join(', ') || 'policies'}`;
}

/**
 * The engine's outcome with what decided it, for a failed expectation: `explicitly denied by
 * workloads-guardrails statement DenyProductionDeletion (policies/scps/…json:12)`, never a bare outcome.
 */
export function decidedWords(e: Evaluation): string {
  return `${outcomeWords(e)} ${decidedBy(e)}`;
}

/** `admin on orders-prod: allowed, expected denied (decided by …)`. */
export function decisionLine(e: Evaluation, expected: string): string {
  return `${e.principal.name} on ${resourceLabel(e.call.resource)}: ${outcomeWords(e)} ${decidedBy(e)}, expected ${expected}`;
}

/**
 * The message of a failing set sentence: which decisions did not hold, each action on its own, then the first
 * failure explained in full. Every decision, passed or not, is in the step's attachments for the reports.
 */
export function claimFailureMessage(sentence: string, result: AccessClaimResult): string {
  const failed = result.byAction.reduce((n, a) => n + a.failures.length, 0);
  const lines = [`${sentence}: ${failed} of ${result.checks.length} decisions do not hold`];
  for (const a of result.byAction) {
    if (a.failures.length === 0) {
      lines.push(`  ${a.action}: holds (${a.checked} decisions)`);
      continue;
    }
    lines.push(`  ${a.action}: ${a.failures.length} of ${a.checked} do not hold`);
    for (const f of a.failures.slice(0, SHOWN_PER_ACTION)) lines.push(`    ${decisionLine(f.evaluation, f.expected)}`);
    if (a.failures.length > SHOWN_PER_ACTION) lines.push(`    … and ${a.failures.length - SHOWN_PER_ACTION} more (all in the reports)`);
  }
  const first = result.byAction.flatMap((a) => a.failures)[0];
  if (first) lines.push('', 'the first of them explained:', explain(first.evaluation));
  return lines.join('\n');
}
