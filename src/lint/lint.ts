import { catalogVersion } from '../catalog';
import type { Policy, PolicyKind } from '../model';
import { parsePolicy, type JsonPosition } from '../parse';
import type { DocumentReadResult } from '../load/read-document';
import type { StoreVerdicts } from '../analysis/store-verdicts';
import { checkAnalysis } from './check-analysis';
import { checkActions } from './check-actions';
import { checkConditions } from './check-conditions';
import { checkResources } from './check-resources';
import { checkSecurity, checkTagComparisons, reportTagDodge, tagDodges } from './check-security';
import { checkSegmentWildcards } from './check-segment-wildcards';
import { documentContext, locate, type DocumentContext } from './context';
import { severityRank, SEVERITIES, type Finding, type Severity } from './finding';
import { RULES } from './rules';
import { applyWaivers, normalise, readWaivers } from './waivers';

/** One decoded file to lint (the CLI reads it; the linter never touches the file system). */
export interface LintDocument {
  /** Shown in findings and matched by waivers: a path relative to the project root, with `/`. */
  readonly file: string;
  readonly kind: PolicyKind;
  readonly read: DocumentReadResult;
}

/** A principal of the loaded store and the identity policies it holds (policy names = file base names). */
export interface LintPrincipal {
  readonly name: string;
  readonly identityPolicies: readonly string[];
}

export interface LintOptions {
  /** Today as `YYYY-MM-DD`: waivers expire against it. The caller owns the clock. */
  readonly today: string;
  readonly waivers?: { readonly file: string; readonly read: DocumentReadResult };
  /** When set, only waivers of these files are applied and judged (unused, expired); the rest are left alone. */
  readonly judgeWaiversOf?: ReadonlySet<string>;
  /**
   * The store's principals (from src/load). With them, tag-based Denies are judged against every policy a
   * principal holds, not only the file they are in.
   */
  readonly principals?: readonly LintPrincipal[];
  /** The store's policies by name, so the Allows of policies not linted in this run count too. */
  readonly storePolicies?: ReadonlyMap<string, Policy>;
  /**
   * The analysis over every request class of the store (the CLI runs it: it needs the loaded store), or why it
   * was not run. Its verdicts become findings on the linted statements; a skip becomes a note.
   */
  readonly analysis?: StoreVerdicts | { readonly skipped: string };
  /** Further lines for the report's notes (what the caller skipped). */
  readonly notes?: readonly string[];
}

export interface LintSummary {
  readonly files: number;
  /** Unwaived findings per severity. */
  readonly counts: Readonly<Record<Severity, number>>;
  readonly waived: number;
}

export interface LintReport {
  readonly catalog: string;
  readonly files: readonly string[];
  /** Sorted by file, line, column, code. */
  readonly findings: readonly Finding[];
  readonly summary: LintSummary;
  /** What the run did or skipped beyond the documents (the store-wide checks), one line each. */
  readonly notes?: readonly string[];
}

/** The codes the store-wide analysis reports, for the note that says they ran or were skipped. */
export const STORE_WIDE_CHECKS = ['statement-never-decides', 'statement-redundant', 'statement-shadowed', 'principal-over-permissive', 'policy-held-by-no-principal'] as const;

export function lint(documents: readonly LintDocument[], options: LintOptions): LintReport {
  const linted = documents.map(lintOne);
  let findings = linted.flatMap((l) => l.findings);
  if (options.principals) findings.push(...checkPrincipalsTagDodges(linted, options.principals, options.storePolicies ?? new Map()));
  const notes: string[] = [];
  if (options.analysis && 'skipped' in options.analysis) notes.push(`store-wide checks (${STORE_WIDE_CHECKS.join(', ')}) skipped: ${options.analysis.skipped}`);
  else if (options.analysis) {
    const contexts = linted.flatMap((l) => (l.ctx ? [documentContext({ ...l.ctx }, findings)] : []));
    checkAnalysis(contexts, options.analysis);
    const r = options.analysis.result;
    notes.push(`store-wide checks over ${r.principals.length} principal${r.principals.length === 1 ? '' : 's'} and ${r.classes.toLocaleString('en')} request classes`);
  }
  notes.push(...(options.notes ?? []));
  if (options.waivers) {
    const { file, read } = options.waivers;
    const lintedFiles = new Set(documents.map((d) => normalise(d.file)));
    if (read.ok) {
      const set = readWaivers(file, read.value, read.positions);
      const judged = options.judgeWaiversOf;
      const relevant = judged ? { ...set, waivers: set.waivers.filter((w) => judged.has(w.file)) } : set;
      const analysed = options.analysis !== undefined && !('skipped' in options.analysis);
      findings = applyWaivers(findings, relevant, file, read.positions, options.today, lintedFiles, analysed ? undefined : new Set<string>(STORE_WIDE_CHECKS));
    } else findings.push(readFailure(file, read));
  }
  findings.sort((a, b) => a.location.file.localeCompare(b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0) || a.code.localeCompare(b.code));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => !f.waived && f.severity === s).length])) as Record<Severity, number>;
  return { catalog: catalogVersion(), files: documents.map((d) => d.file), findings, summary: { files: documents.length, counts, waived: findings.filter((f) => f.waived).length }, ...(notes.length > 0 ? { notes } : {}) };
}

/** True when an unwaived finding is at or above `failOn`. */
export function fails(report: LintReport, failOn: Severity): boolean {
  return report.findings.some((f) => !f.waived && severityRank(f.severity) >= severityRank(failOn));
}

export function lintDocument(doc: LintDocument): Finding[] {
  return lintOne(doc).findings;
}

interface Linted {
  readonly findings: Finding[];
  /** The document's checked policy, for checks across documents. */
  readonly ctx?: DocumentContext;
}

function lintOne(doc: LintDocument): Linted {
  if (!doc.read.ok) return { findings: [readFailure(doc.file, doc.read)] };
  const { value, positions } = doc.read;
  const findings: Finding[] = [];
  if (isRoleTrustPolicy(value)) return { findings: [roleTrustPolicy(doc.file, positions)] };
  checkResourcePolicy(doc.file, value, positions, findings);
  const name = doc.file.replace(/^.*\//, '').replace(/\.(json|ya?ml)$/i, '');
  const parsed = parsePolicy(value, { name, kind: doc.kind, file: doc.file, positions });
  for (const d of parsed.diagnostics) {
    const s = d.source;
    findings.push({
      code: d.code,
      severity: d.severity === 'warning' ? 'warning' : 'error',
      message: d.message,
      ...(d.help !== undefined ? { fix: d.help } : {}),
      location: locate(doc.file, positions, s.pointer, s.statementIndex !== undefined ? { index: s.statementIndex, ...(s.sid !== undefined ? { sid: s.sid } : {}) } : undefined),
    });
  }
  // Statements that parsed cleanly are checked even when others did not: one malformed ARN must not hide an
  // unknown action next to it. (Never evaluated: only lint looks at a partial policy.)
  const policy = parsed.policy ?? parsed.partial;
  if (!policy || policy.statements.length === 0) return { findings };
  const ctx = documentContext({ file: doc.file, kind: doc.kind, raw: value, positions, policy }, findings);
  checkActions(ctx);
  checkResources(ctx);
  checkConditions(ctx);
  checkSecurity(ctx);
  checkTagComparisons(ctx);
  checkSegmentWildcards(ctx);
  return { findings, ctx };
}

/**
 * A tag-based Deny in one policy, dodged through an Allow of another policy the same principal holds
 * (the within-file case is reported per document). Each Deny condition and Allow pair is reported once,
 * naming the first principal that holds both.
 */
function checkPrincipalsTagDodges(linted: readonly Linted[], principals: readonly LintPrincipal[], storePolicies: ReadonlyMap<string, Policy>): Finding[] {
  const byName = new Map<string, DocumentContext>();
  for (const l of linted) if (l.ctx && l.ctx.kind === 'identity') byName.set(l.ctx.policy.name, l.ctx);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const principal of principals) {
    // Findings go to linted files only; the Allows may come from any policy the principal holds.
    const held = principal.identityPolicies.map((n) => byName.get(n)).filter((c): c is DocumentContext => c !== undefined);
    const all = principal.identityPolicies.map((n) => byName.get(n)?.policy ?? storePolicies.get(n)).filter((p): p is Policy => p !== undefined);
    if (held.length === 0 || all.length < 2) continue;
    const protectors = all.flatMap((p) => p.statements);
    for (const home of held) {
      const others = all.filter((p) => p.name !== home.policy.name).flatMap((p) => p.statements.map((statement) => ({ statement, policy: p.name })));
      const ctx = documentContext({ ...home }, out);
      for (const deny of home.policy.statements) {
        for (const d of tagDodges(deny, protectors, others)) {
          const id = `${home.file}|${d.test.source.pointer}|${d.dodges.map((x) => `${x.allow.policy}#${x.allow.statement.index}`).join(',')}`;
          if (seen.has(id)) continue;
          seen.add(id);
          reportTagDodge(ctx, deny, d, principal.name);
        }
      }
    }
  }
  return out;
}

function readFailure(file: string, read: Extract<DocumentReadResult, { ok: false }>): Finding {
  const fix = read.help ?? (read.code === 'duplicate-key' ? 'IAM rejects a key written twice in one object: keep one' : `fix the ${read.code === 'malformed-yaml' ? 'YAML' : 'JSON'} syntax at this position`);
  return {
    code: read.code,
    severity: RULES[read.code]?.severity ?? 'error',
    message: read.message,
    fix,
    location: { file, pointer: read.pointer, ...(read.position ? { line: read.position.line, column: read.position.column } : {}) },
  };
}

function statementsOf(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const raw = (value as Record<string, unknown>).Statement;
  return Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
}

/** A role trust policy: every statement names a `Principal` and an `sts:AssumeRole…` action. */
export function isRoleTrustPolicy(value: unknown): boolean {
  const statements = statementsOf(value);
  return (
    statements.length > 0 &&
    statements.every((s) => {
      if (typeof s !== 'object' || s === null || !('Principal' in s)) return false;
      const action = (s as Record<string, unknown>).Action;
      const actions = Array.isArray(action) ? action : [action];
      return actions.length > 0 && actions.every((a) => typeof a === 'string' && /^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext)$/i.test(a)) && actions.some((a) => /^sts:AssumeRole/i.test(a as string));
    })
  );
}

/**
 * A trust policy says who may assume a role; it is the role's resource-based policy, not one Amazon MQ
 * evaluates. Say what it is instead of reporting it as a broken identity policy.
 */
function roleTrustPolicy(file: string, positions: ReadonlyMap<string, JsonPosition>): Finding {
  return {
    code: 'role-trust-policy',
    severity: RULES['role-trust-policy']!.severity,
    message: 'this is a role trust policy (`Principal` with `sts:AssumeRole…`): it decides who may assume the role, and is not part of Amazon MQ decisions',
    fix: 'keep trust policies outside the policy folders (e.g. next to the role\'s definition), or list the role in principals.yaml with the permission policies it holds',
    location: locate(file, positions, ''),
  };
}

/**
 * A document whose every statement names a Principal can only be a resource-based policy, and Amazon MQ has
 * none: no broker or configuration can hold it. Say so once, besides the per-statement Principal errors.
 */
function checkResourcePolicy(file: string, value: unknown, positions: ReadonlyMap<string, JsonPosition>, out: Finding[]): void {
  if (typeof value !== 'object' || value === null) return;
  const raw = (value as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  const named = statements.filter((s) => typeof s === 'object' && s !== null && ('Principal' in s || 'NotPrincipal' in s));
  if (statements.length === 0 || named.length !== statements.length) return;
  out.push({
    code: 'resource-based-policy-not-supported',
    severity: 'error',
    message: 'this is a resource-based policy (every statement names a `Principal`), and Amazon MQ does not support resource-based policies: no broker or configuration can hold it',
    fix: 'grant access with an identity-based policy attached to the users or roles instead, without `Principal`',
    location: locate(file, positions, ''),
  });
}
