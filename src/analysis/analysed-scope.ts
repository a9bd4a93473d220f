import { catalogData } from '../catalog';
import type { ActionBlock } from '../model';
import { admitsAction } from './action-match';

/**
 * Actions a statement admits that the analysis never decides (services the catalog names but does not describe
 * in full: `s3:GetObject`, most of EC2), the first `limit` in catalog order. A statement that admits one can
 * matter for requests the analysis does not look at, so it is never called dead, shadowed or redundant.
 */
export function unanalysedActionsOf(block: ActionBlock, analysed: ReadonlySet<string>, limit = 3): string[] {
  const out: string[] = [];
  // A listed pattern with a plain service prefix can only match actions of that service.
  const services = block.negated || block.patterns.some((p) => !/^[a-z0-9-]+:/i.test(p)) ? Object.keys(catalogData.actionNames) : [...new Set(block.patterns.map((p) => p.slice(0, p.indexOf(':')).toLowerCase()))];
  for (const service of services) {
    for (const name of catalogData.actionNames[service] ?? []) {
      const action = `${service}:${name}`;
      const lower = action.toLowerCase();
      if (analysed.has(lower) || !admitsAction(block, lower)) continue;
      out.push(action);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
