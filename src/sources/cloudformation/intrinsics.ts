/**
 * CloudFormation intrinsic functions, evaluated where the value is knowable before a stack exists:
 * `Ref` (parameters, pseudo parameters, resources the reader knows), `Fn::Sub`, `Fn::Join`, `Fn::GetAtt`,
 * `Fn::Select`, `Fn::Split`, `Fn::FindInMap`, `Fn::If` and the condition functions. Everything else is
 * Unknown, naming the function and the path where it stopped — never a guess.
 */
export class Unknown {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {}
}

/** `AWS::NoValue`: the property is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

export interface IntrinsicContext {
  /** Parameters and pseudo parameters with a known value (lists as arrays). */
  readonly values: ReadonlyMap<string, unknown>;
  /** Why a parameter or pseudo parameter has no value. */
  readonly unknownValues: ReadonlyMap<string, string>;
  /** `Ref` of a resource the reader understands (a role's name, a managed policy's ARN). */
  resourceRef(logicalId: string): unknown;
  /** `Fn::GetAtt` of a resource the reader understands. */
  resourceAttribute(logicalId: string, attribute: string): unknown;
  readonly mappings: Readonly<Record<string, unknown>>;
  condition(name: string): boolean | Unknown;
}

const FUNCTION_KEYS = new Set(['Ref', 'Condition', 'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::Transform', 'Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or', 'Fn::ToJsonString', 'Fn::Length']);

/** Evaluates a template value; the first Unknown found is returned (with its path) in place of the value. */
export function evaluate(value: unknown, ctx: IntrinsicContext, path: string): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const v = evaluate(value[i], ctx, `${path}/${i}`);
      if (v instanceof Unknown) return v;
      if (v !== NO_VALUE) out.push(v);
    }
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && FUNCTION_KEYS.has(keys[0]!) && keys[0] !== 'Condition') return call(keys[0]!, obj[keys[0]!], ctx, `${path}/${keys[0]!}`);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = evaluate(obj[k], ctx, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (v instanceof Unknown) return v;
    if (v !== NO_VALUE) out[k] = v;
  }
  return out;
}

function call(fn: string, arg: unknown, ctx: IntrinsicContext, path: string): unknown {
  const unknown = (reason: string): Unknown => new Unknown(path, reason);
  switch (fn) {
    case 'Ref': {
      if (typeof arg !== 'string') return unknown('`Ref` takes a name');
      if (arg === 'AWS::NoValue') return NO_VALUE;
      if (ctx.values.has(arg)) return ctx.values.get(arg);
      if (ctx.unknownValues.has(arg)) return unknown(ctx.unknownValues.get(arg)!);
      const r = ctx.resourceRef(arg);
      return r === undefined ? unknown(`\`Ref\` of \`${arg}\`, whose value is not known before the stack exists`) : r;
    }
    case 'Fn::GetAtt': {
      const [id, attr] = Array.isArray(arg) ? arg : [];
      if (typeof id !== 'string' || typeof attr !== 'string') return unknown('`Fn::GetAtt` takes [logicalId, attribute]');
      const v = ctx.resourceAttribute(id, attr);
      return v === undefined ? unknown(`\`Fn::GetAtt\` of \`${id}.${attr}\`, known only once the stack exists`) : v;
    }
    case 'Fn::Sub': {
      const [template, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : [undefined, undefined];
      if (typeof template !== 'string' || vars === null || typeof vars !== 'object') return unknown('`Fn::Sub` takes a string or [string, {variables}]');
      const local = new Map<string, unknown>();
      for (const [k, v] of Object.entries(vars as Record<string, unknown>)) {
        const e = evaluate(v, ctx, `${path}/1/${k}`);
        if (e instanceof Unknown) return e;
        local.set(k, e);
      }
      let failed: Unknown | undefined;
      const text = template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
        if (failed) return whole;
        if (name.startsWith('!')) return `\${${name.slice(1)}}`;
        const v = local.has(name) ? local.get(name) : name.includes('.') ? call('Fn::GetAtt', [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)], ctx, path) : call('Ref', name, ctx, path);
        if (v instanceof Unknown) failed = v;
        else if (typeof v !== 'string' && typeof v !== 'number') failed = unknown(`\`\${${name}}\` is not a string`);
        return String(v);
      });
      return failed ?? text;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return unknown('`Fn::Join` takes [delimiter, [values]]');
      const list = evaluate(arg[1], ctx, `${path}/1`);
      if (list instanceof Unknown) return list;
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' || typeof x === 'number')) return unknown('`Fn::Join` needs a list of strings');
      return list.join(arg[0]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg)) return unknown('`Fn::Select` takes [index, list]');
      const index = evaluate(arg[0], ctx, `${path}/0`);
      if (index instanceof Unknown) return index;
      const list = evaluate(arg[1], ctx, `${path}/1`);
      if (list instanceof Unknown) return list;
      const i = Number(index);
      if (!Array.isArray(list) || !Number.isInteger(i) || i < 0 || i >= list.length) return unknown('`Fn::Select` index out of range');
      return list[i];
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return unknown('`Fn::Split` takes [delimiter, string]');
      const s = evaluate(arg[1], ctx, `${path}/1`);
      if (s instanceof Unknown) return s;
      return typeof s === 'string' ? s.split(arg[0]) : unknown('`Fn::Split` needs a string');
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length < 3) return unknown('`Fn::FindInMap` takes [map, key, key]');
      const parts = arg.slice(0, 3).map((a, i) => evaluate(a, ctx, `${path}/${i}`));
      const bad = parts.find((p) => p instanceof Unknown);
      if (bad) return bad;
      const v = (((ctx.mappings[String(parts[0])] as Record<string, unknown> | undefined)?.[String(parts[1])]) as Record<string, unknown> | undefined)?.[String(parts[2])];
      return v === undefined ? unknown(`\`Fn::FindInMap\` finds nothing at ${parts.map(String).join('.')}`) : v;
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return unknown('`Fn::If` takes [condition, then, else]');
      const c = ctx.condition(arg[0]);
      if (c instanceof Unknown) return c;
      return evaluate(arg[c ? 1 : 2], ctx, `${path}/${c ? 1 : 2}`);
    }
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not': {
      const c = conditionValue({ [fn]: arg }, ctx, path);
      return c;
    }
    default:
      return unknown(`\`${fn}\` is not evaluated before the stack exists`);
  }
}

/** A condition expression (Conditions section, or inside Fn::If's siblings) as true, false or Unknown. */
export function conditionValue(expr: unknown, ctx: IntrinsicContext, path: string): boolean | Unknown {
  if (expr !== null && typeof expr === 'object' && !Array.isArray(expr)) {
    const [[fn, arg] = []] = Object.entries(expr as Record<string, unknown>);
    const list = Array.isArray(arg) ? arg : [];
    if (fn === 'Condition' && typeof arg === 'string') return ctx.condition(arg);
    if (fn === 'Fn::Equals') {
      const a = evaluate(list[0], ctx, `${path}/Fn::Equals/0`);
      const b = evaluate(list[1], ctx, `${path}/Fn::Equals/1`);
      if (a instanceof Unknown) return a;
      if (b instanceof Unknown) return b;
      return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
    }
    if (fn === 'Fn::Not' || fn === 'Fn::And' || fn === 'Fn::Or') {
      const values = list.map((x, i) => conditionValue(x, ctx, `${path}/${fn}/${i}`));
      const bad = values.find((v) => v instanceof Unknown);
      if (bad) return bad;
      if (fn === 'Fn::Not') return !values[0];
      return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
  }
  return new Unknown(path, 'not a condition CloudFormation can evaluate');
}
