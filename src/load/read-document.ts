import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { escapePointerToken, readJson, type JsonPosition } from '../parse';

/** A decoded JSON or YAML document with the position of every value, or the reason it could not be read. */
export type DocumentReadResult =
  | { readonly ok: true; readonly value: unknown; readonly positions: ReadonlyMap<string, JsonPosition> }
  | { readonly ok: false; readonly code: 'malformed-json' | 'malformed-yaml' | 'duplicate-key'; readonly message: string; readonly pointer: string; readonly position?: JsonPosition };

/** Decodes policy text. JSON goes through our strict reader (duplicate keys); YAML through `yaml` with unique keys. */
export function readDocument(text: string, format: 'json' | 'yaml'): DocumentReadResult {
  if (format === 'json') {
    const r = readJson(text);
    const p = r.problems[0];
    if (p) return { ok: false, code: p.kind === 'duplicate-key' ? 'duplicate-key' : 'malformed-json', message: p.message, pointer: p.pointer, position: p.position };
    return { ok: true, value: r.value, positions: r.positions };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    const duplicate = err.code === 'DUPLICATE_KEY';
    return { ok: false, code: duplicate ? 'duplicate-key' : 'malformed-yaml', message: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''), pointer: '', position: { line: pos.line, column: pos.col } };
  }
  const positions = new Map<string, JsonPosition>();
  const walk = (node: unknown, pointer: string): void => {
    if (!node || typeof node !== 'object') return;
    const range = (node as Node).range;
    if (range) {
      const pos = lineCounter.linePos(range[0]);
      positions.set(pointer, { line: pos.line, column: pos.col });
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value, `${pointer}/${escapePointerToken(key)}`);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, `${pointer}/${i}`));
  };
  walk(doc.contents, '');
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown, positions };
}

export function formatOf(file: string): 'json' | 'yaml' | undefined {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}
