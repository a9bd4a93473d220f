/** Where a piece of policy text came from; shown in every diagnostic and explanation. */
export interface SourceRef {
  /** File the policy was read from, when it came from disk. */
  readonly file?: string;
  /** Policy name as shown to users: the file's base name, or `identity[0]` in a simulate case. */
  readonly policy: string;
  /** Zero-based statement index, when the location is inside a statement. */
  readonly statementIndex?: number;
  readonly sid?: string;
  /** RFC 6901 pointer into the policy document, e.g. `/Statement/1/Condition`. */
  readonly pointer: string;
  /** One-based line and column in the file, when the text is known. */
  readonly line?: number;
  readonly column?: number;
}

/** Human form of a location: `file (statement 2 "DenyProd") at /Statement/2/Action`. */
export function describeSource(ref: SourceRef): string {
  const where = ref.file ?? ref.policy;
  const line = ref.line !== undefined ? `:${ref.line}${ref.column !== undefined ? `:${ref.column}` : ''}` : '';
  const statement =
    ref.statementIndex !== undefined
      ? ` statement ${ref.statementIndex}${ref.sid !== undefined ? ` (Sid \`${ref.sid}\`)` : ''}`
      : '';
  const pointer = ref.pointer !== '' ? ` at ${ref.pointer}` : '';
  return `${where}${line}${statement}${pointer}`;
}
