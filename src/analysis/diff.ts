import type { ContextValue } from '../model';
import type { PolicyStore } from '../load/store-types';
import { buildClassSpace, classesOf, contextRecord, representative, RequestCursor, type Hints, type Side } from './request-classes';
import { decideOn, sameAccess, type Decided, type Outcome } from './decide';
import { placeOf, placeText, type Place } from './place';
import { sideOf, analysedActions, storeHints } from './sides';
import { applyChanges, changeText, storeChanges, type ChangeUnit, type StatementUnit } from './store-changes';

/** A concrete request as reports and `simulate` cases show it. */
export interface ConcreteRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, ContextValue>>;
}

/** One class whose decision differs between the two revisions. */
export interface ClassChange {
  readonly principal: string;
  readonly action: string;
  /** Coordinates of the class in its space (stable for one pair of revisions). */
  readonly class: string;
  readonly request: ConcreteRequest;
  readonly before: Outcome;
  readonly after: Outcome;
  readonly beforeDetermining: readonly Place[];
  readonly afterDetermining: readonly Place[];
  readonly newAllow: boolean;
  /** For a new allow: the smallest change of the diff that opens it (alone when `causeAlone`). */
  readonly cause?: readonly string[];
  readonly causeAlone?: boolean;
  /** Why this class may stand for requests that decide differently; empty = exact. */
  readonly approximate: readonly string[];
}

export interface DiffResult {
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  /** Classes decided on both sides. */
  readonly classes: number;
  /** New allows first, then the other changes; by principal, action. */
  readonly changes: readonly ClassChange[];
  /** Every edit found between the revisions. */
  readonly edits: readonly string[];
}

export interface DiffOptions {
  /** Principal names (default: every principal of either side). */
  readonly principals?: readonly string[];
  readonly actions?: readonly string[];
  readonly hints?: Hints;
}

/** Every principal of either revision, sorted: the unit `--shard` splits. */
export function diffPrincipals(base: PolicyStore, head: PolicyStore): string[] {
  return [...new Set([...base.principals.keys(), ...head.principals.keys()])].sort();
}

const NO_PRINCIPAL: Decided = { outcome: 'NoSuchPrincipal', determining: [] };

const request = (r: ReturnType<typeof representative>): ConcreteRequest => ({ principal: r.principal, action: r.action, resource: r.resource, context: contextRecord(r) });

/**
 * Compares two revisions of a store over every class of every principal × action: every class whose
 * decision changed, new allows first, each with one concrete request, the deciding statements on each
 * side, and for a new allow the smallest change that opens it.
 */
export function diffStores(base: PolicyStore, head: PolicyStore, options: DiffOptions = {}): DiffResult {
  const principals = options.principals ?? diffPrincipals(base, head);
  const actions = options.actions ?? analysedActions();
  const hints = options.hints ?? storeHints(base, head);
  const units = storeChanges(base, head);
  const changes: ClassChange[] = [];
  let classes = 0;
  for (const name of principals) {
    const b = base.principals.get(name);
    const h = head.principals.get(name);
    const before = b ? sideOf(base, b) : undefined;
    const after = h ? sideOf(head, h) : undefined;
    const sides = [before, after].filter((s): s is Side => s !== undefined);
    if (sides.length === 0) continue;
    const causes = new Map<string, { cause: string[]; alone: boolean }>();
    for (const action of actions) {
      const space = buildClassSpace(action, sides, hints);
      const cb = before ? new RequestCursor(space, before) : undefined;
      const ca = after ? new RequestCursor(space, after) : undefined;
      for (const c of classesOf(space)) {
        classes++;
        const db = cb ? decideOn(before, cb.at(c.coords)) : NO_PRINCIPAL;
        const da = ca ? decideOn(after, ca.at(c.coords)) : NO_PRINCIPAL;
        if (sameAccess(db.outcome, da.outcome)) continue;
        const rb = before ? representative(space, c.coords, before) : undefined;
        const ra = after ? representative(space, c.coords, after) : undefined;
        const newAllow = da.outcome === 'Allowed';
        const shown = request(ra ?? rb!);
        let cause: { cause: string[]; alone: boolean } | undefined;
        if (newAllow && ra) {
          const groupKey = `${action}|${db.outcome}|${da.determining.map((d) => placeText(placeOf(d))).join(';')}`;
          cause = causes.get(groupKey);
          if (!cause) causes.set(groupKey, (cause = causeOf(base, head, units, name, ra, da)));
        }
        changes.push({
          principal: name,
          action,
          class: c.id,
          request: shown,
          before: db.outcome,
          after: da.outcome,
          beforeDetermining: db.determining.map(placeOf),
          afterDetermining: da.determining.map(placeOf),
          newAllow,
          ...(cause ? { cause: cause.cause, causeAlone: cause.alone } : {}),
          approximate: space.approximate,
        });
      }
    }
  }
  changes.sort((x, y) => Number(y.newAllow) - Number(x.newAllow) || x.principal.localeCompare(y.principal) || x.action.localeCompare(y.action) || x.class.localeCompare(y.class, 'en', { numeric: true }));
  return { principals, actions, classes, changes, edits: units.map(changeText) };
}

/** Units ordered smallest first: one statement, then a policy, then a principal. */
const weight = (u: ChangeUnit): number => ('principal' in u ? 2 : u.kind.startsWith('statement') ? 0 : 1);

/**
 * The smallest change that opens a new allow: the first unit that, applied alone to the base, allows the
 * request. When none does alone, the changed statements that decide it on the head side, together.
 */
function causeOf(base: PolicyStore, head: PolicyStore, units: readonly ChangeUnit[], name: string, req: ReturnType<typeof representative>, after: Decided): { cause: string[]; alone: boolean } {
  for (const u of [...units].sort((a, b) => weight(a) - weight(b))) {
    const hybrid = applyChanges(base, head, [u]);
    const p = hybrid.principals.get(name);
    if (!p) continue;
    let side: Side;
    try {
      side = sideOf(hybrid, p);
    } catch {
      continue; // the unit names a policy only another unit adds
    }
    if (decideOn(side, { ...req, principal: side.principalArn }).outcome === 'Allowed') return { cause: [changeText(u)], alone: true };
  }
  const deciding = new Set(after.determining.flatMap((d) => (d.type === 'statement' ? [`${d.statement.policy}#${d.statement.statementIndex}`] : [])));
  const related = units.filter((u) => {
    if ('principal' in u) return u.principal === name;
    if (!u.kind.startsWith('statement')) return after.determining.some((d) => d.type === 'statement' && d.statement.policy === u.policy);
    const s = (u as StatementUnit).head ?? (u as StatementUnit).base!;
    return deciding.has(`${u.policy}#${s.index}`) || u.kind === 'statement-removed';
  });
  return { cause: (related.length > 0 ? related : units).map(changeText), alone: false };
}
