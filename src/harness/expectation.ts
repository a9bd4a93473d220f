import type { Decision, PolicyKind } from '../model';
import { closest } from '../catalog';
import type { PolicyStore } from '../load/store-types';
import { HarnessInputError } from './harness-error';
import { policyNamed } from './names';
import type { Evaluation } from './evaluate';

/** What a scenario expects, in the words it used (`explicitly denied by deny-production-changes`). */
export interface Expectation {
  readonly text: string;
  readonly outcome: 'allowed' | 'denied' | 'explicitly denied' | 'implicitly denied';
  readonly byPolicy?: string;
  readonly byLayer?: { readonly layer: PolicyKind; readonly level?: number };
}

const OUTCOMES = ['allowed', 'denied', 'explicitly denied', 'implicitly denied'] as const;
const LAYERS: Readonly<Record<string, PolicyKind>> = { 'identity policies': 'identity', 'permissions boundary': 'boundary', 'session policies': 'session', scps: 'scp' };

/** Parses `allowed`, `denied`, `explicitly denied by <policy>`, `implicitly denied by the <layer>`. */
export function parseExpectation(store: PolicyStore, text: string): Expectation {
  const m = /^(.*?)(?: by (.+))?$/.exec(text.trim())!;
  const outcome = OUTCOMES.find((o) => o === m[1]);
  if (!outcome) {
    const guess = closest(m[1]!, OUTCOMES);
    throw new HarnessInputError(`unknown outcome \`${m[1]}\`; ${guess !== undefined ? `did you mean \`${guess}\`?` : `use ${OUTCOMES.map((o) => `\`${o}\``).join(', ')}`}`);
  }
  const by = m[2];
  if (by === undefined) return { text, outcome };
  const layer = /^the (identity policies|permissions boundary|session policies|SCPs)(?: at level (\d+))?$/i.exec(by);
  if (layer) {
    const kind = LAYERS[layer[1]!.toLowerCase()]!;
    return { text, outcome, byLayer: { layer: kind, ...(layer[2] !== undefined ? { level: Number(layer[2]) } : {}) } };
  }
  if (by.startsWith('the ')) throw new HarnessInputError(`unknown layer \`${by}\`; use \`the identity policies\`, \`the permissions boundary\`, \`the session policies\` or \`the SCPs at level <n>\``);
  policyNamed(store, by);
  return { text, outcome, byPolicy: by };
}

const KIND: Readonly<Record<Decision['decision'], Expectation['outcome']>> = { Allowed: 'allowed', ExplicitDeny: 'explicitly denied', ImplicitDeny: 'implicitly denied' };

/** Whether the engine's answer meets the expectation; "cannot decide" never does. */
export function meets(evaluation: Evaluation, e: Expectation): boolean {
  const r = evaluation.result;
  if (r.kind !== 'decision') return false;
  const actual = KIND[r.decision];
  const outcomeOk = e.outcome === 'denied' ? actual !== 'allowed' : actual === e.outcome;
  if (!outcomeOk) return false;
  if (e.byPolicy !== undefined) return r.determining.some((d) => d.type === 'statement' && d.statement.policy === e.byPolicy);
  if (e.byLayer !== undefined) {
    const want = e.byLayer;
    return r.determining.some((d) => (d.type === 'layer' ? d.layer : d.statement.kind) === want.layer && (want.level === undefined || (d.type === 'layer' ? d.level : d.statement.level) === want.level));
  }
  return true;
}

/** The engine's outcome in a scenario's words. */
export function outcomeWords(evaluation: Evaluation): string {
  const r = evaluation.result;
  return r.kind === 'decision' ? KIND[r.decision] : `cannot decide (${r.code})`;
}

/**
 * The engine's outcome with what decided it, for failure messages: `explicitly denied by
 * workloads-guardrails statement 1 (Sid DenyProductionDeletion, policies/scps/1-workloads-ou/x.json:12)`,
 * `implicitly denied: no statement of the permissions boundary allows it`.
 */
export function decidedWords(evaluation: Evaluation): string {
  const r = evaluation.result;
  if (r.kind !== 'decision') return outcomeWords(evaluation);
  const parts = r.determining.map((d) => {
    if (d.type === 'layer') return `no statement of the ${d.layer === 'scp' ? `SCPs${d.level !== undefined ? ` at level ${d.level}` : ''}` : d.layer === 'boundary' ? 'permissions boundary' : `${d.layer} policies`} allows it`;
    const st = d.statement;
    const where = st.source.file !== undefined ? `${st.source.file}${st.source.line !== undefined ? `:${st.source.line}` : ''}` : undefined;
    const detail = [st.sid !== undefined ? `Sid ${st.sid}` : undefined, where].filter((x) => x !== undefined).join(', ');
    return `${st.policy} statement ${st.statementIndex}${detail !== '' ? ` (${detail})` : ''}`;
  });
  if (parts.length === 0) return KIND[r.decision];
  return r.decision === 'ImplicitDeny' ? `${KIND[r.decision]}: ${parts.join('; ')}` : `${KIND[r.decision]} by ${parts.join(' and ')}`;
}
