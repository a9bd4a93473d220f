import type { Finding, LintLocation } from './finding';
import type { LintReport } from './lint';
import { ruleHelp } from './rule-help';
import { RULES } from './rules';

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

function where(loc: LintLocation): string {
  const pos = loc.line !== undefined ? `${loc.line}:${loc.column ?? 1}` : '-';
  const statement = loc.statementIndex !== undefined ? ` statement ${loc.statementIndex}${loc.sid !== undefined ? ` (Sid \`${loc.sid}\`)` : ''}` : '';
  const source = loc.address !== undefined ? ` in \`${loc.address}\`${loc.inString ? ` (line ${loc.inString.line}, column ${loc.inString.column} of its policy text)` : ''}` : '';
  return `${pos}${source}${statement}${loc.pointer !== '' ? ` at ${loc.pointer}` : ''}`;
}

function line(f: Finding): string {
  const fix = f.fix !== undefined ? `; fix: ${f.fix}` : '';
  const waived = f.waived ? ` [waived until ${f.waived.expires} by ${f.waived.owner}: ${f.waived.reason}]` : '';
  return `  ${where(f.location)}\n    ${f.waived ? 'waived ' : ''}${f.severity} ${f.code}: ${f.message}${fix}${waived}\n`;
}

/** Readable text grouped by file, then a one-line summary. */
export function formatText(report: LintReport, tool: ToolInfo): string {
  let out = `${tool.name} lint ${tool.version}, catalog ${report.catalog}\n`;
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
  for (const [file, findings] of byFile) out += `\n${file}\n${findings.map(line).join('')}`;
  if (report.notes && report.notes.length > 0) out += `\n${report.notes.map((n) => `note: ${n}\n`).join('')}`;
  const c = report.summary.counts;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  out += `\n${plural(report.summary.files, 'file')}: ${plural(c.error, 'error')}, ${plural(c['security-warning'], 'security warning')}, ${plural(c.warning, 'warning')}, ${plural(c.suggestion, 'suggestion')}, ${report.summary.waived} waived\n`;
  return out;
}

export function formatJson(report: LintReport, tool: ToolInfo): string {
  return `${JSON.stringify({ tool: { name: tool.name, version: tool.version }, catalog: report.catalog, files: report.files, summary: report.summary, ...(report.notes ? { notes: report.notes } : {}), findings: report.findings }, null, 2)}\n`;
}

const LEVEL = { error: 'error', 'security-warning': 'warning', warning: 'warning', suggestion: 'note' } as const;

/** Where lint ran and the repository it ran in (absolute, `/`-separated), so SARIF paths are repository-relative. */
export interface SarifPlaces {
  readonly cwd: string;
  readonly root: string;
}

/** Resolves `.` and `..` segments of a `/` path. */
function normalisePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `${path.startsWith('/') ? '/' : ''}${out.join('/')}`;
}

const encode = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/**
 * A finding's file as SARIF wants it (§3.4.3): relative to the repository root (`%SRCROOT%`), forward slashes,
 * each segment percent-encoded, never `../`. A file outside the repository gets an absolute `file://` URI instead.
 */
export function artifactLocation(file: string, places?: SarifPlaces): { readonly uri: string; readonly uriBaseId?: string } {
  const shown = file.replace(/\\/g, '/');
  if (!places) return { uri: encode(normalisePath(shown)), uriBaseId: '%SRCROOT%' };
  const abs = normalisePath(/^(\/|[A-Za-z]:\/)/.test(shown) ? shown : `${places.cwd.replace(/\\/g, '/')}/${shown}`);
  const root = normalisePath(places.root.replace(/\\/g, '/'));
  if (abs.startsWith(`${root}/`)) return { uri: encode(abs.slice(root.length + 1)), uriBaseId: '%SRCROOT%' };
  return { uri: `file://${abs.startsWith('/') ? '' : '/'}${encode(abs)}` };
}

/** FNV-1a over the text, two 32-bit lanes: a short, stable hash (no crypto needed, lint stays pure). */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * Stable across edits that move a finding without changing it: the code, the file and the statement (by Sid
 * when it has one, else by index) and the pointer inside it — never line, column or message wording.
 */
export function fingerprint(f: Finding, uri: string): string {
  const loc = f.location;
  const pointer = loc.sid !== undefined ? loc.pointer.replace(/^\/Statement\/\d+/, `/Statement/${loc.sid}`) : loc.pointer;
  return hash(`${f.code}\u0000${uri}\u0000${pointer}`);
}

/** SARIF 2.1.0: one run, one rule per code used, results with physical locations (startLine/startColumn). */
export function formatSarif(report: LintReport, tool: ToolInfo, places?: SarifPlaces): string {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const rules = codes.map((id) => {
    const info = RULES[id]!;
    const help = ruleHelp(id, info.summary, info.severity);
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase()),
      shortDescription: { text: info.summary },
      fullDescription: { text: info.summary },
      help: { text: help.text, markdown: `${help.text.replace(help.uri, `[${help.uri}](${help.uri})`)}` },
      helpUri: help.uri,
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: {
        severity: info.severity,
        tags: help.securitySeverity !== undefined ? ['security'] : [],
        ...(help.securitySeverity !== undefined ? { 'security-severity': help.securitySeverity } : {}),
      },
    };
  });
  const results = report.findings.map((f) => {
    const loc = f.location;
    const region = loc.line !== undefined ? { region: { startLine: loc.line, startColumn: loc.column ?? 1 } } : {};
    const artifact = artifactLocation(loc.file, places);
    return {
      ruleId: f.code,
      ruleIndex: codes.indexOf(f.code),
      level: LEVEL[f.severity],
      message: { text: `${f.message}${f.fix !== undefined ? `; fix: ${f.fix}` : ''}` },
      locations: [
        {
          physicalLocation: { artifactLocation: artifact, ...region },
          logicalLocations: [loc.address !== undefined ? { fullyQualifiedName: `${loc.address}#${loc.pointer}`, kind: 'resource' } : { fullyQualifiedName: `${loc.file}#${loc.pointer}`, kind: 'object' }],
        },
      ],
      partialFingerprints: { 'mqPolicyFinding/v1': fingerprint(f, artifact.uri) },
      ...(f.waived ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waived.reason} (owner ${f.waived.owner}, until ${f.waived.expires})` }] } : {}),
      properties: { severity: f.severity, pointer: loc.pointer, ...(loc.address !== undefined ? { address: loc.address } : {}), ...(loc.inString ? { positionInPolicyText: loc.inString } : {}), ...(loc.statementIndex !== undefined ? { statementIndex: loc.statementIndex } : {}), ...(loc.sid !== undefined ? { sid: loc.sid } : {}) },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, fullName: `${tool.name} ${tool.version} (catalog ${report.catalog})`, properties: { catalog: report.catalog }, rules } },
        // What ran or was skipped beyond the documents (SARIF §3.20.21: notifications of the tool's execution).
        ...(report.notes && report.notes.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.notes.map((text) => ({ level: 'note', message: { text } })) }] } : {}),
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'the root of the repository mq-policy lint ran in' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
