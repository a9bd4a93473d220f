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
  readonly kind: 'syntax' | 'duplicate-key';
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
}

export interface JsonReadOptions {
  /** Record the position of every value (default true). */
  readonly positions?: boolean;
}

class SyntaxFailure extends Error {}

export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
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
    // Fast path: no escapes and no control characters up to the closing quote.
    const close = text.indexOf('"', start);
    if (close >= 0) {
      const backslash = text.indexOf('\\', start);
      if (backslash < 0 || backslash > close) {
        for (let k = start; k < close; k++) if (text.charCodeAt(k) < 32) return readEscaped(start);
        i = close + 1;
        return text.slice(start, close);
      }
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

  const readValue = (): unknown => {
    skipSpace();
    if (record) positions.set(pointer(), here());
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      i++;
      const obj: Record<string, unknown> = {};
      let seen: Set<string> | undefined;
      skipSpace();
      if (text.charCodeAt(i) === 125) {
        i++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text.charCodeAt(i) !== 34) fail(`expected a quoted key, found ${describe()}`);
        const keyPosition = record ? here() : undefined;
        const keyStart = i;
        const key = readString();
        path.push(key);
        if ((seen ??= new Set()).has(key)) {
          problems.push({ kind: 'duplicate-key', message: `duplicate key \`${key}\``, pointer: pointer(), position: keyPosition ?? positionAt(text, keyStart) });
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
    return { value, problems, positions };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { problems, positions };
    throw err;
  }
}

function positionAt(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countKeys(item);
    return n;
  }
  for (const key of Object.keys(value)) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}

/**
 * The same answer as `readJson(text, { positions: false })`, faster on clean input: the engine's
 * native parser reads the value, and duplicate keys are detected by comparing the keys it kept with
 * the keys the text spells. Without backslashes, `"` followed by `:` can only close a key in valid
 * JSON, so the two counts differ exactly when a key repeats. Anything unusual goes the strict way.
 */
export function readJsonFast(text: string): JsonReadResult {
  if (text.includes('\\')) return readJson(text, { positions: false });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return readJson(text, { positions: false });
  }
  let spelled = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let k = colon - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    if (text.charCodeAt(k) === 34) spelled++;
  }
  if (spelled !== countKeys(value)) return readJson(text, { positions: false });
  return { value, problems: [], positions: new Map() };
}
