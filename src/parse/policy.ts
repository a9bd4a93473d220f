import type { ConditionTest, Diagnostic, DiagnosticCode, Effect, Policy, PolicyKind, PolicyVersion, SourceRef, Statement, Template } from '../model';
import { closest } from '../catalog';
import { escapePointerToken, type JsonPosition } from './json';
import { actionProblem, checkConditionValueText, checkResource, readOperator } from './policy-strings';

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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface StatementId {
  readonly index: number;
  readonly sid?: string;
}

/**
 * Validation of one document: where its problems go and how locations are named. Simulate validates
 * tens of thousands of documents a run, so the common case (no file, no positions, no problem) builds
 * each location as one object literal and each pointer as one string.
 */
class PolicyReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly plain: boolean;

  constructor(private readonly input: PolicyInput) {
    this.plain = input.file === undefined && input.positions === undefined;
  }

  at(pointer: string, statement?: StatementId): SourceRef {
    const input = this.input;
    if (this.plain) {
      if (statement === undefined) return { policy: input.name, pointer };
      return statement.sid !== undefined ? { policy: input.name, statementIndex: statement.index, sid: statement.sid, pointer } : { policy: input.name, statementIndex: statement.index, pointer };
    }
    const pos = input.positions?.get(pointer);
    return {
      ...(input.file !== undefined ? { file: input.file } : {}),
      policy: input.name,
      ...(statement ? { statementIndex: statement.index } : {}),
      ...(statement?.sid !== undefined ? { sid: statement.sid } : {}),
      pointer,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    };
  }

  error(code: DiagnosticCode, message: string, source: SourceRef, help?: string): void {
    this.diagnostics.push(help !== undefined ? { code, severity: 'error', message, source, help } : { code, severity: 'error', message, source });
  }

  checkElements(obj: Record<string, unknown>, allowed: readonly string[], pointer: string, what: string, st?: StatementId): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      const sameLetters = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
      if (sameLetters !== undefined) {
        this.error('element-case', `\`${key}\` is not a ${what} element: IAM spells it \`${sameLetters}\``, this.at(`${pointer}/${escapePointerToken(key)}`, st), `rename it to \`${sameLetters}\``);
      } else {
        const near = closest(key, allowed.filter((a) => !a.includes('Principal')));
        const help = near !== undefined ? `did you mean \`${near}\`?` : `remove it; a ${what} may contain ${allowed.filter((a) => !a.includes('Principal')).map((a) => `\`${a}\``).join(', ')}`;
        this.error('unknown-element', `unknown ${what} element \`${key}\``, this.at(`${pointer}/${escapePointerToken(key)}`, st), help);
      }
    }
  }
}

/** Validates one decoded policy document (JSON or YAML) and builds the typed model, collecting every problem. */
export function parsePolicy(value: unknown, input: PolicyInput): PolicyParseResult {
  const reader = new PolicyReader(input);
  const { diagnostics } = reader;
  const at = (pointer: string): SourceRef => reader.at(pointer);

  if (!isObject(value)) {
    reader.error('not-an-object', 'a policy document must be a JSON object', at(''), 'write `{"Version": "2012-10-17", "Statement": [...]}`');
    return { diagnostics };
  }
  reader.checkElements(value, TOP_LEVEL, '', 'policy');

  let version: PolicyVersion | undefined;
  if ('Version' in value) {
    if (value.Version === '2012-10-17' || value.Version === '2008-10-17') version = value.Version;
    else reader.error('invalid-version', `\`Version\` must be \`2012-10-17\` or \`2008-10-17\`, not \`${JSON.stringify(value.Version)}\``, at('/Version'), 'use `"Version": "2012-10-17"`');
  }
  const variables = version === '2012-10-17';
  if ('Id' in value) {
    reader.error('id-in-identity-policy', '`Id` is allowed only in resource-based policies, not in identity-based policies, boundaries, session policies or SCPs', at('/Id'), 'remove the `Id` element');
  }

  const statements: Statement[] = [];
  let rawStatements: unknown[] = [];
  let single = false;
  if (!('Statement' in value)) {
    reader.error('missing-statement', 'the policy has no `Statement`', at(''), 'add `"Statement": [ ... ]`');
  } else if (Array.isArray(value.Statement)) {
    rawStatements = value.Statement;
    if (rawStatements.length === 0) reader.error('empty-statement', '`Statement` is an empty array', at('/Statement'), 'add at least one statement');
  } else if (isObject(value.Statement)) {
    rawStatements = [value.Statement];
    single = true;
  } else {
    reader.error('invalid-type', '`Statement` must be an object or an array of objects', at('/Statement'));
  }

  const sids = new Map<string, number>();
  for (let index = 0; index < rawStatements.length; index++) {
    const statement = readStatement(reader, rawStatements[index], index, single ? '/Statement' : `/Statement/${index}`, variables, sids);
    if (statement) statements.push(statement);
  }

  const policy: Policy = version ? { name: input.name, kind: input.kind, version, statements, source: at('') } : { name: input.name, kind: input.kind, statements, source: at('') };
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, partial: policy };
  return { policy, partial: policy, diagnostics };
}

/** One statement: its problems go to `reader`; the statement comes back only when it has none. */
function readStatement(reader: PolicyReader, raw: unknown, index: number, sp: string, variables: boolean, sids: Map<string, number>): Statement | undefined {
  const sid = isObject(raw) && typeof raw.Sid === 'string' ? raw.Sid : undefined;
  const st: StatementId = sid !== undefined ? { index, sid } : { index };
  const here = (suffix: string): SourceRef => reader.at(`${sp}${suffix}`, st);
  if (!isObject(raw)) {
    reader.error('invalid-type', `statement ${index} must be an object`, here(''));
    return undefined;
  }
  const diagnostics = reader.diagnostics;
  const before = diagnostics.length;
  reader.checkElements(raw, STATEMENT_ELEMENTS, sp, 'statement', st);

  if ('Sid' in raw) {
    if (typeof raw.Sid !== 'string') reader.error('invalid-sid', '`Sid` must be a string', here('/Sid'));
    else if (!SID.test(raw.Sid)) reader.error('invalid-sid', `\`Sid\` \`${raw.Sid}\` may contain only letters and digits`, here('/Sid'), `use \`${raw.Sid.replace(/[^A-Za-z0-9]/g, '')}\``);
    else if (raw.Sid !== '' && sids.has(raw.Sid)) reader.error('duplicate-sid', `\`Sid\` \`${raw.Sid}\` is already used by statement ${sids.get(raw.Sid)}`, here('/Sid'), 'give every statement its own Sid');
    else sids.set(raw.Sid, index);
  }
  for (const p of ['Principal', 'NotPrincipal']) {
    if (p in raw) reader.error('principal-in-identity-policy', `\`${p}\` does not belong in an identity-based policy (the principal is whoever holds the policy); Amazon MQ has no resource-based policies`, here(`/${p}`), `remove \`${p}\``);
  }

  let effect: Effect | undefined;
  if (!('Effect' in raw)) reader.error('missing-effect', 'the statement has no `Effect`', here(''), 'add `"Effect": "Allow"` or `"Effect": "Deny"`');
  else if (raw.Effect === 'Allow' || raw.Effect === 'Deny') effect = raw.Effect;
  else {
    const fix = typeof raw.Effect === 'string' && ['allow', 'deny'].includes(raw.Effect.toLowerCase()) ? `write \`${raw.Effect[0]!.toUpperCase()}${raw.Effect.slice(1).toLowerCase()}\` (the value is case-sensitive)` : 'use `Allow` or `Deny`';
    reader.error('invalid-effect', `\`Effect\` must be exactly \`Allow\` or \`Deny\`, not \`${JSON.stringify(raw.Effect)}\``, here('/Effect'), fix);
  }

  const strings = (key: string): readonly string[] | undefined => {
    const v = raw[key];
    const list = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
    if (list === undefined) {
      reader.error('invalid-type', `\`${key}\` must be a string or an array of strings`, here(`/${key}`));
      return undefined;
    }
    if (list.length === 0) {
      reader.error('empty-array', `\`${key}\` is an empty array`, here(`/${key}`), 'list at least one value');
      return undefined;
    }
    return list;
  };
  const pick = (a: string, b: string, missing: DiagnosticCode, both: DiagnosticCode): { key: string; negated: boolean } | undefined => {
    const hasA = a in raw;
    const hasB = b in raw;
    if (hasA && hasB) reader.error(both, `the statement has both \`${a}\` and \`${b}\``, here(''), `keep exactly one of \`${a}\` and \`${b}\``);
    else if (!hasA && !hasB) reader.error(missing, `the statement has neither \`${a}\` nor \`${b}\``, here(''), `add \`"${a}": ...\``);
    else return { key: hasA ? a : b, negated: hasB };
    return undefined;
  };

  const actionChoice = pick('Action', 'NotAction', 'missing-action', 'action-and-notaction');
  let actionPatterns: readonly string[] | undefined;
  if (actionChoice) {
    actionPatterns = strings(actionChoice.key);
    if (actionPatterns) {
      const one = typeof raw[actionChoice.key] === 'string';
      for (let i = 0; i < actionPatterns.length; i++) {
        const action = actionPatterns[i]!;
        const problem = actionProblem(action);
        if (problem === 'none') continue;
        const ptr = one ? `/${actionChoice.key}` : `/${actionChoice.key}/${i}`;
        if (problem === 'variable') reader.error('unsupported-variable-position', `policy variables are not allowed in \`${actionChoice.key}\`: \`${action}\``, here(ptr), 'name the action literally');
        else if (problem === 'service-wildcard') reader.error('invalid-action', `wildcards are not allowed in the service prefix of \`${action}\``, here(ptr), 'write the service prefix in full, e.g. `mq:*`');
        else reader.error('invalid-action', `\`${action}\` is not an action: write \`service:Action\` (e.g. \`mq:DescribeBroker\`) or \`*\``, here(ptr));
      }
    }
  }

  const resourceChoice = pick('Resource', 'NotResource', 'missing-resource', 'resource-and-notresource');
  const resourcePatterns: Template[] = [];
  if (resourceChoice) {
    const list = strings(resourceChoice.key);
    if (list) {
      const one = typeof raw[resourceChoice.key] === 'string';
      for (let i = 0; i < list.length; i++) {
        const checked = checkResource(list[i]!, variables);
        if ('template' in checked) {
          resourcePatterns.push(checked.template);
          continue;
        }
        const ptr = one ? `/${resourceChoice.key}` : `/${resourceChoice.key}/${i}`;
        if ('problem' in checked) reader.error(checked.problem.code, checked.problem.message, here(ptr), checked.problem.help);
        else reader.error('invalid-policy-variable', checked.variableError, here(ptr));
      }
    }
  }

  const conditions: ConditionTest[] = [];
  if ('Condition' in raw) readConditions(reader, raw.Condition, here, variables, conditions);

  if (diagnostics.length !== before || !effect || !actionChoice || !actionPatterns || !resourceChoice) return undefined;
  const action = { negated: actionChoice.negated, patterns: actionPatterns };
  const resource = { negated: resourceChoice.negated, patterns: resourcePatterns };
  return sid !== undefined && sid !== ''
    ? { index, sid, effect, action, resource, conditions, source: here('') }
    : { index, effect, action, resource, conditions, source: here('') };
}

function readConditions(reader: PolicyReader, block: unknown, here: (suffix: string) => SourceRef, variables: boolean, conditions: ConditionTest[]): void {
  if (!isObject(block)) {
    reader.error('invalid-condition', '`Condition` must be an object of operators', here('/Condition'), 'write `"Condition": {"StringEquals": {"aws:ResourceTag/env": "dev"}}`');
    return;
  }
  for (const operator of Object.keys(block)) {
    const keys = block[operator];
    const opPointer = `/Condition/${escapePointerToken(operator)}`;
    const op = readOperator(operator);
    if ('error' in op) {
      reader.error('unknown-condition-operator', op.error, here(opPointer), op.help);
      continue;
    }
    if (!isObject(keys) || Object.keys(keys).length === 0) {
      reader.error('invalid-condition', `operator \`${operator}\` must map condition keys to values`, here(opPointer), 'write `{"aws:ResourceTag/env": "dev"}`');
      continue;
    }
    for (const key of Object.keys(keys)) {
      const rawValues = keys[key];
      const keyPointer = `${opPointer}/${escapePointerToken(key)}`;
      if (key === '' || /\s/.test(key)) {
        reader.error('invalid-condition', `\`${key}\` is not a condition key`, here(keyPointer));
        continue;
      }
      if (variables && key.includes('${')) {
        reader.error('unsupported-variable-position', `policy variables are not allowed in condition key names: \`${key}\``, here(keyPointer));
        continue;
      }
      const many = Array.isArray(rawValues);
      const list: readonly unknown[] = many ? rawValues : [rawValues];
      if (list.length === 0) {
        reader.error('empty-array', `condition key \`${key}\` has an empty list of values`, here(keyPointer), 'list at least one value');
        continue;
      }
      const templates: Template[] = [];
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          reader.error('invalid-condition-value', `condition values must be strings, numbers or booleans; \`${key}\` has \`${JSON.stringify(v)}\``, here(many ? `${keyPointer}/${i}` : keyPointer));
          continue;
        }
        const text = String(v);
        const checked = checkConditionValueText(op.family, text, variables);
        if (checked.kind === 'ok') {
          templates.push(checked.template);
          continue;
        }
        const valuePointer = many ? `${keyPointer}/${i}` : keyPointer;
        if (checked.kind === 'variable-position') reader.error('unsupported-variable-position', `policy variables are not allowed in ${op.family} condition values: \`${text}\``, here(valuePointer), 'use a literal value, or a String or Arn operator');
        else if (checked.kind === 'invalid-value') reader.error('invalid-condition-value', `\`${text}\` is not a valid value for \`${operator}\`: ${checked.problem}`, here(valuePointer));
        else reader.error('invalid-policy-variable', checked.error, here(valuePointer));
      }
      const source = here(keyPointer);
      const keyLower = key.toLowerCase();
      conditions.push(
        op.setQualifier !== undefined
          ? { operator, baseOperator: op.base, family: op.family, negated: op.negated, ifExists: op.ifExists, setQualifier: op.setQualifier, key, keyLower, values: templates, source }
          : { operator, baseOperator: op.base, family: op.family, negated: op.negated, ifExists: op.ifExists, key, keyLower, values: templates, source },
      );
    }
  }
}
