import { splitArn, type Request, type Template } from '../model';
import { compileResourcePattern, matchResourcePattern } from './resource-pattern';
import { MultivaluedVariable, substitute } from './variables';

export type ResourceMatch = { readonly matched: boolean; readonly missing: readonly string[] } | MultivaluedVariable;

/**
 * Matches one Resource/NotResource entry against the request resource (R1–R9): `*` matches
 * everything, including the `*` of wildcard-only actions; an ARN pattern never matches `*`;
 * components compare case-sensitively; a `*` ending a segment may match across colons (R2); a variable with no value makes the entry match nothing.
 */
export function matchResource(pattern: Template, request: Request): ResourceMatch {
  if (pattern.raw === '*') return { matched: true, missing: [] };
  if (request.resource === '*' || splitArn(request.resource) === undefined) return { matched: false, missing: [] };
  const s = substitute(pattern, request, true);
  if (s instanceof MultivaluedVariable) return s;
  if (s.tokens === undefined) return { matched: false, missing: s.missing };
  return { matched: matchResourcePattern(compileResourcePattern(s.tokens), request.resource), missing: s.missing };
}
