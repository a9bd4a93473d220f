/** Context values are strings; multivalued keys (aws:TagKeys) carry arrays. */
export type ContextValue = string | readonly string[];

/** A validated request. Only `src/parse` builds these, so the engine can trust every field. */
export interface Request {
  readonly principal: string;
  /** `service:Action` as sent; matching ignores case. */
  readonly action: string;
  /** The resource ARN, or `*` for actions that take no resource. */
  readonly resource: string;
  /** Keys lower-cased (key names ignore case) → value; `keys` keeps the spelling the caller used. */
  readonly context: ReadonlyMap<string, ContextValue>;
  readonly contextKeySpelling: ReadonlyMap<string, string>;
}
