import type { ContextValue } from '../model';
import type { Tags } from '../load/store-types';

/**
 * What a scenario sets about the call besides principal and action. Everything has a fixed default
 * so the same scenario always builds the same request (no clock, no randomness).
 */
export interface ScenarioSettings {
  /** `aws:CurrentTime` (ISO 8601, UTC); `aws:EpochTime` follows it. */
  readonly currentTime: string;
  /** `aws:SourceIp`; `null` = the call came through a VPC endpoint (no public address); undefined = the principal's usual address. */
  readonly sourceIp?: string | null;
  /** MFA on the credentials; undefined = as the principal is defined in principals.yaml. */
  readonly mfa?: boolean;
  readonly secureTransport: boolean;
  /** `aws:RequestedRegion` for calls whose resource does not fix it (`*`); undefined = the default Region. */
  readonly region?: string;
  /** Extra principal tags (session tags for this scenario); they replace tags of the same key. */
  readonly principalTags: Tags;
  /** Context keys set (or removed, with `null`) after everything else: the scenario has the last word. */
  readonly overrides: ReadonlyMap<string, { readonly key: string; readonly value: ContextValue | null; readonly at?: string }>;
  /** Context keys (lower-case) the scenario fixed; property steps vary only the others. */
  readonly fixed?: ReadonlySet<string>;
  /** Policy names swapped for this scenario (`deny-production-changes` → `deny-production-changes-documented`). */
  readonly replacements: ReadonlyMap<string, string>;
}

export const DEFAULT_REGION = 'eu-west-1';

export const DEFAULT_SETTINGS: ScenarioSettings = {
  currentTime: '2026-11-24T10:00:00Z',
  secureTransport: true,
  principalTags: {},
  overrides: new Map(),
  replacements: new Map(),
};
