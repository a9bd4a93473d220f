import type { Tags } from './store-types';

/** Tags of a session: the role's, with session tags replacing role tags of the same key (keys ignore case). */
export function mergeTags(base: Tags, overrides: Tags): Tags {
  const out: Record<string, string> = {};
  const overridden = new Set(Object.keys(overrides).map((k) => k.toLowerCase()));
  for (const [k, v] of Object.entries(base)) if (!overridden.has(k.toLowerCase())) out[k] = v;
  return { ...out, ...overrides };
}
