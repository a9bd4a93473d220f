import { readFileSync } from 'node:fs';
import type { SourceRef } from '../model';
import { closest } from '../catalog';
import { readDocumentBytes } from './read-document';
import type { StoreDiagnostic } from './store-types';

/** A decoded YAML data file (principals.yaml, inventory.yaml) that can name a line for any pointer. */
export interface DataFile {
  readonly value: unknown;
  readonly at: (pointer: string) => SourceRef;
}

export function readDataFile(path: string, file: string, diagnostics: StoreDiagnostic[]): DataFile | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    diagnostics.push({ code: 'missing-file', severity: 'error', message: `cannot read \`${file}\`: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, help: 'the policy store needs principals.yaml and inventory.yaml', source: { file, policy: file, pointer: '' } });
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
    return { file, policy: file, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  return { value: doc.value, at };
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
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value === '') {
      this.error('invalid-type', pointer, `${what} must be a non-empty string`);
      return undefined;
    }
    return value;
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
