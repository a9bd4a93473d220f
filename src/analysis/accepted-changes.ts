import type { ClassChange } from './diff';

/**
 * One entry of `policies/accepted-changes.yaml`: a new access someone accepted on purpose, who, why and
 * until when (like lint waivers: an expired entry accepts nothing and is itself reported).
 * `principal`, `action` and `resource` may use `*` wildcards; `resource` defaults to every resource.
 */
export interface AcceptedChange {
  readonly principal: string;
  readonly action: string;
  readonly resource?: string;
  readonly owner: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: the last day the acceptance holds. */
  readonly expires: string;
  /** Where the entry is (`/accepted/0`). */
  readonly at: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads decoded YAML: `{accepted: [...]}` or a bare list. Problems name the entry and the fix. */
export function readAcceptedChanges(value: unknown): { entries: AcceptedChange[]; problems: string[] } {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.accepted) ? value.accepted : value === null || value === undefined ? [] : undefined;
  if (list === undefined) return { entries: [], problems: ['the file must hold a list of accepted changes, or `accepted:` followed by one'] };
  const base = Array.isArray(value) ? '' : '/accepted';
  const entries: AcceptedChange[] = [];
  list.forEach((entry: unknown, i: number) => {
    const at = `${base}/${i}`;
    if (!isObject(entry)) return void problems.push(`${at}: entry ${i} is not a mapping`);
    const text = (k: string): string | undefined => (typeof entry[k] === 'string' && entry[k] !== '' ? (entry[k] as string) : undefined);
    const unknown = Object.keys(entry).filter((k) => !['principal', 'action', 'resource', 'owner', 'reason', 'expires'].includes(k));
    if (unknown.length > 0) return void problems.push(`${at}: unknown field \`${unknown[0]}\` (fields: principal, action, resource, owner, reason, expires)`);
    const expires = entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : text('expires');
    const missing = ['principal', 'action', 'owner', 'reason'].filter((k) => text(k) === undefined);
    if (missing.length > 0) return void problems.push(`${at}: entry ${i} lacks ${missing.map((m) => `\`${m}\``).join(', ')}`);
    if (expires === undefined || !DATE.test(expires) || Number.isNaN(Date.parse(expires))) return void problems.push(`${at}: entry ${i} needs \`expires\` as a date \`YYYY-MM-DD\``);
    entries.push({ principal: text('principal')!, action: text('action')!, ...(text('resource') !== undefined ? { resource: text('resource')! } : {}), owner: text('owner')!, reason: text('reason')!, expires, at });
  });
  return { entries, problems };
}

function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*')}$`, ignoreCase ? 'i' : '');
  return re.test(value);
}

/** The live entry that accepts a new allow, if any. */
export function acceptanceOf(change: ClassChange, entries: readonly AcceptedChange[], today: string): AcceptedChange | undefined {
  return entries.find((e) => e.expires >= today && glob(e.principal, change.principal, false) && glob(e.action, change.action, true) && (e.resource === undefined || glob(e.resource, change.request.resource, false)));
}
