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
  /** `by <policy> statement <Sid|index>`: that statement must be among the determining ones. */
  readonly byStatement?: { readonly index: number; readonly sid?: string };
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
  const statement = /^(\S+) statement (\S+)$/.exec(by);
  if (statement) {
    const policy = statement[1]!;
    return { text, outcome, byPolicy: policy, byStatement: statementOf(store, policy, statement[2]!) };
  }
  policyNamed(store, by);
  return { text, outcome, byPolicy: by };
}

/** `statement AllowDelete` by Sid, or `statement 2` by index for a statement that has no Sid. */
function statementOf(store: PolicyStore, policyName: string, which: string): { index: number; sid?: string } {
  const policy = policyNamed(store, policyName);
  const sids = policy.statements.flatMap((s) => (s.sid !== undefined ? [s.sid] : []));
  if (/^\d+$/.test(which)) {
    const s = policy.statements[Number(which)];
    if (!s) throw new HarnessInputError(`\`${policyName}\` has no statement ${which}; it has ${policy.statements.length} (0 to ${policy.statements.length - 1})`);
    if (s.sid !== undefined) throw new HarnessInputError(`statement ${which} of \`${policyName}\` has the Sid \`${s.sid}\`: write \`statement ${s.sid}\``);
    return { index: s.index };
  }
  const s = policy.statements.find((x) => x.sid === which);
  if (!s) {
    const guess = closest(which, sids);
    throw new HarnessInputError(`\`${policyName}\` has no statement with the Sid \`${which}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : sids.length > 0 ? `; its Sids are ${sids.map((x) => `\`${x}\``).join(', ')}` : '; its statements have no Sid: write `statement <index>`'}`);
  }
  return { index: s.index, sid: which };
}

const KIND: Readonly<Record<Decision['decision'], Expectation['outcome']>> = { Allowed: 'allowed', ExplicitDeny: 'explicitly denied', ImplicitDeny: 'implicitly denied' };

/** Whether the engine's answer meets the expectation; "cannot decide" never does. */
export function meets(evaluation: Evaluation, e: Expectation): boolean {
  const r = evaluation.result;
  if (r.kind !== 'decision') return false;
  const actual = KIND[r.decision];
  const outcomeOk = e.outcome === 'denied' ? actual !== 'allowed' : actual === e.outcome;
  if (!outcomeOk) return false;
  if (e.byPolicy !== undefined) {
    const at = e.byStatement;
    return r.determining.some((d) => d.type === 'statement' && d.statement.policy === e.byPolicy && (at === undefined || d.statement.statementIndex === at.index));
  }
  if (e.byLayer !== undefined) {
    const want = e.byLayer;
    return r.determining.some((d) => d.type !== 'cross-account' && (d.type === 'layer' ? d.layer : d.statement.kind) === want.layer && (want.level === undefined || (d.type === 'layer' ? d.level : d.statement.level) === want.level));
  }
  return true;
}

/** The engine's outcome in a scenario's words. */
export function outcomeWords(evaluation: Evaluation): string {
  const r = evaluation.result;
  return r.kind === 'decision' ? KIND[r.decision] : `cannot decide (${r.code})`;
}

