import type { Request } from '../model';

/** Values of a context key: undefined when the key is absent. An empty array is present but has no values. */
export function contextValues(request: Request, keyLower: string): readonly string[] | undefined {
  const v = request.context.get(keyLower);
  if (v === undefined) return undefined;
  return typeof v === 'string' ? [v] : v;
}
