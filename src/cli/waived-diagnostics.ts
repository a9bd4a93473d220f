import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalise, readWaivers } from '../lint/waivers';
import { readDocument } from '../load';
import type { StoreDiagnostic } from '../load/store-types';

/**
 * Store warnings that a live waiver in `waivers.yaml` accepts are not printed on every run: the run counts
 * them and the reports list them. Errors are never waived.
 */
/** A store warning that a live waiver accepts, with who accepted it and until when. */
export interface WaivedWarning {
  readonly diagnostic: StoreDiagnostic;
  readonly owner: string;
  readonly expires: string;
}

export function splitWaived(root: string, diagnostics: readonly StoreDiagnostic[], today: string): { shown: StoreDiagnostic[]; waived: WaivedWarning[] } {
  const file = join(root, 'waivers.yaml');
  const doc = existsSync(file) ? readDocument(readFileSync(file, 'utf8'), 'yaml') : undefined;
  const waivers = doc?.ok ? readWaivers('policies/waivers.yaml', doc.value, doc.positions).waivers : [];
  const shown: StoreDiagnostic[] = [];
  const waived: WaivedWarning[] = [];
  for (const d of diagnostics) {
    const s = d.source;
    const w = d.severity === 'warning'
      ? waivers.find((x) => x.expires >= today && x.code === d.code && s.file !== undefined && normalise(s.file).endsWith(x.file) && (x.sid === undefined || x.sid === s.sid) && (x.statement === undefined || x.statement === s.statementIndex))
      : undefined;
    if (w) waived.push({ diagnostic: d, owner: w.owner, expires: w.expires });
    else shown.push(d);
  }
  return { shown, waived };
}
