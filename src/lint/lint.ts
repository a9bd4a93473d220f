import { catalogVersion } from '../catalog';
import type { PolicyKind } from '../model';
import { parsePolicy, type JsonPosition } from '../parse';
import type { DocumentReadResult } from '../load/read-document';
import { checkActions } from './check-actions';
import { checkConditions } from './check-conditions';
import { checkResources } from './check-resources';
import { checkSecurity } from './check-security';
import { documentContext, locate } from './context';
import { severityRank, SEVERITIES, type Finding, type Severity } from './finding';
import { RULES } from './rules';
import { applyWaivers, readWaivers } from './waivers';

/** One decoded file to lint (the CLI reads it; the linter never touches the file system). */
export interface LintDocument {
  /** Shown in findings and matched by waivers: a path relative to the project root, with `/`. */
  readonly file: string;
  readonly kind: PolicyKind;
  readonly read: DocumentReadResult;
}

export interface LintOptions {
  /** Today as `YYYY-MM-DD`: waivers expire against it. The caller owns the clock. */
  readonly today: string;
  readonly waivers?: { readonly file: string; readonly read: DocumentReadResult };
  /** When set, only waivers of these files are applied and judged (unused, expired); the rest are left alone. */
  readonly judgeWaiversOf?: ReadonlySet<string>;
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
}

export function lint(documents: readonly LintDocument[], options: LintOptions): LintReport {
  let findings = documents.flatMap(lintDocument);
  if (options.waivers) {
    const { file, read } = options.waivers;
    if (read.ok) {
      const set = readWaivers(file, read.value, read.positions);
      const judged = options.judgeWaiversOf;
      const relevant = judged ? { ...set, waivers: set.waivers.filter((w) => judged.has(w.file)) } : set;
      findings = applyWaivers(findings, relevant, file, read.positions, options.today);
    }
    else findings.push(readFailure(file, read));
  }
  findings.sort((a, b) => a.location.file.localeCompare(b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0) || a.code.localeCompare(b.code));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => !f.waived && f.severity === s).length])) as Record<Severity, number>;
  return { catalog: catalogVersion(), files: documents.map((d) => d.file), findings, summary: { files: documents.length, counts, waived: findings.filter((f) => f.waived).length } };
}

/** True when an unwaived finding is at or above `failOn`. */
export function fails(report: LintReport, failOn: Severity): boolean {
  return report.findings.some((f) => !f.waived && severityRank(f.severity) >= severityRank(failOn));
}

export function lintDocument(doc: LintDocument): Finding[] {
  if (!doc.read.ok) return [readFailure(doc.file, doc.read)];
  const { value, positions } = doc.read;
  const findings: Finding[] = [];
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
  if (!parsed.policy) return findings;
  const ctx = documentContext({ file: doc.file, kind: doc.kind, raw: value, positions, policy: parsed.policy }, findings);
  checkActions(ctx);
  checkResources(ctx);
  checkConditions(ctx);
  checkSecurity(ctx);
  return findings;
}

function readFailure(file: string, read: Extract<DocumentReadResult, { ok: false }>): Finding {
  const fix = read.code === 'duplicate-key' ? 'IAM rejects a key written twice in one object: keep one' : `fix the ${read.code === 'malformed-yaml' ? 'YAML' : 'JSON'} syntax at this position`;
  return {
    code: read.code,
    severity: RULES[read.code]!.severity,
    message: read.message,
    fix,
    location: { file, pointer: read.pointer, ...(read.position ? { line: read.position.line, column: read.position.column } : {}) },
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
