import type { ActionBlock } from '../model';
import { actionMatcher } from '../engine';

/** Whether a statement's Action/NotAction block admits the action: the engine's own matcher (A1–A3), so the two never drift. */
export function admitsAction(block: ActionBlock, actionLower: string): boolean {
  return block.patterns.some((p) => actionMatcher(p)(actionLower)) !== block.negated;
}
