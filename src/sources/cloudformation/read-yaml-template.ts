import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { JsonPosition } from '../../parse';
import { escapePointerToken } from '../../parse';

/**
 * CloudFormation's short-form intrinsic tags (Template Reference, "Intrinsic function reference": `!Ref`,
 * `!Sub`, `!GetAtt`…), declared as `yaml` custom tags so the parser accepts them, then read from the AST
 * into their long form (`{"Fn::Sub": …}`). `!GetAtt A.B` is the scalar form of `["A", "B"]`.
 */
const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length'];
const TAGS = ['Ref', 'Condition', ...FUNCTIONS];
const customTags = TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const },
  { tag: `!${name}`, collection: 'map' as const },
]);

/** Aliases are expanded at most this many times, so a "billion laughs" template stays small. */
const MAX_ALIAS_EXPANSIONS = 100;
const MAX_NODES = 1_000_000;

export type TemplateReadResult =
  | { readonly ok: true; readonly value: unknown; readonly positions: ReadonlyMap<string, JsonPosition> }
  | { readonly ok: false; readonly message: string; readonly position?: JsonPosition };

export function readYamlTemplate(text: string): TemplateReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter, prettyErrors: false, customTags });
  const err = doc.errors[0];
  if (err) {
    const p = lineCounter.linePos(err.pos[0]);
    return { ok: false, message: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''), position: { line: p.line, column: p.col } };
  }
  const positions = new Map<string, JsonPosition>();
  let aliases = 0;
  let nodes = 0;
  const toValue = (node: unknown, pointer: string, d: Document): unknown => {
    if (++nodes > MAX_NODES) throw new TemplateTooLarge(`the template has more than ${MAX_NODES} values`);
    if (isAlias(node)) {
      if (++aliases > MAX_ALIAS_EXPANSIONS) throw new TemplateTooLarge(`the template expands more than ${MAX_ALIAS_EXPANSIONS} aliases`);
      return toValue(node.resolve(d), pointer, d);
    }
    const range = (node as Node | null)?.range;
    if (range) {
      const p = lineCounter.linePos(range[0]);
      if (!positions.has(pointer)) positions.set(pointer, { line: p.line, column: p.col });
    }
    const tag = (node as Node | null)?.tag;
    const plain = (inner: string): unknown => {
      if (isMap(node)) {
        const out: Record<string, unknown> = {};
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          out[key] = toValue(pair.value, `${inner}/${escapePointerToken(key)}`, d);
        }
        return out;
      }
      if (isSeq(node)) return node.items.map((item, i) => toValue(item, `${inner}/${i}`, d));
      if (isScalar(node)) return node.value;
      return null;
    };
    if (tag && TAGS.includes(tag.slice(1))) {
      const name = tag.slice(1);
      const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
      const inner = `${pointer}/${escapePointerToken(key)}`;
      if (range) {
        const p = lineCounter.linePos(range[0]);
        positions.set(inner, { line: p.line, column: p.col });
      }
      let value = plain(inner);
      if (name === 'GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        value = dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : [value];
      }
      return { [key]: value };
    }
    return plain(pointer);
  };
  try {
    return { ok: true, value: toValue(doc.contents, '', doc), positions };
  } catch (e) {
    if (e instanceof TemplateTooLarge) return { ok: false, message: e.message };
    throw e;
  }
}

class TemplateTooLarge extends Error {}
