import {
  CONDITION_OPERATORS,
  FAMILIES_WITH_VARIABLES,
  isBase64,
  readBool,
  readDate,
  readIpNetwork,
  readNumber,
  splitArn,
  type ConditionTest,
  type Diagnostic,
  type DiagnosticCode,
  type Effect,
  type OperatorFamily,
  type Policy,
  type PolicyKind,
  type PolicyVersion,
  type SourceRef,
  type Statement,
  type Template,
} from '../model';
import { closest, isMultivaluedKey } from '../catalog';
import { escapePointerToken, type JsonPosition } from './json';
import { parseTemplate } from './template';

export interface PolicyInput {
  /** Name shown in explanations: a file's base name, or `identity[0]` in a simulate case. */
  readonly name: string;
  readonly kind: PolicyKind;
  readonly file?: string;
  /** Where each JSON pointer starts in the file, for line and column in diagnostics. */
  readonly positions?: ReadonlyMap<string, JsonPosition>;
}

export interface PolicyParseResult {
  /** Present only when no diagnostic is an error. */
  readonly policy?: Policy;
  /**
   * The statements that parsed cleanly, also when others did not. For checks that look at each statement on
   * its own (lint); never evaluate it, since the statements left out could change any decision.
   */
  readonly partial?: Policy;
  readonly diagnostics: readonly Diagnostic[];
}

const TOP_LEVEL = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal'];
const SID = /^[A-Za-z0-9]*$/;
const ACTION = /^([A-Za-z0-9-]+):([A-Za-z0-9*?_-]+)$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates one decoded policy document (JSON or YAML) and builds the typed model, collecting every problem. */
export function parsePolicy(value: unknown, input: PolicyInput): PolicyParseResult {
  const diagnostics: Diagnostic[] = [];
  const at = (pointer: string, statement?: { index: number; sid?: string }): SourceRef => {
    const pos = input.positions?.get(pointer);
    return {
      ...(input.file !== undefined ? { file: input.file } : {}),
      policy: input.name,
      ...(statement ? { statementIndex: statement.index } : {}),
      ...(statement?.sid !== undefined ? { sid: statement.sid } : {}),
      pointer,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    };
  };
  const error = (code: DiagnosticCode, message: string, source: SourceRef, help?: string): void => {
    diagnostics.push({ code, severity: 'error', message, source, ...(help !== undefined ? { help } : {}) });
  };
  const checkElements = (obj: Record<string, unknown>, allowed: readonly string[], pointer: string, what: string, st?: { index: number; sid?: string }): void => {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      const sameLetters = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
      if (sameLetters !== undefined) {
        error('element-case', `\`${key}\` is not a ${what} element: IAM spells it \`${sameLetters}\``, at(`${pointer}/${escapePointerToken(key)}`, st), `rename it to \`${sameLetters}\``);
      } else {
        const near = closest(key, allowed.filter((a) => !a.includes('Principal')));
        const help = near !== undefined ? `did you mean \`${near}\`?` : `remove it; a ${what} may contain ${allowed.filter((a) => !a.includes('Principal')).map((a) => `\`${a}\``).join(', ')}`;
        error('unknown-element', `unknown ${what} element \`${key}\``, at(`${pointer}/${escapePointerToken(key)}`, st), help);
      }
    }
  };

  if (!isObject(value)) {
    error('not-an-object', 'a policy document must be a JSON object', at(''), 'write `{"Version": "2012-10-17", "Statement": [...]}`');
    return { diagnostics };
  }
  checkElements(value, TOP_LEVEL, '', 'policy');

  let version: PolicyVersion | undefined;
  if ('Version' in value) {
    if (value.Version === '2012-10-17' || value.Version === '2008-10-17') version = value.Version;
    else error('invalid-version', `\`Version\` must be \`2012-10-17\` or \`2008-10-17\`, not \`${JSON.stringify(value.Version)}\``, at('/Version'), 'use `"Version": "2012-10-17"`');
  }
  const variables = version === '2012-10-17';
  if ('Id' in value) {
    error('id-in-identity-policy', '`Id` is allowed only in resource-based policies, not in identity-based policies, boundaries, session policies or SCPs', at('/Id'), 'remove the `Id` element');
  }

  const statements: Statement[] = [];
  let rawStatements: unknown[] = [];
  let statementPointer = (i: number): string => `/Statement/${i}`;
  if (!('Statement' in value)) {
    error('missing-statement', 'the policy has no `Statement`', at(''), 'add `"Statement": [ ... ]`');
  } else if (Array.isArray(value.Statement)) {
    rawStatements = value.Statement;
    if (rawStatements.length === 0) error('empty-statement', '`Statement` is an empty array', at('/Statement'), 'add at least one statement');
  } else if (isObject(value.Statement)) {
    rawStatements = [value.Statement];
    statementPointer = () => '/Statement';
  } else {
    error('invalid-type', '`Statement` must be an object or an array of objects', at('/Statement'));
  }

  const sids = new Map<string, number>();
  rawStatements.forEach((raw, index) => {
    const sp = statementPointer(index);
    const sid = isObject(raw) && typeof raw.Sid === 'string' ? raw.Sid : undefined;
    const st = sid !== undefined ? { index, sid } : { index };
    const here = (suffix: string): SourceRef => at(`${sp}${suffix}`, st);
    if (!isObject(raw)) {
      error('invalid-type', `statement ${index} must be an object`, here(''));
      return;
    }
    const before = diagnostics.length;
    checkElements(raw, STATEMENT_ELEMENTS, sp, 'statement', st);

    if ('Sid' in raw) {
      if (typeof raw.Sid !== 'string') error('invalid-sid', '`Sid` must be a string', here('/Sid'));
      else if (!SID.test(raw.Sid)) error('invalid-sid', `\`Sid\` \`${raw.Sid}\` may contain only letters and digits`, here('/Sid'), `use \`${raw.Sid.replace(/[^A-Za-z0-9]/g, '')}\``);
      else if (raw.Sid !== '' && sids.has(raw.Sid)) error('duplicate-sid', `\`Sid\` \`${raw.Sid}\` is already used by statement ${sids.get(raw.Sid)}`, here('/Sid'), 'give every statement its own Sid');
      else sids.set(raw.Sid, index);
    }
    for (const p of ['Principal', 'NotPrincipal']) {
      if (p in raw) error('principal-in-identity-policy', `\`${p}\` does not belong in an identity-based policy (the principal is whoever holds the policy); Amazon MQ has no resource-based policies`, here(`/${p}`), `remove \`${p}\``);
    }

    let effect: Effect | undefined;
    if (!('Effect' in raw)) error('missing-effect', 'the statement has no `Effect`', here(''), 'add `"Effect": "Allow"` or `"Effect": "Deny"`');
    else if (raw.Effect === 'Allow' || raw.Effect === 'Deny') effect = raw.Effect;
    else {
      const fix = typeof raw.Effect === 'string' && ['allow', 'deny'].includes(raw.Effect.toLowerCase()) ? `write \`${raw.Effect[0]!.toUpperCase()}${raw.Effect.slice(1).toLowerCase()}\` (the value is case-sensitive)` : 'use `Allow` or `Deny`';
      error('invalid-effect', `\`Effect\` must be exactly \`Allow\` or \`Deny\`, not \`${JSON.stringify(raw.Effect)}\``, here('/Effect'), fix);
    }

    const strings = (key: string): string[] | undefined => {
      const v = raw[key];
      const list = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
      if (list === undefined) {
        error('invalid-type', `\`${key}\` must be a string or an array of strings`, here(`/${key}`));
        return undefined;
      }
      if (list.length === 0) {
        error('empty-array', `\`${key}\` is an empty array`, here(`/${key}`), 'list at least one value');
        return undefined;
      }
      return list;
    };
    const pick = (a: string, b: string, missing: DiagnosticCode, both: DiagnosticCode): { key: string; negated: boolean } | undefined => {
      const hasA = a in raw;
      const hasB = b in raw;
      if (hasA && hasB) error(both, `the statement has both \`${a}\` and \`${b}\``, here(''), `keep exactly one of \`${a}\` and \`${b}\``);
      else if (!hasA && !hasB) error(missing, `the statement has neither \`${a}\` nor \`${b}\``, here(''), `add \`"${a}": ...\``);
      else return { key: hasA ? a : b, negated: hasB };
      return undefined;
    };

    const actionChoice = pick('Action', 'NotAction', 'missing-action', 'action-and-notaction');
    let actionPatterns: string[] | undefined;
    if (actionChoice) {
      actionPatterns = strings(actionChoice.key);
      actionPatterns?.forEach((action, i) => {
        const ptr = typeof raw[actionChoice.key] === 'string' ? `/${actionChoice.key}` : `/${actionChoice.key}/${i}`;
        if (action === '*') return;
        const m = ACTION.exec(action);
        if (action.includes('${')) error('unsupported-variable-position', `policy variables are not allowed in \`${actionChoice.key}\`: \`${action}\``, here(ptr), 'name the action literally');
        else if (m === null) {
          const servicePart = action.split(':')[0] ?? '';
          if (/[*?]/.test(servicePart) && action.includes(':')) error('invalid-action', `wildcards are not allowed in the service prefix of \`${action}\``, here(ptr), 'write the service prefix in full, e.g. `mq:*`');
          else error('invalid-action', `\`${action}\` is not an action: write \`service:Action\` (e.g. \`mq:DescribeBroker\`) or \`*\``, here(ptr));
        }
      });
    }

    const resourceChoice = pick('Resource', 'NotResource', 'missing-resource', 'resource-and-notresource');
    const resourcePatterns: Template[] = [];
    if (resourceChoice) {
      const list = strings(resourceChoice.key);
      list?.forEach((resource, i) => {
        const ptr = typeof raw[resourceChoice.key] === 'string' ? `/${resourceChoice.key}` : `/${resourceChoice.key}/${i}`;
        const problem = checkResourcePattern(resource, variables);
        if (problem) {
          error(problem.code, problem.message, here(ptr), problem.help);
          return;
        }
        const parsed = checkedTemplate(resource, variables);
        if ('error' in parsed) error('invalid-policy-variable', parsed.error, here(ptr));
        else resourcePatterns.push(parsed.template);
      });
    }

    const conditions: ConditionTest[] = [];
    if ('Condition' in raw) {
      const block = raw.Condition;
      if (!isObject(block)) error('invalid-condition', '`Condition` must be an object of operators', here('/Condition'), 'write `"Condition": {"StringEquals": {"aws:ResourceTag/env": "dev"}}`');
      else {
        for (const [operator, keys] of Object.entries(block)) {
          const opPointer = `/Condition/${escapePointerToken(operator)}`;
          const op = readOperator(operator);
          if ('error' in op) {
            error('unknown-condition-operator', op.error, here(opPointer), op.help);
            continue;
          }
          if (!isObject(keys) || Object.keys(keys).length === 0) {
            error('invalid-condition', `operator \`${operator}\` must map condition keys to values`, here(opPointer), 'write `{"aws:ResourceTag/env": "dev"}`');
            continue;
          }
          for (const [key, rawValues] of Object.entries(keys)) {
            const keyPointer = `${opPointer}/${escapePointerToken(key)}`;
            if (key === '' || /\s/.test(key)) {
              error('invalid-condition', `\`${key}\` is not a condition key`, here(keyPointer));
              continue;
            }
            if (variables && key.includes('${')) {
              error('unsupported-variable-position', `policy variables are not allowed in condition key names: \`${key}\``, here(keyPointer));
              continue;
            }
            const list = Array.isArray(rawValues) ? rawValues : [rawValues];
            if (list.length === 0) {
              error('empty-array', `condition key \`${key}\` has an empty list of values`, here(keyPointer), 'list at least one value');
              continue;
            }
            const templates: Template[] = [];
            list.forEach((v, i) => {
              const valuePointer = Array.isArray(rawValues) ? `${keyPointer}/${i}` : keyPointer;
              if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
                error('invalid-condition-value', `condition values must be strings, numbers or booleans; \`${key}\` has \`${JSON.stringify(v)}\``, here(valuePointer));
                return;
              }
              const text = String(v);
              if (variables && text.includes('${') && !FAMILIES_WITH_VARIABLES.has(op.family)) {
                error('unsupported-variable-position', `policy variables are not allowed in ${op.family} condition values: \`${text}\``, here(valuePointer), 'use a literal value, or a String or Arn operator');
                return;
              }
              const valueProblem = checkConditionValue(op.family, text, variables);
              if (valueProblem !== undefined) {
                error('invalid-condition-value', `\`${text}\` is not a valid value for \`${operator}\`: ${valueProblem}`, here(valuePointer));
                return;
              }
              const parsed = checkedTemplate(text, variables && FAMILIES_WITH_VARIABLES.has(op.family));
              if ('error' in parsed) error('invalid-policy-variable', parsed.error, here(valuePointer));
              else templates.push(parsed.template);
            });
            conditions.push({
              operator,
              baseOperator: op.base,
              family: op.family,
              negated: op.negated,
              ifExists: op.ifExists,
              ...(op.setQualifier !== undefined ? { setQualifier: op.setQualifier } : {}),
              key,
              keyLower: key.toLowerCase(),
              values: templates,
              source: here(keyPointer),
            });
          }
        }
      }
    }

    if (diagnostics.length === before && effect && actionChoice && actionPatterns && resourceChoice) {
      statements.push({
        index,
        ...(sid !== undefined && sid !== '' ? { sid } : {}),
        effect,
        action: { negated: actionChoice.negated, patterns: actionPatterns },
        resource: { negated: resourceChoice.negated, patterns: resourcePatterns },
        conditions,
        source: here(''),
      });
    }
  });

  const policy: Policy = { name: input.name, kind: input.kind, ...(version ? { version } : {}), statements, source: at('') };
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, partial: policy };
  return { policy, partial: policy, diagnostics };
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

interface OperatorParts {
  readonly base: string;
  readonly family: OperatorFamily;
  readonly negated: boolean;
  readonly ifExists: boolean;
  readonly setQualifier?: 'ForAllValues' | 'ForAnyValue';
}

function readOperator(operator: string): OperatorParts | { error: string; help?: string } {
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
  const info = CONDITION_OPERATORS[rest];
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

interface PatternProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly help?: string;
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
