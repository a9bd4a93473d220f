import type { ClaimRecord } from '../model';
import type { ReadRun, ReportScenario } from './read-messages';

/**
 * The controls page's rows: every claim a scenario checked (`only`/`nobody`/who-can, with the scope and
 * near misses it recorded) and every scenario tagged `@control` (scoped by the decisions it recorded).
 */
export interface ClaimView {
  readonly text: string;
  readonly passed: boolean;
  /** What was covered, in words: principals, resources (and how many), context. */
  readonly scope: string;
  /** One line per near miss, with who the engine allows on it. */
  readonly nearMisses: readonly string[];
  readonly scenario: { readonly name: string; readonly anchor: string; readonly uri: string; readonly line?: number };
  /** `claim` for only/nobody/who-can, `control` for an @control scenario without a claim. */
  readonly kind: 'claim' | 'control';
  /** Matrix rows that hold the claim's evidence: the principals it allows, and those allowed on its near misses. */
  readonly matrixRows: readonly { readonly principal: string; readonly action: string }[];
}

const list = (names: readonly string[], max = 8): string => (names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`);

export function claimScope(c: ClaimRecord): string {
  const excluded = c.principals.excluded ?? [];
  const principals =
    c.principals.scope === 'all'
      ? excluded.length > 0
        ? `every principal of the store except ${list(excluded)} (${c.principals.names.length} checked; the exceptions are not)`
        : `all ${c.principals.names.length} principals of the store`
      : `the principals ${list(c.principals.names)}`;
  const resources = c.resources.names.length === 1 && c.resources.names[0] === '*' ? 'the resource `*`' : `${c.resources.names.length} resource(s) selected by \`${c.resources.selector}\` (${list(c.resources.names)})`;
  const context = c.context.length === 0 ? 'the default context and the store\'s own policies' : `a context that differs from the default: ${c.context.join('; ')}`;
  return `${principals} × ${resources}, under ${context}; ${c.decisions} decisions`;
}

export function nearMissLine(n: ClaimRecord['nearMisses'][number], action: string): string {
  const tags = Object.entries(n.tags).map(([k, v]) => `${k}=${v}`).join(', ');
  const who = n.allowed.length === 0 ? 'nobody' : n.allowed.join(', ');
  return `${n.resource}${tags !== '' ? ` (tagged ${tags})` : ' (no tags)'}: ${n.reason}; not covered by the claim; ${action.includes(', ') ? `allowed there: ${who}` : `${action} is allowed there for ${who}`}`;
}

function where(s: ReportScenario): ClaimView['scenario'] {
  return { name: s.example !== undefined ? `${s.name} (${s.example})` : s.name, anchor: s.anchor, uri: s.uri, ...(s.line !== undefined ? { line: s.line } : {}) };
}

export function claimViews(run: ReadRun): ClaimView[] {
  const out: ClaimView[] = [];
  for (const f of run.features) {
    for (const s of f.scenarios) {
      // A claim that failed to finish (a later step failed) still shows, with the scenario's verdict.
      for (const c of s.claims) {
        const principals = [...new Set([...c.allowed, ...c.nearMisses.flatMap((n) => n.allowed)])];
        // Near-miss entries read `admin (mq:CreateUser, …)` when the claim has several actions: the name comes first.
        const names = [...new Set((principals.length > 0 ? principals : c.principals.names.slice(0, 3)).map((p) => p.split(' (')[0]!))];
        const rows = c.action.split(', ').flatMap((action) => names.map((principal) => ({ principal, action })));
        out.push({ text: c.text, passed: c.passed && s.status === 'passed', scope: claimScope(c), nearMisses: c.nearMisses.map((n) => nearMissLine(n, c.action)), scenario: where(s), kind: 'claim', matrixRows: rows });
      }
      // A property law is a claim over generated inputs: its scope is the number of cases and the seed.
      for (const p of s.properties) {
        out.push({ text: p.law, passed: p.passed && s.status === 'passed', scope: `${p.numRuns} generated case(s), seed ${p.seed} (MQ_POLICY_PROPERTY_SEED=${p.seed} replays them)`, nearMisses: [], scenario: where(s), kind: 'claim', matrixRows: [] });
      }
      const isControl = s.tags.includes('@control') || f.tags.includes('@control');
      if (isControl && s.claims.length === 0 && s.properties.length === 0) {
        const requests = s.decisions.map((d) => `${d.principal} ${d.action} ${d.resourceName ?? d.resource}${(d.variations ?? []).length > 0 ? ` (${(d.variations ?? []).join('; ')})` : ''}`);
        const scope = requests.length === 0 ? 'no decision recorded' : `${requests.length} decision(s): ${list(requests, 4)}`;
        const rows = [...new Map(s.decisions.map((d) => [`${d.principal} ${d.action}`, { principal: d.principal, action: d.action }])).values()];
        out.push({ text: s.name, passed: s.status === 'passed', scope, nearMisses: [], scenario: where(s), kind: 'control', matrixRows: rows });
      }
    }
  }
  return out;
}
