import { CONDITION_OPERATORS, type ConditionTest, type Policy, type Statement, type Template } from '../model';

/**
 * Mutation operators over the typed policy model: each mutant is the policy with one small weakening
 * or change a reviewer could miss. Built on the model, not on text, so every mutant is a valid policy.
 */
export type MutationOperator =
  | 'flip-effect'
  | 'drop-statement'
  | 'drop-condition'
  | 'drop-condition-value'
  | 'widen-resource'
  | 'widen-arn-segment'
  | 'widen-action-service'
  | 'widen-action-wildcard'
  | 'change-string-operator'
  | 'toggle-if-exists'
  | 'drop-deny-action'
  | 'swap-set-qualifier'
  | 'change-version';

export interface Mutant {
  readonly id: string;
  readonly operator: MutationOperator;
  /** What changed, in one line (`StringEquals` → `StringLike` on `aws:ResourceTag/environment`). */
  readonly description: string;
  readonly policy: string;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly file?: string;
  readonly line?: number;
  /** The statements (original and mutated) whose actions bound the requests it can change; all for a Version change. */
  readonly original: Policy;
  readonly mutated: Policy;
}

const literal = (raw: string): Template => ({ raw, parts: [{ kind: 'text', text: raw }], hasVariables: false });

function withStatement(policy: Policy, index: number, statement: Statement | undefined): Policy {
  const statements = statement ? policy.statements.map((s, i) => (i === index ? statement : s)) : policy.statements.filter((_, i) => i !== index);
  return { ...policy, statements };
}

function renamed(test: ConditionTest, base: string, ifExists = test.ifExists, qualifier = test.setQualifier): ConditionTest {
  const info = CONDITION_OPERATORS[base]!;
  const operator = `${qualifier ? `${qualifier}:` : ''}${base}${ifExists ? 'IfExists' : ''}`;
  const { setQualifier: _q, ...rest } = test;
  return { ...rest, operator, baseOperator: base, family: info.family, negated: info.negated, ifExists, ...(qualifier ? { setQualifier: qualifier } : {}) };
}

/** StringEquals ↔ StringLike ↔ …IgnoreCase, in both directions, keeping Not. */
function stringOperatorSwaps(base: string): string[] {
  const not = base.includes('Not') ? 'Not' : '';
  const all = [`String${not}Equals`, `String${not}Like`, `String${not}EqualsIgnoreCase`];
  return all.includes(base) ? all.filter((o) => o !== base) : [];
}

/** `mq:DeleteBroker` → `mq:Delete*` (the verb, then a wildcard). */
function wildcardOf(pattern: string): string | undefined {
  const m = /^([^:]+):([A-Z][a-z]+)[A-Z]/.exec(pattern);
  return m && !/[*?]/.test(pattern) ? `${m[1]}:${m[2]}*` : undefined;
}

const ARN_PARTS = ['partition', 'service', 'Region', 'account', 'resource'];

export function mutantsOf(policy: Policy): Mutant[] {
  const out: Mutant[] = [];
  const add = (s: Statement, operator: MutationOperator, detail: string, description: string, mutated: Policy, line?: number): void => {
    out.push({
      id: `${policy.name}#${s.index}:${operator}:${detail}`,
      operator,
      description,
      policy: policy.name,
      statementIndex: s.index,
      ...(s.sid !== undefined ? { sid: s.sid } : {}),
      ...(s.source.file !== undefined ? { file: s.source.file } : {}),
      ...((line ?? s.source.line) !== undefined ? { line: (line ?? s.source.line)! } : {}),
      original: policy,
      mutated,
    });
  };
  policy.statements.forEach((s, i) => {
    const put = (next: Statement | undefined): Policy => withStatement(policy, i, next);
    add(s, 'flip-effect', '', `Effect ${s.effect} → ${s.effect === 'Allow' ? 'Deny' : 'Allow'}`, put({ ...s, effect: s.effect === 'Allow' ? 'Deny' : 'Allow' }));
    add(s, 'drop-statement', '', 'statement removed', put(undefined));
    s.conditions.forEach((c, ci) => {
      const line = c.source.line;
      add(s, 'drop-condition', `${ci}`, `condition \`${c.operator}\` on \`${c.key}\` removed`, put({ ...s, conditions: s.conditions.filter((_, j) => j !== ci) }), line);
      if (c.values.length > 1) {
        c.values.forEach((v, vi) => add(s, 'drop-condition-value', `${ci}.${vi}`, `value \`${v.raw}\` of \`${c.operator}\` on \`${c.key}\` removed`, put({ ...s, conditions: s.conditions.map((x, j) => (j === ci ? { ...x, values: x.values.filter((_, k) => k !== vi) } : x)) }), line));
      }
      for (const to of stringOperatorSwaps(c.baseOperator)) {
        add(s, 'change-string-operator', `${ci}.${to}`, `\`${c.baseOperator}\` → \`${to}\` on \`${c.key}\``, put({ ...s, conditions: s.conditions.map((x, j) => (j === ci ? renamed(x, to) : x)) }), line);
      }
      if (c.family !== 'Null') {
        add(s, 'toggle-if-exists', `${ci}`, `\`${c.operator}\` ${c.ifExists ? 'loses' : 'gains'} \`IfExists\` on \`${c.key}\``, put({ ...s, conditions: s.conditions.map((x, j) => (j === ci ? renamed(x, x.baseOperator, !x.ifExists) : x)) }), line);
      }
      if (c.setQualifier) {
        const other = c.setQualifier === 'ForAllValues' ? 'ForAnyValue' : 'ForAllValues';
        add(s, 'swap-set-qualifier', `${ci}`, `\`${c.setQualifier}\` → \`${other}\` on \`${c.key}\``, put({ ...s, conditions: s.conditions.map((x, j) => (j === ci ? renamed(x, x.baseOperator, x.ifExists, other) : x)) }), line);
      }
    });
    if (s.resource.negated || s.resource.patterns.some((p) => p.raw !== '*')) {
      add(s, 'widen-resource', '', `${s.resource.negated ? 'NotResource' : 'Resource'} → \`*\``, put({ ...s, resource: { negated: false, patterns: [literal('*')] } }));
    }
    s.resource.patterns.forEach((p, pi) => {
      if (p.raw === '*' || p.hasVariables) return;
      const parts = p.raw.split(':');
      if (parts.length < 6) return;
      for (let k = 1; k <= 5; k++) {
        const current = k < 5 ? parts[k]! : parts.slice(5).join(':');
        if (current === '*') continue;
        const next = k < 5 ? [...parts.slice(0, k), '*', ...parts.slice(k + 1)].join(':') : [...parts.slice(0, 5), '*'].join(':');
        add(s, 'widen-arn-segment', `${pi}.${k}`, `the ${ARN_PARTS[k - 1]} of \`${p.raw}\` → \`*\``, put({ ...s, resource: { ...s.resource, patterns: s.resource.patterns.map((x, j) => (j === pi ? literal(next) : x)) } }));
      }
    });
    const services = [...new Set(s.action.patterns.map((a) => a.split(':')[0]!.toLowerCase()))];
    if (!s.action.negated && services.includes('mq') && !s.action.patterns.some((a) => a.toLowerCase() === 'mq:*' || a === '*')) {
      add(s, 'widen-action-service', '', 'Action → `mq:*`', put({ ...s, action: { negated: false, patterns: ['mq:*'] } }));
    }
    s.action.patterns.forEach((a, ai) => {
      const w = wildcardOf(a);
      if (w) add(s, 'widen-action-wildcard', `${ai}`, `\`${a}\` → \`${w}\``, put({ ...s, action: { ...s.action, patterns: s.action.patterns.map((x, j) => (j === ai ? w : x)) } }));
      if (s.effect === 'Deny' && !s.action.negated && s.action.patterns.length > 1) {
        add(s, 'drop-deny-action', `${ai}`, `\`${a}\` removed from the Deny's actions`, put({ ...s, action: { ...s.action, patterns: s.action.patterns.filter((_, j) => j !== ai) } }));
      }
    });
  });
  const templated = policy.statements.some((s) => [...s.resource.patterns, ...s.conditions.flatMap((c) => c.values)].some((t) => t.parts.some((p) => p.kind !== 'text')));
  if (policy.version === '2012-10-17' && templated && policy.statements[0]) {
    // Under 2008-10-17 a policy variable is literal text (V1): every template becomes its raw string.
    const flat = (t: Template): Template => (t.parts.some((p) => p.kind !== 'text') ? literal(t.raw) : t);
    const mutated: Policy = {
      ...policy,
      version: '2008-10-17',
      statements: policy.statements.map((s) => ({ ...s, resource: { ...s.resource, patterns: s.resource.patterns.map(flat) }, conditions: s.conditions.map((c) => ({ ...c, values: c.values.map(flat) })) })),
    };
    const first = policy.statements[0];
    out.push({ id: `${policy.name}:change-version`, operator: 'change-version', description: 'Version 2012-10-17 → 2008-10-17 (policy variables become literal text)', policy: policy.name, statementIndex: first.index, ...(first.sid !== undefined ? { sid: first.sid } : {}), ...(policy.source.file !== undefined ? { file: policy.source.file } : {}), ...(policy.source.line !== undefined ? { line: policy.source.line } : {}), original: policy, mutated });
  }
  return out;
}
