import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import { escapePointerToken, MAX_JSON_DEPTH, readJson, type JsonPosition } from '../parse';
import { decodeUtf8 } from './utf8';

/** Why a document could not be decoded; every code is a stable diagnostic code. */
export type DocumentReadCode = 'malformed-json' | 'malformed-yaml' | 'duplicate-key' | 'nesting-too-deep' | 'invalid-utf8' | 'yaml-too-many-aliases' | 'yaml-merge-key';

/** A decoded JSON or YAML document with the position of every value, or the reason it could not be read. */
export type DocumentReadResult =
  | { readonly ok: true; readonly value: unknown; readonly positions: ReadonlyMap<string, JsonPosition> }
  | { readonly ok: false; readonly code: DocumentReadCode; readonly message: string; readonly pointer: string; readonly position?: JsonPosition; readonly help?: string };

/**
 * Aliases a YAML document may resolve, counting nested expansions (the `yaml` package's own measure).
 * A store reuses a list now and then; a "billion laughs" document needs thousands.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * The `yaml` options we read with, chosen on purpose: YAML 1.2 core schema whatever the document's
 * `%YAML` directive says (no `y` for true, no octal `0777`, no merge keys), unique keys, and a bound
 * on alias expansion.
 */
const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, schema: 'core', merge: false, strict: true } as const;

/** Decodes the bytes of a policy or data file: strict UTF-8 first, then {@link readDocument}. */
export function readDocumentBytes(bytes: Uint8Array, format: 'json' | 'yaml'): DocumentReadResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const p = decoded.problem;
    return { ok: false, code: 'invalid-utf8', message: p.message, pointer: '', position: { line: p.line, column: p.lineByteOffset + 1 }, help: 'save the file as UTF-8; a byte that is not UTF-8 is never guessed at' };
  }
  return readDocument(decoded.text, format);
}

/** Decodes policy text. JSON goes through our strict reader (duplicate keys); YAML through `yaml` with unique keys. */
export function readDocument(text: string, format: 'json' | 'yaml'): DocumentReadResult {
  if (format === 'json') {
    const r = readJson(text);
    const p = r.problems.find((x) => x.kind !== 'duplicate-key') ?? r.problems[0];
    if (p) {
      const code = p.kind === 'duplicate-key' ? 'duplicate-key' : p.kind === 'too-deep' ? 'nesting-too-deep' : 'malformed-json';
      return { ok: false, code, message: p.message, pointer: p.pointer, position: p.position, ...(code === 'nesting-too-deep' ? { help: NESTING_HELP } : {}) };
    }
    return { ok: true, value: r.value, positions: r.positions };
  }
  return readYaml(text);
}

const NESTING_HELP = `a policy nests about 6 levels deep; ${MAX_JSON_DEPTH} is the limit`;

function readYaml(text: string): DocumentReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const at = (offset: number): JsonPosition => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const err = doc.errors[0];
  if (err) {
    const position = at(err.pos[0]);
    // The parser reports its own stack overflow on deep nesting as resource exhaustion.
    if (err.code === 'RESOURCE_EXHAUSTION') return { ok: false, code: 'nesting-too-deep', message: `nested deeper than ${MAX_JSON_DEPTH} levels of mappings and sequences`, pointer: '', position, help: NESTING_HELP };
    const code = err.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'malformed-yaml';
    return { ok: false, code, message: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''), pointer: '', position };
  }
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) return { ok: false, code: 'malformed-yaml', message: tag.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '').replace(/^Unresolved tag/, 'unknown YAML tag'), pointer: '', position: at(tag.pos[0]), help: 'remove the tag: policies and store files use plain strings, numbers, booleans, lists and mappings' };

  const positions = new Map<string, JsonPosition>();
  let problem: Extract<DocumentReadResult, { ok: false }> | undefined;
  let firstAlias: JsonPosition | undefined;
  const walk = (node: unknown, pointer: string, depth: number): void => {
    if (problem || !node || typeof node !== 'object') return;
    if (isAlias(node)) {
      if (!firstAlias && node.range) firstAlias = at(node.range[0]);
      return;
    }
    const range = (node as Node).range;
    if (range) positions.set(pointer, at(range[0]));
    if (!isMap(node) && !isSeq(node)) return;
    if (depth >= MAX_JSON_DEPTH) {
      problem = { ok: false, code: 'nesting-too-deep', message: `nested deeper than ${MAX_JSON_DEPTH} levels of mappings and sequences`, pointer, ...(range ? { position: at(range[0]) } : {}), help: NESTING_HELP };
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === '<<' && (pair.key.type === undefined || pair.key.type === Scalar.PLAIN)) {
          const keyRange = pair.key.range;
          problem = {
            ok: false,
            code: 'yaml-merge-key',
            message: 'YAML merge key `<<` is not supported: YAML 1.2 has no merge keys, and readers that do merge them disagree on the result',
            pointer: `${pointer}/${escapePointerToken('<<')}`,
            ...(keyRange ? { position: at(keyRange[0]) } : {}),
            help: 'write the fields out in full',
          };
          return;
        }
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value, `${pointer}/${escapePointerToken(key)}`, depth + 1);
      }
    } else node.items.forEach((item, i) => walk(item, `${pointer}/${i}`, depth + 1));
  };
  walk(doc.contents, '', 0);
  if (problem) return problem;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    // `yaml` throws a ReferenceError for excessive alias expansion ("billion laughs") and for an alias
    // whose anchor is missing; neither is a harness failure.
    const message = e instanceof Error ? e.message : String(e);
    if (/alias count/i.test(message)) {
      return { ok: false, code: 'yaml-too-many-aliases', message: `aliases expand more than ${MAX_YAML_ALIASES} times (a YAML alias bomb resolves to an exponential amount of data)`, pointer: '', ...(firstAlias ? { position: firstAlias } : {}), help: 'write the values out, or use fewer aliases' };
    }
    return { ok: false, code: 'malformed-yaml', message: message.split('\n')[0]!, pointer: '' };
  }
  return { ok: true, value, positions };
}

export function formatOf(file: string): 'json' | 'yaml' | undefined {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}
