import type { JsonPosition } from '../parse';
import type { Finding } from './finding';
import { locate } from './context';
import { RULES } from './rules';

/** One entry of `policies/waivers.yaml`: which finding, where, who accepted it, why, until when. */
export interface Waiver {
  readonly code: string;
  readonly file: string;
  readonly sid?: string;
  readonly statement?: number;
  readonly pointer?: string;
  readonly line?: number;
  readonly owner: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: the last day the waiver holds. */
  readonly expires: string;
  /** Where the entry is in the waivers file, for findings about the waiver itself. */
  readonly at: string;
}

export interface WaiverSet {
  readonly waivers: readonly Waiver[];
  /** Problems with the waivers file (malformed entries). */
  readonly findings: readonly Finding[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads decoded waiver data: `{waivers: [...]}` or a bare list. */
export function readWaivers(file: string, value: unknown, positions: ReadonlyMap<string, JsonPosition>): WaiverSet {
  const findings: Finding[] = [];
  const bad = (pointer: string, message: string): void => {
    findings.push({ code: 'invalid-waiver', severity: 'error', message, fix: 'each waiver needs `code`, `file`, `owner`, `reason` and `expires: YYYY-MM-DD`; optionally `sid`, `statement`, `pointer` or `line`', location: locate(file, positions, pointer) });
  };
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.waivers) ? value.waivers : value === null || value === undefined ? [] : undefined;
  const base = Array.isArray(value) ? '' : '/waivers';
  if (list === undefined) {
    bad('', 'the waivers file must hold a list of waivers, or `waivers:` followed by one');
    return { waivers: [], findings };
  }
  const waivers: Waiver[] = [];
  list.forEach((entry: unknown, i: number) => {
    const at = `${base}/${i}`;
    if (!isObject(entry)) return bad(at, `waiver ${i} is not a mapping`);
    const text = (k: string): string | undefined => (typeof entry[k] === 'string' && entry[k] !== '' ? (entry[k] as string) : undefined);
    const expires = entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : text('expires');
    const missing = ['code', 'file', 'owner', 'reason'].filter((k) => text(k) === undefined);
    if (missing.length > 0) return bad(at, `waiver ${i} lacks ${missing.map((m) => `\`${m}\``).join(', ')}`);
    if (expires === undefined || !DATE.test(expires) || Number.isNaN(Date.parse(expires))) return bad(`${at}/expires`, `waiver ${i} needs \`expires\` as a date \`YYYY-MM-DD\``);
    if (RULES[text('code')!] === undefined) return bad(`${at}/code`, `waiver ${i} names unknown finding code \`${text('code')}\``);
    const num = (k: string): number | undefined => (typeof entry[k] === 'number' ? (entry[k] as number) : undefined);
    waivers.push({
      code: text('code')!,
      file: normalise(text('file')!),
      ...(text('sid') !== undefined ? { sid: text('sid')! } : {}),
      ...(num('statement') !== undefined ? { statement: num('statement')! } : {}),
      ...(text('pointer') !== undefined ? { pointer: text('pointer')! } : {}),
      ...(num('line') !== undefined ? { line: num('line')! } : {}),
      owner: text('owner')!,
      reason: text('reason')!,
      expires,
      at,
    });
  });
  return { waivers, findings };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function normalise(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

function matches(w: Waiver, f: Finding): boolean {
  const loc = f.location;
  return (
    w.code === f.code &&
    w.file === normalise(loc.file) &&
    (w.sid === undefined || w.sid === loc.sid) &&
    (w.statement === undefined || w.statement === loc.statementIndex) &&
    (w.pointer === undefined || w.pointer === loc.pointer) &&
    (w.line === undefined || w.line === loc.line)
  );
}

/**
 * Marks the findings a live waiver accepts. An expired waiver accepts nothing and is itself an error; a waiver
 * that matches nothing is a warning (it hides nothing, and probably names a stale location) — but only when its
 * file was linted in this run: linting one file says nothing about the waivers of the others; nor does a run
 * that skipped a check (`notChecked`) about the waivers of its codes.
 */
export function applyWaivers(findings: readonly Finding[], set: WaiverSet, waiversFile: string, positions: ReadonlyMap<string, JsonPosition>, today: string, linted?: ReadonlySet<string>, notChecked?: ReadonlySet<string>): Finding[] {
  const used = new Set<Waiver>();
  const out = findings.map((f) => {
    if (f.code.endsWith('-waiver') || f.code === 'waiver-expired') return f;
    const w = set.waivers.find((x) => x.expires >= today && matches(x, f));
    if (!w) return f;
    used.add(w);
    return { ...f, waived: { owner: w.owner, reason: w.reason, expires: w.expires } };
  });
  for (const w of set.waivers) {
    const where = locate(waiversFile, positions, w.at);
    if (w.expires < today) {
      out.push({ code: 'waiver-expired', severity: 'error', message: `the waiver of \`${w.code}\` in \`${w.file}\` (owner ${w.owner}) expired on ${w.expires}`, fix: 'fix the finding and delete the waiver, or renew it with a new expiry date', location: where });
    } else if (!used.has(w) && (linted === undefined || linted.has(w.file)) && !notChecked?.has(w.code) && !findings.some((f) => matches(w, f))) {
      out.push({ code: 'unused-waiver', severity: 'warning', message: `the waiver of \`${w.code}\` in \`${w.file}\` matches no finding`, fix: 'delete it, or correct its location', location: where });
    }
  }
  return [...out, ...set.findings];
}
