import type { Diagnostic, SourceRef } from '../model';
import type { JsonPosition } from './json';

/**
 * A role trust policy (`AssumeRolePolicyDocument`): a resource-based policy that decides who may assume the
 * role. It is read as what it is — never as an identity policy — and kept for listing who can become the role;
 * the engine does not evaluate sts:AssumeRole.
 */
export interface TrustPolicy {
  readonly name: string;
  readonly statements: readonly TrustStatement[];
  readonly source: SourceRef;
}

export interface TrustStatement {
  readonly effect: 'Allow' | 'Deny';
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly notPrincipal: boolean;
  readonly actions: readonly string[];
  readonly conditional: boolean;
}

const ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Condition'];

export function parseTrustPolicy(value: unknown, input: { readonly name: string; readonly file?: string; readonly positions?: ReadonlyMap<string, JsonPosition> }): { readonly policy?: TrustPolicy; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (pointer: string, statementIndex?: number): SourceRef => {
    const pos = input.positions?.get(pointer);
    return { ...(input.file !== undefined ? { file: input.file } : {}), policy: input.name, pointer, ...(statementIndex !== undefined ? { statementIndex } : {}), ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  const error = (code: Diagnostic['code'], message: string, source: SourceRef, help?: string): void => {
    diagnostics.push({ code, severity: 'error', message, source, ...(help !== undefined ? { help } : {}) });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    error('not-an-object', 'a trust policy must be a JSON object with `Version` and `Statement`', at(''));
    return { diagnostics };
  }
  const doc = value as Record<string, unknown>;
  for (const key of Object.keys(doc)) if (!['Version', 'Id', 'Statement'].includes(key)) error('unknown-element', `unknown policy element \`${key}\``, at(`/${key}`));
  if (doc.Version !== undefined && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') error('invalid-version', `\`Version\` must be \`2012-10-17\`, not \`${String(doc.Version)}\``, at('/Version'));
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  if (list.length === 0) error('missing-statement', 'the trust policy has no `Statement`', at(''));
  const statements: TrustStatement[] = [];
  list.forEach((s, i) => {
    const sp = Array.isArray(raw) ? `/Statement/${i}` : '/Statement';
    if (s === null || typeof s !== 'object' || Array.isArray(s)) {
      error('not-an-object', 'a statement must be an object', at(sp, i));
      return;
    }
    const st = s as Record<string, unknown>;
    for (const key of Object.keys(st)) if (!ELEMENTS.includes(key)) error('unknown-element', `unknown statement element \`${key}\``, at(`${sp}/${key}`, i));
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') error(st.Effect === undefined ? 'missing-effect' : 'invalid-effect', '`Effect` must be exactly `Allow` or `Deny`', at(`${sp}/Effect`, i));
    const principalKey = 'Principal' in st ? 'Principal' : 'NotPrincipal' in st ? 'NotPrincipal' : undefined;
    const principals: Record<string, string[]> = {};
    if (!principalKey) error('invalid-type', 'a trust policy statement names who may assume the role in `Principal`', at(sp, i), 'add `"Principal": {"Service": "…"}` or `{"AWS": "arn:…"}`');
    else {
      const p = st[principalKey];
      if (p === '*') principals['*'] = ['*'];
      else if (p !== null && typeof p === 'object' && !Array.isArray(p)) {
        for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
          const values = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
          if (!values) error('invalid-type', `\`${principalKey}.${k}\` must be a string or an array of strings`, at(`${sp}/${principalKey}/${k}`, i));
          else principals[k] = values;
        }
      } else error('invalid-type', `\`${principalKey}\` must be \`"*"\` or an object such as \`{"Service": "…"}\``, at(`${sp}/${principalKey}`, i));
    }
    const actionKey = 'Action' in st ? 'Action' : 'NotAction' in st ? 'NotAction' : undefined;
    const a = actionKey ? st[actionKey] : undefined;
    const actions = typeof a === 'string' ? [a] : Array.isArray(a) && a.every((x) => typeof x === 'string') ? (a as string[]) : undefined;
    if (!actions) error(a === undefined ? 'missing-action' : 'invalid-type', '`Action` must be a string or an array of strings (e.g. `sts:AssumeRole`)', at(`${sp}/${actionKey ?? 'Action'}`, i));
    if (st.Effect === 'Allow' || st.Effect === 'Deny') statements.push({ effect: st.Effect, principals, notPrincipal: principalKey === 'NotPrincipal', actions: actions ?? [], conditional: st.Condition !== undefined });
  });
  if (diagnostics.length > 0) return { diagnostics };
  return { policy: { name: input.name, statements, source: at('') }, diagnostics };
}
