export { lint, lintDocument, fails, type LintDocument, type LintOptions, type LintPrincipal, type LintReport, type LintSummary } from './lint';
export { SEVERITIES, severityRank, type Finding, type LintLocation, type Severity } from './finding';
export { RULES, type RuleInfo } from './rules';
export { formatText, formatJson, formatSarif } from './format';
