import type { JsonPosition } from '../parse';
import type { Policy, PolicyKind, Statement } from '../model';
import type { Finding, LintLocation, Severity } from './finding';
import { RULES, type LintCode } from './rules';

/** One parsed policy document and the means to report findings in it. */
export interface DocumentContext {
  readonly file: string;
  readonly kind: PolicyKind;
  /** The decoded document, for pointers into elements the model normalises away (string vs array). */
  readonly raw: unknown;
  readonly positions: ReadonlyMap<string, JsonPosition>;
  readonly policy: Policy;
  /** `severity` overrides the rule's own, for a rule whose finding is milder in some cases. */
  report(code: LintCode, message: string, fix: string | undefined, pointer: string, statement?: Statement, severity?: Severity): void;
}

/** Builds a location, falling back to the nearest enclosing value whose position is known. */
export function locate(file: string, positions: ReadonlyMap<string, JsonPosition>, pointer: string, statement?: { index: number; sid?: string }): LintLocation {
  let p = pointer;
  let pos = positions.get(p);
  while (!pos && p !== '') {
    p = p.slice(0, p.lastIndexOf('/'));
    pos = positions.get(p);
  }
  // A document-level finding on a file with no value (empty YAML) still points at the file's start.
  pos ??= { line: 1, column: 1 };
  return {
    file,
    pointer,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
    ...(statement ? { statementIndex: statement.index } : {}),
    ...(statement?.sid !== undefined ? { sid: statement.sid } : {}),
  };
}

export function documentContext(input: Omit<DocumentContext, 'report'>, out: Finding[]): DocumentContext {
  return {
    ...input,
    report(code, message, fix, pointer, statement, severity) {
      const stmt = statement ? { index: statement.index, ...(statement.sid !== undefined ? { sid: statement.sid } : {}) } : undefined;
      out.push({ code, severity: severity ?? RULES[code]!.severity, message, ...(fix !== undefined ? { fix } : {}), location: locate(input.file, input.positions, pointer, stmt) });
    },
  };
}

/** The value a JSON pointer designates, or undefined. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let cur = value;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Pointer of the n-th entry of `Action`/`NotAction` (or `Resource`/`NotResource`), which may be a string or an array. */
export function elementPointer(ctx: DocumentContext, statement: Statement, element: 'action' | 'resource', n: number): string {
  const key = element === 'action' ? (statement.action.negated ? 'NotAction' : 'Action') : statement.resource.negated ? 'NotResource' : 'Resource';
  const base = `${statement.source.pointer}/${key}`;
  return Array.isArray(resolvePointer(ctx.raw, base)) ? `${base}/${n}` : base;
}

/** `statement 2 (Sid \`DenyProd\`)`, for messages that point at another statement. */
export function statementName(statement: Statement): string {
  return `statement ${statement.index}${statement.sid !== undefined ? ` (Sid \`${statement.sid}\`)` : ''}`;
}
