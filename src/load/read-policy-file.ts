import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { Diagnostic, PolicyKind } from '../model';
import { parsePolicy, type PolicyParseResult } from '../parse';
import { formatOf, readDocumentBytes } from './read-document';

/** Where to read a policy from and how to name it. */
export interface PolicyFileInput {
  readonly path: string;
  readonly kind: PolicyKind;
  /** Shown in diagnostics; defaults to the path relative to `root`. */
  readonly root?: string;
  /** Policy name in explanations; defaults to the file's base name without extension. */
  readonly name?: string;
}

/** Reads, decodes and validates one policy file. Never throws for bad content: problems come back as diagnostics. */
export function readPolicyFile(input: PolicyFileInput): PolicyParseResult {
  const file = input.root ? relative(input.root, input.path) : input.path;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input.path);
  } catch (err) {
    const name = input.name ?? policyNameOf(input.path);
    return { diagnostics: [{ code: 'malformed-json', severity: 'error', message: `cannot read \`${file}\`: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, source: { file, policy: name, pointer: '' } }] };
  }
  return readPolicyBytes(bytes, { file, kind: input.kind, ...(input.name !== undefined ? { name: input.name } : {}) });
}

/** A policy's name in explanations: its file's base name without the extension. */
export function policyNameOf(path: string): string {
  return basename(path).replace(/\.(json|ya?ml)$/i, '');
}

/** Decodes and validates policy text already read from anywhere (a store folder, a git revision, a source). */
export function readPolicyBytes(bytes: Uint8Array, input: { readonly file: string; readonly kind: PolicyKind; readonly name?: string }): PolicyParseResult {
  const { file } = input;
  const name = input.name ?? policyNameOf(file);
  const format = formatOf(file);
  const fail = (d: Omit<Diagnostic, 'severity'>): PolicyParseResult => ({ diagnostics: [{ ...d, severity: 'error' }] });
  if (!format) return fail({ code: 'malformed-json', message: `\`${file}\` is neither JSON nor YAML`, help: 'name policy files `*.json`, `*.yaml` or `*.yml`', source: { file, policy: name, pointer: '' } });
  const doc = readDocumentBytes(bytes, format);
  if (!doc.ok) {
    return fail({
      code: doc.code,
      message: doc.message,
      ...(doc.help !== undefined ? { help: doc.help } : doc.code === 'duplicate-key' ? { help: 'IAM rejects a key written twice in one object: keep one' } : {}),
      source: { file, policy: name, pointer: doc.pointer, ...(doc.position ? { line: doc.position.line, column: doc.position.column } : {}) },
    });
  }
  return parsePolicy(doc.value, { name, kind: input.kind, file, positions: doc.positions });
}
