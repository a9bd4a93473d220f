import type { Finding, LintLocation } from './finding';
import type { LintReport } from './lint';
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
  const c = report.summary.counts;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  out += `\n${plural(report.summary.files, 'file')}: ${plural(c.error, 'error')}, ${plural(c['security-warning'], 'security warning')}, ${plural(c.warning, 'warning')}, ${plural(c.suggestion, 'suggestion')}, ${report.summary.waived} waived\n`;
  return out;
}

export function formatJson(report: LintReport, tool: ToolInfo): string {
  return `${JSON.stringify({ tool: { name: tool.name, version: tool.version }, catalog: report.catalog, files: report.files, summary: report.summary, findings: report.findings }, null, 2)}\n`;
}

const LEVEL = { error: 'error', 'security-warning': 'warning', warning: 'warning', suggestion: 'note' } as const;

/** File paths as relative URIs (SARIF §3.4.3): forward slashes, each segment percent-encoded. */
function uri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0: one run, one rule per code used, results with physical locations (startLine/startColumn). */
export function formatSarif(report: LintReport, tool: ToolInfo): string {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const rules = codes.map((id) => {
    const info = RULES[id]!;
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase()),
      shortDescription: { text: info.summary },
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: { severity: info.severity, tags: info.severity === 'security-warning' ? ['security'] : [] },
    };
  });
  const results = report.findings.map((f) => {
    const loc = f.location;
    const region = loc.line !== undefined ? { region: { startLine: loc.line, startColumn: loc.column ?? 1 } } : {};
    return {
      ruleId: f.code,
      ruleIndex: codes.indexOf(f.code),
      level: LEVEL[f.severity],
      message: { text: `${f.message}${f.fix !== undefined ? `; fix: ${f.fix}` : ''}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: uri(loc.file), uriBaseId: '%SRCROOT%' }, ...region },
          logicalLocations: [loc.address !== undefined ? { fullyQualifiedName: `${loc.address}#${loc.pointer}`, kind: 'resource' } : { fullyQualifiedName: `${loc.file}#${loc.pointer}`, kind: 'object' }],
        },
      ],
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
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'the directory mq-policy lint ran in' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
