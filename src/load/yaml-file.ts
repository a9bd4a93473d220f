import type { SourceRef } from '../model';
import { closest } from '../catalog';
import { readIpNetwork } from '../model';
import { readDocumentBytes } from './read-document';
import type { StoreDiagnostic } from './store-types';

/** A decoded YAML data file (principals.yaml, inventory.yaml) that can name a line for any pointer. */
export interface DataFile {
  readonly value: unknown;
  readonly at: (pointer: string) => SourceRef;
  /** The plain scalar as written at `pointer` (`012345678901`), when the file is at hand; YAML may have read it as a number. */
  readonly written?: (pointer: string) => string | undefined;
}

/** Reads a YAML data file of the store; a missing file is an error (the store needs both data files). */
export function readDataFile(bytes: Uint8Array | undefined, file: string, diagnostics: StoreDiagnostic[]): DataFile | undefined {
  if (bytes === undefined) {
    diagnostics.push({ code: 'missing-file', severity: 'error', message: `cannot read \`${file}\`: ENOENT`, help: 'the policy store needs principals.yaml and inventory.yaml', source: { file, policy: file, pointer: '' } });
    return undefined;
  }
  const doc = readDocumentBytes(bytes, 'yaml');
  if (!doc.ok) {
    diagnostics.push({ code: doc.code, severity: 'error', message: doc.message, ...(doc.help !== undefined ? { help: doc.help } : {}), source: { file, policy: file, pointer: doc.pointer, ...(doc.position ? { line: doc.position.line, column: doc.position.column } : {}) } });
    return undefined;
  }
  const at = (pointer: string): SourceRef => {
    // The nearest enclosing node that has a position (a missing field points at its parent).
    let p = pointer;
    let pos = doc.positions.get(p);
    while (!pos && p !== '') {
      p = p.slice(0, p.lastIndexOf('/'));
      pos = doc.positions.get(p);
    }
    // An empty file has no node at all: its problems are at its start.
    return { file, policy: file, pointer, line: pos?.line ?? 1, column: pos?.column ?? 1 };
  };
  let lines: string[] | undefined;
  const written = (pointer: string): string | undefined => {
    lines ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split('\n');
    const pos = doc.positions.get(pointer);
    if (!pos) return undefined;
    return /^[^\s,\]}#]+/.exec(lines[pos.line - 1]?.slice(pos.column - 1) ?? '')?.[0];
  };
  return { value: doc.value, at, written };
}

/** Small typed readers over decoded YAML that report every problem instead of throwing. */
export class FieldReader {
  constructor(
    private readonly data: DataFile,
    private readonly diagnostics: StoreDiagnostic[],
  ) {}

  error(code: string, pointer: string, message: string, help?: string): void {
    this.diagnostics.push({ code, severity: 'error', message, ...(help !== undefined ? { help } : {}), source: this.data.at(pointer) });
  }

  /**
   * A section such as `users:` or `brokers:`: a mapping with at least one entry. A key with nothing
   * under it (usually an indentation slip) would silently define nothing, so it is an error; an absent
   * section is fine.
   */
  section(value: unknown, pointer: string, what: string): Record<string, unknown> {
    if (value === undefined) return {};
    const obj = this.object(value, pointer, what);
    if (obj && (value === null || Object.keys(obj).length === 0)) {
      this.error('empty-section', pointer, `${what} is empty`, `list its entries indented under \`${pointer.slice(1)}:\`, or remove the key`);
    }
    return obj ?? {};
  }

  /** An object whose keys are all among `allowed` (unknown keys are errors with a "did you mean"). */
  object(value: unknown, pointer: string, what: string, allowed?: readonly string[]): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.error('invalid-type', pointer, `${what} must be a mapping of names to values`);
      return undefined;
    }
    const obj = value as Record<string, unknown>;
    if (allowed) {
      for (const key of Object.keys(obj)) {
        if (allowed.includes(key)) continue;
        const guess = closest(key, allowed);
        this.error('unknown-field', `${pointer}/${key}`, `unknown field \`${key}\` in ${what}`, guess ? `did you mean \`${guess}\`?` : `use ${allowed.map((a) => `\`${a}\``).join(', ')}`);
      }
    }
    return obj;
  }

  string(value: unknown, pointer: string, what: string, required: boolean): string | undefined {
    if (value === undefined) {
      if (required) this.error('missing-field', pointer, `${what} is missing`);
      return undefined;
    }
    if (typeof value === 'number') {
      // YAML reads 012345678901 as the number 12345678901 and 1e3 as 1000: taking the number's digits
      // would be a guess at what was meant, so ask for quotes.
      const written = this.data.written?.(pointer) ?? String(value);
      const read = String(value) === written ? '' : ` (YAML reads \`${written}\` as the number ${value})`;
      this.error('unquoted-number', pointer, `${what} is written as a number${read}; it must be a string`, `write it in quotes: \`"${written}"\``);
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      this.error('invalid-type', pointer, `${what} must be a non-empty string`);
      return undefined;
    }
    return value;
  }

  /** An IPv4 or IPv6 address (no prefix), as `aws:SourceIp` carries it. */
  ipAddress(value: unknown, pointer: string, what: string): string | undefined {
    const text = this.string(value, pointer, what, false);
    if (text === undefined) return undefined;
    const ip = readIpNetwork(text);
    if (!ip || text.includes('/')) {
      this.error('invalid-source-ip', pointer, `${what} \`${text}\` is not an IP address`, 'write one IPv4 or IPv6 address without a prefix, e.g. `203.0.113.10` or `2001:db8::10`');
      return undefined;
    }
    return text;
  }

  boolean(value: unknown, pointer: string, what: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.error('invalid-type', pointer, `${what} must be \`true\` or \`false\``);
      return undefined;
    }
    return value;
  }

  strings(value: unknown, pointer: string, what: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      this.error('invalid-type', pointer, `${what} must be a list of names`);
      return [];
    }
    return value as string[];
  }

  /** Tags: string keys to string values (AWS tag values are strings; quote numbers). */
  tags(value: unknown, pointer: string, what: string): Record<string, string> {
    const obj = this.object(value, pointer, what);
    if (!obj) return {};
    const out: Record<string, string> = {};
    const seen = new Map<string, string>();
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v !== 'string') {
        this.error('invalid-tag', `${pointer}/${k}`, `tag \`${k}\` in ${what} must have a string value, not \`${JSON.stringify(v)}\``, v === null ? 'write `""` for an empty value' : 'quote the value');
        continue;
      }
      const other = seen.get(k.toLowerCase());
      if (other !== undefined) {
        this.error('duplicate-tag', `${pointer}/${k}`, `tags \`${other}\` and \`${k}\` in ${what} differ only in letter case; condition keys ignore case, so a request could not carry both`, 'keep one of them');
        continue;
      }
      seen.set(k.toLowerCase(), k);
      out[k] = v;
    }
    return out;
  }
}
