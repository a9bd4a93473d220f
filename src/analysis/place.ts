import type { Determining } from '../model';

/** A deciding statement or layer as reports name it: `policies/identity/x.json:12 (Sid X)`. */
export interface Place {
  readonly policy: string;
  readonly kind: string;
  readonly level?: number;
  readonly file?: string;
  readonly line?: number;
  readonly statementIndex?: number;
  readonly sid?: string;
  readonly effect?: 'Allow' | 'Deny';
  /** For an implicit deny: the layer that did not allow. */
  readonly layer?: string;
}

export function placeOf(d: Determining): Place {
  if (d.type === 'layer') return { policy: '', kind: d.layer, layer: d.layer, ...(d.level !== undefined ? { level: d.level } : {}) };
  if (d.type === 'cross-account') return { policy: '', kind: 'cross-account', layer: `resource account ${d.crossAccount.resourceAccount}` };
  const s = d.statement;
  return {
    policy: s.policy,
    kind: s.kind,
    ...(s.level !== undefined ? { level: s.level } : {}),
    ...(s.source.file !== undefined ? { file: s.source.file } : {}),
    ...(s.source.line !== undefined ? { line: s.source.line } : {}),
    statementIndex: s.statementIndex,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
  };
}

/** One line: `policies/identity/x.json:12 statement 1 (Sid X, Deny)`, or `no Allow in the SCPs at level 1`. */
export function placeText(p: Place): string {
  if (p.kind === 'cross-account') return `cross-account: no Allow of the ${p.layer} (no resource-based policy is modelled)`;
  if (p.layer !== undefined) return `no Allow in the ${layerWords(p.layer)}${p.level !== undefined ? ` at level ${p.level}` : ''}`;
  const where = `${p.file ?? p.policy}${p.line !== undefined ? `:${p.line}` : ''}`;
  return `${where} statement ${p.statementIndex ?? '?'}${p.sid !== undefined ? ` (Sid ${p.sid}, ${p.effect})` : ` (${p.effect})`}`;
}

function layerWords(layer: string): string {
  return layer === 'identity' ? 'identity policies' : layer === 'boundary' ? 'permissions boundary' : layer === 'session' ? 'session policies' : 'SCPs';
}
