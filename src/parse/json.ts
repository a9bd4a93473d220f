/**
 * A strict JSON reader that, unlike JSON.parse, reports duplicate keys (IAM rejects them, while
 * JSON.parse silently keeps the last one) and can remember where every value starts, so diagnostics
 * name a line and column. Pointers are built from a path stack only when needed: simulate reads
 * hundreds of thousands of lines and must not pay for positions it never shows.
 */
export interface JsonPosition {
  readonly line: number;
  readonly column: number;
}

export interface JsonProblem {
  /** `too-deep`: nesting beyond MAX_JSON_DEPTH; reading stops there, like a syntax error. */
  readonly kind: 'syntax' | 'duplicate-key' | 'too-deep';
  readonly message: string;
  readonly pointer: string;
  readonly position: JsonPosition;
}

export interface JsonReadResult {
  /** Undefined when the text has a syntax error. */
  readonly value?: unknown;
  readonly problems: readonly JsonProblem[];
  /** JSON pointer → where its value starts (empty unless asked for). */
  readonly positions: ReadonlyMap<string, JsonPosition>;
  /** Which reader produced the answer: the native parser (clean input, fast path) or our strict reader. */
  readonly reader: 'native' | 'strict';
}

export interface JsonReadOptions {
  /** Record the position of every value (default true). */
  readonly positions?: boolean;
}

class SyntaxFailure extends Error {}

/**
 * Deepest nesting of objects and arrays we read. A simulate case is about 11 levels deep and a policy
 * file 6, so 100 leaves room for anything legitimate while keeping every recursive walk over the value
 * (validation, caching, stringifying) far from the stack limit.
 */
export const MAX_JSON_DEPTH = 100;

/** Duplicate keys reported per document; the rest would only repeat the same advice. */
const MAX_DUPLICATES = 20;

export function escapePointerToken(token: string | number): string {
  const text = String(token);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function readJson(text: string, options: JsonReadOptions = {}): JsonReadResult {
  const record = options.positions !== false;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const problems: JsonProblem[] = [];
  const positions = new Map<string, JsonPosition>();
  const path: (string | number)[] = [];

  const pointer = (): string => path.map((p) => `/${escapePointerToken(p)}`).join('');
  const here = (): JsonPosition => ({ line, column: i - lineStart + 1 });
  const fail = (message: string): never => {
    problems.push({ kind: 'syntax', message, pointer: pointer(), position: here() });
    throw new SyntaxFailure(message);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) i++;
      else if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else return;
    }
  };
  const describe = (): string => (i >= text.length ? 'end of input' : `\`${text[i]}\``);

  const readString = (): string => {
    const start = ++i;
    // Fast path: no escapes and no control characters up to the closing quote. One pass over the
    // string only: searching the whole rest of the text for a backslash would make reading quadratic.
    for (let k = start; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 34) {
        i = k + 1;
        return text.slice(start, k);
      }
      if (c === 92 || c < 32) return readEscaped(start);
    }
    return readEscaped(start);
  };
  const readEscaped = (begin: number): string => {
    i = begin;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += text.slice(start, i);
        const e = text[i + 1];
        if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('invalid escape in string');
        start = i;
        continue;
      }
      if (c < 32) fail('control character in string (escape it)');
      i++;
    }
  };

  let depth = 0;
  const tooDeep = (): never => {
    problems.push({ kind: 'too-deep', message: `nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`, pointer: pointer(), position: here() });
    throw new SyntaxFailure('too deep');
  };
  const readValue = (): unknown => {
    skipSpace();
    if (record) positions.set(pointer(), here());
    const c = text.charCodeAt(i);
    if ((c === 123 || c === 91) && ++depth > MAX_JSON_DEPTH) tooDeep();
    if (c === 123 /* { */) {
      i++;
      const obj: Record<string, unknown> = {};
      let seen: Set<string> | undefined;
      skipSpace();
      if (text.charCodeAt(i) === 125) {
        i++;
        depth--;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text.charCodeAt(i) !== 34) fail(`expected a quoted key, found ${describe()}`);
        const keyPosition = here();
        const key = readString();
        path.push(key);
        if ((seen ??= new Set()).has(key) && problems.length < MAX_DUPLICATES) {
          problems.push({ kind: 'duplicate-key', message: `duplicate key \`${shorten(key)}\``, pointer: pointer(), position: keyPosition });
        }
        seen.add(key);
        skipSpace();
        if (text.charCodeAt(i) !== 58) fail(`expected \`:\` after key \`${key}\`, found ${describe()}`);
        i++;
        const value = readValue();
        path.pop();
        if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        else obj[key] = value;
        skipSpace();
        const next = text.charCodeAt(i);
        if (next === 44) {
          i++;
          continue;
        }
        if (next === 125) {
          i++;
          depth--;
          return obj;
        }
        fail(`expected \`,\` or \`}\`, found ${describe()}`);
      }
    }
    if (c === 91 /* [ */) {
      i++;
      const arr: unknown[] = [];
      skipSpace();
      if (text.charCodeAt(i) === 93) {
        i++;
        depth--;
        return arr;
      }
      for (;;) {
        path.push(arr.length);
        arr.push(readValue());
        path.pop();
        skipSpace();
        const next = text.charCodeAt(i);
        if (next === 44) {
          i++;
          continue;
        }
        if (next === 93) {
          i++;
          depth--;
          return arr;
        }
        fail(`expected \`,\` or \`]\`, found ${describe()}`);
      }
    }
    if (c === 34) return readString();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail(`unexpected ${describe()}`);
  };

  try {
    const value = readValue();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
    return { value, problems, positions, reader: 'strict' };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { problems, positions, reader: 'strict' };
    throw err;
  }
}

/** A key or value quoted in a message, cut short so a megabyte-long name never becomes a megabyte-long line. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Four native searches: several times faster than one regular expression over the whole text. */
function spaceBeforeColon(text: string): boolean {
  return text.includes(' :') || text.includes('\t:') || text.includes('\n:') || text.includes('\r:');
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Keys the decoded value holds, or -1 when it nests deeper than MAX_JSON_DEPTH. The depth bound
 * keeps this walk, and every later one, off the stack limit.
 */
function keptKeys(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (depth >= MAX_JSON_DEPTH) return -1;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const k = keptKeys(item, depth + 1);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key in value) {
    const k = keptKeys((value as Record<string, unknown>)[key], depth + 1);
    if (k < 0) return -1;
    n += 1 + k;
  }
  return n;
}

/**
 * Keys the text spells, in text that is valid JSON. Without a backslash no string can contain a
 * quote, so a `:` whose previous non-space character is `"` closes a key; with backslashes, jump
 * from string to string instead (a quote preceded by an odd run of backslashes is escaped).
 */
function spelledKeys(text: string): number {
  let n = 0;
  // Compact text (no space before any colon): every key ends in `":`, so counting those counts every
  // key, plus any string whose text starts with a colon or holds an escaped quote before one: counting
  // too many only sends the text to the strict reader. One native search per key instead of a look
  // back from every colon.
  if (!spaceBeforeColon(text)) {
    for (let at = text.indexOf('":'); at >= 0; at = text.indexOf('":', at + 2)) n++;
    return n;
  }
  if (!text.includes('\\')) {
    for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
      let k = colon - 1;
      while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
      if (text.charCodeAt(k) === 34) n++;
    }
    return n;
  }
  for (let open = text.indexOf('"'); open >= 0; ) {
    const close = stringEnd(text, open) - 1;
    // Cannot happen in text JSON.parse accepted; -1 makes the caller read the strict way.
    if (close < 0) return -1;
    let k = close + 1;
    while (isSpace(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) === 58) n++;
    open = text.indexOf('"', k);
  }
  return n;
}

/**
 * The same answer as `readJson(text, { positions: false })`, in about the time of JSON.parse on clean
 * input: the engine's native parser reads the value, and duplicate keys are detected by comparing the
 * keys it kept with the keys the text spells (they differ exactly when a key repeats, since JSON.parse
 * keeps one). Only a document that fails one of these checks is read again the strict way, which
 * finds the position of the problem.
 */
export function readJsonFast(text: string): JsonReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return readJson(text, { positions: false });
  }
  const kept = keptKeys(value, 0);
  if (kept < 0 || kept !== spelledKeys(text)) return readJson(text, { positions: false });
  return { value, problems: [], positions: NO_POSITIONS, reader: 'native' };
}

const NO_POSITIONS: ReadonlyMap<string, JsonPosition> = new Map();

/**
 * Where the value of the top-level member `key` sits in `text` (a JSON object), found without decoding
 * anything: the scan jumps from string to string and looks only at the few characters between them
 * for brackets. It proves nothing about the rest of the text (callers still read it) and gives up,
 * undefined, on anything but an object with that key written literally: callers then read the whole
 * text the usual way. This lets simulate recognise a policy set it has
 * already validated by its exact text, without parsing it again.
 */
export function memberSpan(text: string, key: string): { readonly start: number; readonly end: number } | undefined {
  let i = skipSpaceAt(text, 0);
  if (text.charCodeAt(i) !== 123) return undefined;
  i++;
  for (;;) {
    i = skipSpaceAt(text, i);
    if (text.charCodeAt(i) !== 34) return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const isKey = keyEnd - i - 2 === key.length && text.startsWith(key, i + 1);
    i = skipSpaceAt(text, keyEnd);
    if (text.charCodeAt(i) !== 58) return undefined;
    const start = skipSpaceAt(text, i + 1);
    const end = valueEnd(text, start);
    if (end < 0) return undefined;
    if (isKey) return { start, end };
    i = skipSpaceAt(text, end);
    if (text.charCodeAt(i) !== 44) return undefined;
    i++;
  }
}

function skipSpaceAt(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just after the string that opens at `open`, or -1 when it does not close. */
function stringEnd(text: string, open: number): number {
  for (let close = text.indexOf('"', open + 1); close >= 0; close = text.indexOf('"', close + 1)) {
    let slashes = 0;
    while (text.charCodeAt(close - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return close + 1;
  }
  return -1;
}

/** Index just after the value that starts at `start`, or -1 when it does not end in the text. */
function valueEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 34) return stringEnd(text, start);
  if (c !== 123 && c !== 91) {
    let i = start;
    while (i < text.length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 125 && text.charCodeAt(i) !== 93) i++;
    return i > start ? i : -1;
  }
  let depth = 0;
  let i = start;
  for (;;) {
    const quote = text.indexOf('"', i);
    const gapEnd = quote < 0 ? text.length : quote;
    for (; i < gapEnd; i++) {
      const g = text.charCodeAt(i);
      if (g === 123 || g === 91) depth++;
      else if ((g === 125 || g === 93) && --depth === 0) return i + 1;
    }
    if (quote < 0) return -1;
    i = stringEnd(text, quote);
    if (i < 0) return -1;
  }
}
