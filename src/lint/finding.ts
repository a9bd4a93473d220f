/** The scale IAM Access Analyzer uses, most severe first. */
export type Severity = 'error' | 'security-warning' | 'warning' | 'suggestion';

export const SEVERITIES: readonly Severity[] = ['error', 'security-warning', 'warning', 'suggestion'];

/** Higher is more severe; `--fail-on` compares ranks. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** Where a finding points: always a file and a JSON pointer, the rest when known. */
export interface LintLocation {
  readonly file: string;
  /** RFC 6901 pointer into the document (`''` = the whole document). */
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
  readonly statementIndex?: number;
  readonly sid?: string;
  /**
   * For a policy linted where it lives in a source (a Terraform plan, a CloudFormation template): the
   * resource address or logical id that holds it, and for a policy held in a JSON string, the position
   * inside that string (line/column above are positions in the source file itself).
   */
  readonly address?: string;
  readonly inString?: { readonly line: number; readonly column: number };
}

/** The waiver that accepted a finding. */
export interface AppliedWaiver {
  readonly owner: string;
  readonly reason: string;
  /** `YYYY-MM-DD`, last day the waiver holds. */
  readonly expires: string;
}

/** One problem in one policy document. `code` is stable: waivers and CI gates match on it. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  /** One lowercase line; user input in backticks. */
  readonly message: string;
  /** How to fix it. */
  readonly fix?: string;
  readonly location: LintLocation;
  readonly waived?: AppliedWaiver;
}
