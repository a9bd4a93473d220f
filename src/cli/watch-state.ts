import { DECISION_MEDIA_TYPE } from '../harness/record';
import type { PolicyStore } from '../load/store-types';

/** One scenario (or Examples row) as the last run that ran it left it. */
export interface ScenarioState {
  /** `uri:line`, what Cucumber accepts as a path to run just this scenario. */
  readonly key: string;
  readonly name: string;
  readonly passed: boolean;
  /** Principals its decisions were made for (from the decision attachments). */
  readonly principals: ReadonlySet<string>;
  /** The first failing step's message: the engine's explanation for a decision step. */
  readonly failure?: string;
}

type Envelope = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Collects the scenarios of one run from Cucumber's messages, as they arrive. */
export class RunRecorder {
  private readonly pickles = new Map<string, { key: string; name: string }>();
  private readonly testCases = new Map<string, string>();
  private readonly started = new Map<string, { pickle: string; passed: boolean; principals: Set<string>; failure?: string }>();
  readonly scenarios: ScenarioState[] = [];

  onMessage = (envelope: Envelope): void => {
    if (envelope.pickle) {
      const p = envelope.pickle;
      this.pickles.set(p.id, { key: p.location?.line !== undefined ? `${p.uri}:${p.location.line}` : p.uri, name: p.name });
    } else if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    else if (envelope.testCaseStarted) {
      const s = envelope.testCaseStarted;
      this.started.set(s.id, { pickle: this.testCases.get(s.testCaseId) ?? '', passed: true, principals: new Set() });
    } else if (envelope.attachment?.mediaType === DECISION_MEDIA_TYPE) {
      const s = this.started.get(envelope.attachment.testCaseStartedId);
      try {
        const principal = (JSON.parse(envelope.attachment.body) as { principal?: unknown }).principal;
        if (s && typeof principal === 'string') s.principals.add(principal);
      } catch {
        // not a decision record after all: it names no principal
      }
    } else if (envelope.testStepFinished) {
      const s = this.started.get(envelope.testStepFinished.testCaseStartedId);
      const result = envelope.testStepFinished.testStepResult;
      if (s && !['PASSED', 'SKIPPED'].includes(result.status)) {
        if (s.passed) s.failure = `${result.status.toLowerCase()}: ${result.exception?.message ?? result.message ?? ''}`.trim();
        s.passed = false;
      }
    } else if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      const s = this.started.get(envelope.testCaseFinished.testCaseStartedId);
      const pickle = s ? this.pickles.get(s.pickle) : undefined;
      if (s && pickle) this.scenarios.push({ key: pickle.key, name: pickle.name, passed: s.passed, principals: s.principals, ...(s.failure !== undefined ? { failure: s.failure } : {}) });
    }
  };
}

/** What to re-run when files changed: every scenario, some scenarios or features (`uri[:line]`), or nothing. */
export type Affected = { readonly kind: 'all'; readonly why: string } | { readonly kind: 'some'; readonly paths: readonly string[]; readonly why: string } | { readonly kind: 'none'; readonly why: string };

/**
 * Which scenarios a change affects. A changed feature file re-runs that feature; a changed policy re-runs
 * every scenario whose principals hold it (SCPs hold for everyone), and any scenario that names it or made
 * no decision the last time (nothing says it would not be affected); a changed principals/inventory file re-runs all.
 * Paths are relative to the working directory, with `/`.
 */
export function affectedBy(changed: readonly { readonly path: string; readonly kind: 'feature' | 'store' }[], store: PolicyStore, known: ReadonlyMap<string, ScenarioState>, featureText: (uri: string) => string): Affected {
  const features = [...new Set(changed.filter((c) => c.kind === 'feature').map((c) => c.path))];
  const policies = new Set<string>();
  for (const c of changed.filter((x) => x.kind === 'store')) {
    const base = c.path.replace(/^.*\//, '');
    if (!/\.(json|ya?ml)$/i.test(base)) continue;
    const name = base.replace(/\.(json|ya?ml)$/i, '');
    if (/^(principals|inventory)$/i.test(name)) return { kind: 'all', why: `${base} changed` };
    if (/^waivers$/i.test(name)) continue;
    if (store.scpLevels.some((l) => l.policies.some((p) => p.name === name))) return { kind: 'all', why: `SCP ${name} changed` };
    policies.add(name);
  }
  const holders = new Set([...store.principals.values()].filter((p) => p.identityPolicies.some((n) => policies.has(n)) || (p.boundary !== undefined && policies.has(p.boundary)) || p.sessionPolicies.some((n) => policies.has(n))).map((p) => p.name));
  const scenarios = new Set<string>();
  if (policies.size > 0) {
    for (const s of known.values()) {
      const uri = s.key.replace(/:\d+$/, '');
      if (features.includes(uri)) continue;
      const names = [...policies].some((p) => featureText(uri).includes(p));
      if (s.principals.size === 0 || [...s.principals].some((p) => holders.has(p)) || names) scenarios.add(s.key);
    }
  }
  const paths = [...features, ...scenarios];
  const why = [features.length > 0 ? `${features.join(', ')} changed` : '', policies.size > 0 ? `${[...policies].join(', ')} changed (held by ${holders.size > 0 ? [...holders].sort().join(', ') : 'nobody'})` : ''].filter((w) => w !== '').join('; ');
  return paths.length > 0 ? { kind: 'some', paths, why } : { kind: 'none', why: why || 'nothing a scenario uses changed' };
}

/** Lines for what changed since the last run: newly failing (with the explanation), newly passing, new scenarios. */
export function changesSince(previous: ReadonlyMap<string, ScenarioState>, run: readonly ScenarioState[]): string[] {
  const lines: string[] = [];
  for (const s of run) {
    const before = previous.get(s.key);
    if (!s.passed && (before === undefined || before.passed)) lines.push(`✗ ${before ? 'now failing' : 'failing'}: ${s.name} (${s.key})${s.failure !== undefined ? `\n${s.failure.replace(/^/gm, '    ')}` : ''}`);
    else if (s.passed && before !== undefined && !before.passed) lines.push(`✓ now passing: ${s.name} (${s.key})`);
    else if (s.passed && before === undefined) lines.push(`+ new, passing: ${s.name} (${s.key})`);
  }
  return lines;
}
