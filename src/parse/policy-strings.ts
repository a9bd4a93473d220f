import {
  CONDITION_OPERATORS,
  FAMILIES_WITH_VARIABLES,
  isBase64,
  readBool,
  readDate,
  readIpNetwork,
  readNumber,
  splitArn,
  type DiagnosticCode,
  type OperatorFamily,
  type Template,
} from '../model';
import { isMultivaluedKey } from '../catalog';
import { parseTemplate } from './template';

/**
 * The checks of policy validation that depend on one string alone (an action, a resource, an operator,
 * a condition value), each remembered for strings it has seen. Batches repeat these strings from one
 * document to the next (`mq:*`, `aws:SourceIp` networks, dates, ARN patterns), and `mq-policy simulate`
 * validates tens of thousands of documents a run: a look-up costs a fraction of the regular expressions,
 * date and address readers, and template parsing behind it. The answers are the same either way: each
 * check is a pure function of its string (and the flags in its key), and the templates it returns are
 * never modified by anyone (they are shared between the documents that write the same string).
 *
 * INVARIANT: each table holds at most MAX_ENTRIES strings of at most MAX_KEY_LENGTH characters (it is
 * emptied when full), so hostile input cannot grow it without bound.
 */
const MAX_ENTRIES = 4096;
const MAX_KEY_LENGTH = 256;

class Remembered<V> {
  private readonly table = new Map<string, V>();

  constructor(private readonly compute: (key: string) => V) {}

  get(key: string): V {
    if (key.length > MAX_KEY_LENGTH) return this.compute(key);
    let v = this.table.get(key);
    if (v === undefined) {
      v = this.compute(key);
      if (this.table.size >= MAX_ENTRIES) this.table.clear();
      this.table.set(key, v);
    }
    return v;
  }
}

const ACTION = /^([A-Za-z0-9-]+):([A-Za-z0-9*?_-]+)$/;

/** What is wrong with an `Action`/`NotAction` entry: nothing, a variable, a wildcard in the service, or its shape. */
export type ActionProblem = 'none' | 'variable' | 'service-wildcard' | 'not-an-action';

const actions = new Remembered<ActionProblem>((action) => {
  if (action === '*') return 'none';
  const m = ACTION.exec(action);
  if (action.includes('${')) return 'variable';
  if (m !== null) return 'none';
  const servicePart = action.split(':')[0] ?? '';
  return /[*?]/.test(servicePart) && action.includes(':') ? 'service-wildcard' : 'not-an-action';
});

export function actionProblem(action: string): ActionProblem {
  return actions.get(action);
}

export interface PatternProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly help?: string;
}

/** A `Resource`/`NotResource` entry: its problem, a policy-variable error, or its template. */
export type ResourceCheck = { readonly problem: PatternProblem } | { readonly variableError: string } | { readonly template: Template };

function computeResource(resource: string, variables: boolean): ResourceCheck {
  const problem = checkResourcePattern(resource, variables);
  if (problem) return { problem };
  const parsed = checkedTemplate(resource, variables);
  return 'error' in parsed ? { variableError: parsed.error } : { template: parsed.template };
}

const resourcesWithVariables = new Remembered<ResourceCheck>((r) => computeResource(r, true));
const literalResources = new Remembered<ResourceCheck>((r) => computeResource(r, false));

export function checkResource(resource: string, variables: boolean): ResourceCheck {
  return (variables ? resourcesWithVariables : literalResources).get(resource);
}

/** A condition value: a variable where the family takes none, a bad value, a bad variable, or its template. */
export type ConditionValueCheck =
  | { readonly kind: 'variable-position' }
  | { readonly kind: 'invalid-value'; readonly problem: string }
  | { readonly kind: 'variable-error'; readonly error: string }
  | { readonly kind: 'ok'; readonly template: Template };

function computeConditionValue(family: OperatorFamily, text: string, variables: boolean): ConditionValueCheck {
  const takesVariables = FAMILIES_WITH_VARIABLES.has(family);
  if (variables && text.includes('${') && !takesVariables) return { kind: 'variable-position' };
  const problem = checkConditionValue(family, text, variables);
  if (problem !== undefined) return { kind: 'invalid-value', problem };
  const parsed = checkedTemplate(text, variables && takesVariables);
  return 'error' in parsed ? { kind: 'variable-error', error: parsed.error } : { kind: 'ok', template: parsed.template };
}

const conditionValueTables = new Map<string, Remembered<ConditionValueCheck>>();

export function checkConditionValueText(family: OperatorFamily, text: string, variables: boolean): ConditionValueCheck {
  const name = variables ? family : `${family}/literal`;
  let table = conditionValueTables.get(name);
  if (!table) conditionValueTables.set(name, (table = new Remembered((t) => computeConditionValue(family, t, variables))));
  return table.get(text);
}

export interface OperatorParts {
  readonly base: string;
  readonly family: OperatorFamily;
  readonly negated: boolean;
  readonly ifExists: boolean;
  readonly setQualifier?: 'ForAllValues' | 'ForAnyValue';
}

export type OperatorCheck = OperatorParts | { readonly error: string; readonly help?: string };

const operators = new Remembered<OperatorCheck>(computeOperator);

export function readOperator(operator: string): OperatorCheck {
  return operators.get(operator);
}

function computeOperator(operator: string): OperatorCheck {
  let rest = operator;
  let setQualifier: 'ForAllValues' | 'ForAnyValue' | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon);
    if (q !== 'ForAllValues' && q !== 'ForAnyValue') {
      const fix = ['forallvalues', 'foranyvalue'].includes(q.toLowerCase()) ? (q.toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue') : undefined;
      return { error: `unknown set qualifier \`${q}\` in \`${operator}\``, help: fix ? `write \`${fix}:${rest.slice(colon + 1)}\`` : 'use `ForAllValues:` or `ForAnyValue:`' };
    }
    setQualifier = q;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  // Own keys only: `constructor` or `toString` is no operator, whatever Object.prototype holds.
  const info = Object.prototype.hasOwnProperty.call(CONDITION_OPERATORS, rest) ? CONDITION_OPERATORS[rest] : undefined;
  if (!info) {
    const lower = operator.toLowerCase();
    const known = Object.keys(CONDITION_OPERATORS);
    const sameLetters = [...known, ...known.map((k) => `${k}IfExists`)].find((k) => lower.endsWith(k.toLowerCase()) && lower.length - k.length === (setQualifier ? setQualifier.length + 1 : 0));
    return sameLetters
      ? { error: `condition operator \`${operator}\` is spelled differently in IAM`, help: `write \`${setQualifier ? `${setQualifier}:` : ''}${sameLetters}\`` }
      : { error: `unknown condition operator \`${operator}\``, help: 'see the IAM condition operators (StringEquals, ArnLike, IpAddress, Bool, Null, …)' };
  }
  if (info.family === 'Null' && ifExists) return { error: '`Null` cannot take the `IfExists` suffix', help: 'use `Null` alone: it already tests whether the key exists' };
  if (info.family === 'Null' && setQualifier) return { error: `\`${operator}\`: set qualifiers do not apply to \`Null\``, help: 'use `Null` alone' };
  return { base: rest, family: info.family, negated: info.negated, ifExists, ...(setQualifier ? { setQualifier } : {}) };
}

/** A template whose variables all name single-valued keys: AWS does not allow multivalued keys there (V2). */
function checkedTemplate(raw: string, variables: boolean): ReturnType<typeof parseTemplate> {
  const parsed = parseTemplate(raw, variables);
  if ('error' in parsed) return parsed;
  const multi = parsed.template.parts.find((p) => p.kind === 'variable' && isMultivaluedKey(p.key));
  if (multi && multi.kind === 'variable') {
    return { error: `\`${multi.raw}\` names a multivalued context key; only single-valued keys can be policy variables` };
  }
  return parsed;
}

/** Why a policy value is not valid for the family, or undefined when it is. */
function checkConditionValue(family: OperatorFamily, text: string, variables: boolean): string | undefined {
  switch (family) {
    case 'String':
      return undefined;
    case 'Numeric':
      return readNumber(text) === undefined ? 'expected an integer or decimal number' : undefined;
    case 'Date':
      return readDate(text) === undefined ? 'expected an ISO 8601 date such as `2026-01-31T00:00:00Z`, or epoch seconds' : undefined;
    case 'Bool':
    case 'Null':
      return readBool(text) === undefined ? 'expected `true` or `false`' : undefined;
    case 'Binary':
      return isBase64(text) ? undefined : 'expected base-64 encoded bytes';
    case 'IpAddress':
      return readIpNetwork(text) === undefined ? 'expected an IPv4 or IPv6 address or CIDR block such as `203.0.113.0/24`' : undefined;
    case 'Arn': {
      if (text === '*') return undefined;
      // ArnLike compares each of the six components with wildcards allowed in every one of them,
      // the service included (unlike the Resource element, R2 vs C4e).
      // Policy variables may stand anywhere in an ARN operator's value ("any condition that involves the
      // string operators or the ARN operators", V1); the after-the-fifth-colon limit is the Resource element's.
      if (variables && text.includes('${')) {
        if (text.startsWith('${')) return undefined; // the whole ARN (or its start) comes from the request
        return checkArnShape(text.replace(/\$\{[^}]*\}/g, 'v'), false, { serviceWildcards: true })?.message;
      }
      const problem = checkArnShape(text, variables, { serviceWildcards: true });
      return problem?.message;
    }
  }
}

function checkArnShape(pattern: string, variables: boolean, options: { readonly serviceWildcards?: boolean } = {}): PatternProblem | undefined {
  if (!pattern.startsWith('arn:')) return { code: 'invalid-resource', message: `\`${pattern}\` is not an ARN: it must start with \`arn:\``, help: 'write `arn:aws:mq:<region>:<account>:broker:<name>:<id>` or `*`' };
  const parts = splitArn(pattern);
  const prefix = parts ? pattern.slice(0, pattern.length - parts.resource.length) : pattern;
  if (variables && prefix.includes('${')) {
    return { code: 'unsupported-variable-position', message: `policy variables are allowed only in the resource part of an ARN (after the fifth colon): \`${pattern}\`` };
  }
  if (!parts) {
    if (pattern.endsWith('*')) {
      const service = pattern.split(':')[2];
      if (!options.serviceWildcards && service !== undefined && /[*?]/.test(service)) return { code: 'invalid-resource', message: `wildcards are not allowed in the service segment of \`${pattern}\`` };
      return undefined;
    }
    return { code: 'invalid-resource', message: `\`${pattern}\` has fewer than six ARN components and does not end in \`*\``, help: `write all six components, e.g. \`${pattern}${':*'.repeat(Math.max(0, 5 - (pattern.split(':').length - 1)))}\`` };
  }
  if (!options.serviceWildcards && /[*?]/.test(parts.service)) return { code: 'invalid-resource', message: `wildcards are not allowed in the service segment of \`${pattern}\``, help: 'name the service, e.g. `mq`' };
  if (parts.service === '') return { code: 'invalid-resource', message: `\`${pattern}\` has an empty service segment`, help: 'name the service, e.g. `mq`' };
  return undefined;
}

function checkResourcePattern(pattern: string, variables: boolean): PatternProblem | undefined {
  if (pattern === '*') return undefined;
  return checkArnShape(pattern, variables);
}
