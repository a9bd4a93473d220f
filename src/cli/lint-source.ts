import { fails, formatJson, formatSarif, formatText, lint, type Finding, type LintDocument, type Severity } from '../lint';
import type { JsonPosition } from '../parse';
import { escapePointerToken } from '../parse';
import { readDocument } from '../load';
import type { BuiltStore } from '../sources';
import { EXIT, write, type CliIo, type ExitCode } from './io';
import { printSummary } from './import';
import { readSourceStore, type SourceRequest } from './sources';

/**
 * `mq-policy lint --source KIND:FILE`: lints every policy of the source where it lives. Findings point at the
 * source file's line and column, name the resource address or logical id, and for a policy held in a JSON
 * string (Terraform) the position inside that string; SARIF carries the same locations.
 */
export async function lintSource(request: SourceRequest, options: { readonly format: 'text' | 'json' | 'sarif'; readonly failOn: Severity; readonly noAnalysis?: boolean }, io: CliIo, today: Date, version: string): Promise<ExitCode> {
  const source = readSourceStore(request, io.cwd);
  await printSummary(source, io);
  const { report } = source.built;
  if (report.errors.length > 0) return EXIT.invalidInput;
  const documents = lintDocuments(source.built);
  // The source is a whole store (its principals included), so the store-wide checks run over it.
  const store = source.load.store;
  const analysis = options.noAnalysis ? { skipped: '`--no-analysis`' } : store ? (await import('../analysis/store-verdicts')).storeVerdicts(store) : { skipped: 'the source does not load as a policy store' };
  const result = lint(documents.map((d) => d.document), { today: today.toISOString().slice(0, 10), analysis });
  const located = { ...result, findings: result.findings.map((f) => inSource(source.built, f)), files: [...new Set(documents.map((d) => d.sourceFile))] };
  const tool = { name: 'mq-policy', version };
  const text = options.format === 'json' ? formatJson(located, tool) : options.format === 'sarif' ? formatSarif(located, tool) : formatText(located, tool);
  await write(io.stdout, text);
  if (!report.complete && !request.allowUnresolved) {
    await write(io.stderr, `mq-policy lint: ${report.unresolved.length} value${report.unresolved.length === 1 ? '' : 's'} of the source could not be resolved, so not every policy was linted (pass --allow-unresolved to accept that)\n`);
    return EXIT.invalidInput;
  }
  return fails(located, options.failOn) ? EXIT.invalidInput : EXIT.ok;
}

/** One lint document per policy the source holds (trust policies are not identity policies: not linted here). */
export function lintDocuments(built: BuiltStore): { document: LintDocument; sourceFile: string }[] {
  const out: { document: LintDocument; sourceFile: string }[] = [];
  for (const [path, origin] of built.policyOrigins) {
    if (origin.kind === 'trust') continue;
    const doc = readDocument(built.files.get(path)!, 'yaml');
    if (!doc.ok) continue;
    // Positions of every value, taken from the source file, so findings point where the user edits.
    const positions = new Map<string, JsonPosition>();
    const walk = (v: unknown, pointer: string): void => {
      const at = origin.locate?.(pointer);
      const line = at?.line ?? origin.origin.line;
      const column = at?.line !== undefined ? at.column : origin.origin.column;
      if (line !== undefined) positions.set(pointer, { line, column: column ?? 1 });
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${escapePointerToken(k)}`);
    };
    walk(doc.value, '');
    out.push({ document: { file: path, kind: origin.kind === 'session' ? 'session' : origin.kind, read: { ok: true, value: doc.value, positions } }, sourceFile: origin.origin.file });
  }
  return out;
}

/** A finding on a built policy file, moved to the source file, with the address and the position inside a string. */
function inSource(built: BuiltStore, f: Finding): Finding {
  const origin = built.policyOrigins.get(f.location.file);
  if (!origin) return f;
  const inString = origin.locate?.(f.location.pointer)?.inString;
  return { ...f, location: { ...f.location, file: origin.origin.file, address: origin.origin.address, ...(inString ? { inString } : {}) } };
}
