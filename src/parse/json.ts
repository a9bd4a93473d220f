/**
 * A strict JSON reader that, unlike JSON.parse, reports duplicate keys (IAM rejects them, while
 * JSON.parse silently keeps the last one) and remembers where every value starts, so diagnostics
 * can name a line and column.
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
  /** JSON pointer → where its value starts. */
  readonly positions: ReadonlyMap<string, JsonPosition>;
}

class SyntaxFailure extends Error {}

export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function readJson(text: string): JsonReadResult {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const problems: JsonProblem[] = [];
  const positions = new Map<string, JsonPosition>();

  const here = (): JsonPosition => ({ line, column: i - lineStart + 1 });
  const fail = (message: string, pointer: string): never => {
    problems.push({ kind: 'syntax', message, pointer, position: here() });
    throw new SyntaxFailure(message);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) i++;
      else return;
    }
  };
  const describe = (): string => (i >= text.length ? 'end of input' : `\`${text[i]}\``);

  const readString = (pointer: string): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string', pointer);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += text.slice(start, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('invalid escape in string', pointer);
        start = i;
        continue;
      }
      if (c < 32) fail('control character in string (escape it)', pointer);
      i++;
    }
  };

  const readValue = (pointer: string): unknown => {
    skipSpace();
    positions.set(pointer, here());
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      skipSpace();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a quoted key, found ${describe()}`, pointer);
        const keyPosition = here();
        const key = readString(pointer);
        const child = `${pointer}/${escapePointerToken(key)}`;
        if (seen.has(key)) {
          problems.push({ kind: 'duplicate-key', message: `duplicate key \`${key}\``, pointer: child, position: keyPosition });
        }
        seen.add(key);
        skipSpace();
        if (text[i] !== ':') fail(`expected \`:\` after key \`${key}\`, found ${describe()}`, child);
        i++;
        const value = readValue(child);
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected \`,\` or \`}\`, found ${describe()}`, pointer);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(readValue(`${pointer}/${arr.length}`));
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected \`,\` or \`]\`, found ${describe()}`, pointer);
      }
    }
    if (c === '"') return readString(pointer);
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal) {
      i += literal[0].length;
      const word = literal[0];
      return word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
    }
    return fail(`unexpected ${describe()}`, pointer);
  };

  try {
    const value = readValue('');
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the document`, '');
    return { value, problems, positions };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { problems, positions };
    throw err;
  }
}
