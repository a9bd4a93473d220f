import type { SourceRef } from '../model';
import type { StoreDiagnostic } from '../load/store-types';
import type { BuiltStore } from './build-store';

/**
 * Points a diagnostic of a built store back at the source: a policy file's pointer becomes the source
 * file's line and column, and the message names the resource address (and, for a policy held in a JSON
 * string, the line and column inside that string).
 */
export function toSourceLocation(built: BuiltStore, prefix: string, d: StoreDiagnostic): StoreDiagnostic {
  const file = d.source.file;
  if (file === undefined || !file.startsWith(prefix)) return d;
  const path = file.slice(prefix.length);
  const origin = built.policyOrigins.get(path);
  if (!origin) return d;
  const loc = origin.locate?.(d.source.pointer);
  const line = loc?.line ?? origin.origin.line;
  const column = loc?.line !== undefined ? loc.column : origin.origin.column;
  const inString = loc?.inString ? `, line ${loc.inString.line} column ${loc.inString.column} of its policy text` : '';
  // Lines of the generated file mean nothing to the user: only source positions are kept.
  const { line: _line, column: _column, ...rest } = d.source;
  const source: SourceRef = {
    ...rest,
    file: origin.origin.file,
    policy: origin.name,
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
  return { ...d, message: `${d.message} (in \`${origin.origin.address}\`${inString})`, source };
}
