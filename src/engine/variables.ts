import type { Request, Template } from '../model';
import { contextValues } from './context';
import { pushLiteral, textTokens, type GlobToken } from './glob';

/** Raised when a variable names a key that carries several values: AWS allows only single-valued keys there (V2). */
export class MultivaluedVariable {
  constructor(readonly key: string) {}
}

export interface Substitution {
  /** Undefined when a variable had no value and no default: the entry then matches nothing (V5, R9). */
  readonly tokens?: GlobToken[];
  /** Variable keys (as written) the context lacked. */
  readonly missing: readonly string[];
}

const NO_MISSING: readonly string[] = [];

/**
 * Substitutes policy variables from the request context. Substituted values and escapes are
 * literal; `*` and `?` in the policy's own text are wildcards when `wildcards` is set.
 */
export function substitute(template: Template, request: Request, wildcards: boolean): Substitution | MultivaluedVariable {
  const tokens: GlobToken[] = [];
  let missing: string[] | undefined;
  let absent = false;
  for (const part of template.parts) {
    if (part.kind === 'text') textTokens(part.text, wildcards, tokens);
    else if (part.kind === 'escaped') pushLiteral(tokens, part.char);
    else {
      const values = contextValues(request, part.key);
      if (values !== undefined && values.length > 1) return new MultivaluedVariable(part.raw);
      const value = values?.[0] ?? part.default;
      if (values === undefined || values.length === 0) (missing ??= []).push(part.name);
      if (value === undefined) absent = true;
      else if (value !== '') pushLiteral(tokens, value);
    }
  }
  return absent ? { missing: missing ?? NO_MISSING } : { tokens, missing: missing ?? NO_MISSING };
}
