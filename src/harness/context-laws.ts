import * as fc from 'fast-check';
import { conditionKeyType } from '../catalog';
import { networkContains, readBool, readDate, readIpNetwork, type IpNetwork } from '../model';
import type { PolicyStore, StoredPrincipal } from '../load/store-types';
import { instant, sourceIp } from './arbitraries';
import type { Call } from './call';
import { contextKeyProblem } from './context-values';
import { decisive, evaluate, type Evaluation } from './evaluate';
import { meets, type Expectation } from './expectation';
import { HarnessInputError } from './harness-error';
import { splitList } from './principal-selection';
import { runLaw, type PropertyOptions, type PropertyOutcome } from './property-run';
import { AWS_REGIONS, checkRegion } from './regions';
import type { ScenarioSettings } from './scenario-settings';

/** `<key> outside <values>` or `<key> in <values>`: one context key held to (or kept out of) a set of values. */
export interface ContextConstraint {
  readonly key: string;
  readonly mode: 'in' | 'outside';
  readonly values: readonly string[];
}

/** The keys a context property can vary, with how the scenario fixes each. */
const VARIABLE_KEYS = ['aws:SourceIp', 'aws:MultiFactorAuthPresent', 'aws:SecureTransport', 'aws:CurrentTime', 'aws:RequestedRegion'] as const;
type VariableKey = (typeof VARIABLE_KEYS)[number];

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function ipv4Networks(key: string, values: readonly string[]): IpNetwork[] {
  return values.map((v) => {
    const n = readIpNetwork(v);
    if (n === undefined) throw new HarnessInputError(`\`${v}\` is not an IP address or CIDR block for \`${key}\`; write e.g. \`10.20.0.0/16\``);
    if (n.version !== 4) throw new HarnessInputError(`\`${v}\`: the harness generates IPv4 addresses only; constrain \`${key}\` with IPv4 blocks`);
    return n;
  });
}

/**
 * Parses `aws:SourceIp outside 10.20.0.0/16 and 198.51.100.0/24` and checks the key against the catalog for
 * the actions asked about and the values against the key's type.
 */
export function parseConstraint(text: string, actions: readonly string[]): ContextConstraint {
  const m = /^(\S+) (outside|in) (.+)$/.exec(text.trim());
  if (!m) throw new HarnessInputError(`\`${text}\` is not a constraint: write \`<key> outside <values>\` or \`<key> in <values>\``);
  const key = m[1]!;
  const problems = actions.map((a) => contextKeyProblem(key, a));
  if (problems.length > 0 && problems.every((p) => p !== undefined)) throw new HarnessInputError(problems[0]!);
  const values = splitList(m[3]!);
  const type = conditionKeyType(key)?.replace(/^ArrayOf/, '');
  if (type === 'IPAddress') ipv4Networks(key, values);
  if (type === 'Bool') for (const v of values) if (readBool(v) === undefined) throw new HarnessInputError(`\`${v}\` is not a value of \`${key}\`: write \`true\` or \`false\``);
  if (type === 'Date') for (const v of values) if (readDate(v) === undefined) throw new HarnessInputError(`\`${v}\` is not a time: write ISO 8601 in UTC, e.g. \`2026-11-24T10:00:00Z\``);
  if (same(key, 'aws:RequestedRegion')) values.forEach(checkRegion);
  return { key, mode: m[2] as 'in' | 'outside', values };
}

function ipv4Text(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * Addresses the store's own IP conditions talk about: the first, last and a middle address of each block, and
 * the neighbours just outside. Random IPv4 addresses almost never land in a /24, so without these a property
 * would pass without ever trying the networks the policies single out.
 */
export function storeAddresses(store: PolicyStore): string[] {
  const out = new Set<string>();
  for (const policy of store.policies.values()) {
    for (const st of policy.statements) {
      for (const c of st.conditions) {
        if (conditionKeyType(c.key)?.replace(/^ArrayOf/, '') !== 'IPAddress') continue;
        for (const v of c.values) {
          const n = readIpNetwork(v.raw);
          if (!n || n.version !== 4) continue;
          const size = 2 ** (32 - n.prefix);
          const low = Number((n.address >> BigInt(32 - n.prefix)) << BigInt(32 - n.prefix));
          for (const a of [low - 1, low, low + Math.floor(size / 2), low + size - 1, low + size]) if (a >= 0 && a < 2 ** 32) out.add(ipv4Text(a));
        }
      }
    }
  }
  return [...out];
}

/** Addresses inside one of the blocks, or outside all of them (boundary neighbours and the store's addresses included). */
function addresses(c: ContextConstraint, known: readonly string[]): fc.Arbitrary<string> {
  const nets = ipv4Networks(c.key, c.values);
  const inside = (ip: string): boolean => nets.some((n) => networkContains(n, readIpNetwork(ip)!));
  if (c.mode === 'in') {
    return fc.tuple(fc.constantFrom(...nets), fc.nat()).map(([n, r]) => {
      const size = 2 ** (32 - n.prefix);
      return ipv4Text(Number((n.address >> BigInt(32 - n.prefix)) << BigInt(32 - n.prefix)) + (r % size));
    });
  }
  const neighbours = nets.flatMap((n) => {
    const low = Number((n.address >> BigInt(32 - n.prefix)) << BigInt(32 - n.prefix));
    return [low - 1, low + 2 ** (32 - n.prefix)].filter((x) => x >= 0 && x < 2 ** 32).map(ipv4Text);
  });
  neighbours.push(...known.filter((a) => !inside(a)));
  return fc.oneof(fc.ipV4(), ...(neighbours.length > 0 ? [fc.constantFrom(...neighbours)] : [])).filter((ip) => !inside(ip));
}

/**
 * Values the store gives `key`: literals of conditions on it, and for a tag key the tags of the principals and
 * resources, so "outside payments" tries `orders` and not only random text.
 */
export function storeValues(store: PolicyStore, key: string): string[] {
  const lower = key.toLowerCase();
  const out = new Set<string>();
  for (const policy of store.policies.values())
    for (const st of policy.statements)
      for (const c of st.conditions) if (c.keyLower === lower) for (const v of c.values) if (!v.hasVariables) out.add(v.raw);
  const tag = /^aws:(principaltag|resourcetag|requesttag)\/(.+)$/.exec(lower);
  if (tag) {
    const sources = tag[1] === 'principaltag' ? [...store.principals.values()].map((p) => p.tags) : [...store.resources.values()].map((r) => r.tags);
    for (const tags of sources) for (const [k, v] of Object.entries(tags)) if (k.toLowerCase() === tag[2]) out.add(v);
  }
  return [...out];
}

/** Values of a string-like key: the listed ones, or anything else (other letter cases and the store's values included). */
function strings(c: ContextConstraint, known: readonly string[]): fc.Arbitrary<string> {
  if (c.mode === 'in') return fc.constantFrom(...c.values);
  const near = [...known, ...c.values.flatMap((v) => [v.toUpperCase(), v.toLowerCase(), `${v} `, `${v}x`])];
  return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...near, '')).filter((v) => !c.values.includes(v));
}

function booleans(c: ContextConstraint): fc.Arbitrary<boolean> {
  const listed = c.values.map((v) => readBool(v)!);
  const pool = [true, false].filter((b) => listed.includes(b) === (c.mode === 'in'));
  if (pool.length === 0) throw new HarnessInputError(`\`${c.key} outside ${c.values.join(', ')}\` leaves no value to try`);
  return fc.constantFrom(...pool);
}

/** One generated context: settings for the variable keys, plus an override for a constrained service key. */
interface Variation {
  readonly settings: ScenarioSettings;
}

export interface ContextLaw {
  readonly principal: StoredPrincipal;
  /** The calls of one operation (CreateBroker makes several); the decisive evaluation is judged. */
  readonly calls: readonly Call[];
  /** `never allowed`, or an expected outcome such as `explicitly denied by deny-outside-ci-network`. */
  readonly expect: { readonly kind: 'never-allowed' } | { readonly kind: 'outcome'; readonly expectation: Expectation };
  readonly constraint?: ContextConstraint;
}

/** Which variable keys this property varies: those the scenario did not fix, plus the constrained one. */
export function variedKeys(settings: ScenarioSettings, calls: readonly Call[], constraint?: ContextConstraint): { varied: VariableKey[]; kept: VariableKey[] } {
  const fixed = settings.fixed ?? new Set<string>();
  const applies = (k: VariableKey): boolean => k !== 'aws:RequestedRegion' || calls.some((c) => c.resource === '*');
  const varied = VARIABLE_KEYS.filter((k) => applies(k) && ((constraint !== undefined && same(constraint.key, k)) || !fixed.has(k.toLowerCase())));
  return { varied, kept: VARIABLE_KEYS.filter((k) => applies(k) && !varied.includes(k)) };
}

function variations(store: PolicyStore, settings: ScenarioSettings, calls: readonly Call[], constraint: ContextConstraint | undefined): fc.Arbitrary<Variation> {
  const known = storeAddresses(store);
  const { varied } = variedKeys(settings, calls, constraint);
  const on = (k: VariableKey): boolean => varied.includes(k);
  const mine = (k: string): ContextConstraint | undefined => (constraint !== undefined && same(constraint.key, k) ? constraint : undefined);
  const ip = mine('aws:SourceIp');
  const mfa = mine('aws:MultiFactorAuthPresent');
  const tls = mine('aws:SecureTransport');
  const time = mine('aws:CurrentTime');
  const region = mine('aws:RequestedRegion');
  if (region && !calls.some((c) => c.resource === '*')) throw new HarnessInputError('the call names a broker or configuration, whose Region is aws:RequestedRegion: constrain the Region of a call without resource');
  const service = constraint !== undefined && !VARIABLE_KEYS.some((k) => same(k, constraint.key)) ? constraint : undefined;
  return fc
    .record({
      ip: ip ? addresses(ip, known).map((a): string | null => a) : on('aws:SourceIp') ? (known.length > 0 ? fc.oneof(sourceIp(), fc.constantFrom(...known)) : sourceIp()) : fc.constant(undefined),
      mfa: mfa ? booleans(mfa).map((b): boolean | undefined => b) : on('aws:MultiFactorAuthPresent') ? fc.constantFrom<boolean | undefined>(true, false, undefined) : fc.constant(undefined),
      tls: tls ? booleans(tls) : on('aws:SecureTransport') ? fc.boolean() : fc.constant(undefined),
      time: time ? (time.mode === 'in' ? fc.constantFrom(...time.values) : instant().filter((t) => !time.values.includes(t))) : on('aws:CurrentTime') ? instant() : fc.constant(undefined),
      region: region ? (region.mode === 'in' ? fc.constantFrom(...region.values) : fc.constantFrom(...AWS_REGIONS.filter((r) => !region.values.includes(r)))) : on('aws:RequestedRegion') ? fc.constantFrom(...AWS_REGIONS) : fc.constant(undefined),
      value: service ? strings(service, storeValues(store, service.key)) : fc.constant(undefined),
    })
    .map(({ ip: a, mfa: m, tls: t, time: at, region: r, value }) => {
      const overrides = new Map(settings.overrides);
      if (service && value !== undefined) overrides.set(service.key.toLowerCase(), { key: service.key, value });
      const s: ScenarioSettings = {
        ...settings,
        ...(a !== undefined ? { sourceIp: a } : {}),
        ...(m !== undefined ? { mfa: m } : {}),
        ...(t !== undefined ? { secureTransport: t } : {}),
        ...(at !== undefined ? { currentTime: at } : {}),
        ...(r !== undefined ? { region: r } : {}),
        overrides,
      };
      return { settings: s };
    });
}

function describeVaried(settings: ScenarioSettings, calls: readonly Call[], c: ContextConstraint | undefined): string {
  const { varied, kept } = variedKeys(settings, calls, c);
  const words = varied.map((k) => (c !== undefined && same(c.key, k) ? `${k} (${c.mode} ${c.values.join(', ')})` : k));
  if (c !== undefined && !VARIABLE_KEYS.some((k) => same(k, c.key))) words.push(`${c.key} (${c.mode} ${c.values.join(', ')})`);
  return `varied ${words.join(', ') || 'nothing'}${kept.length > 0 ? `; kept as the scenario set them: ${kept.join(', ')}` : ''}`;
}

/**
 * "For any request context [with <constraint>], …": varies every context key the scenario did not set (within
 * the constraint for the constrained key) and checks the law on the decisive evaluation of the calls.
 */
export function forAnyContext(store: PolicyStore, law: ContextLaw, settings: ScenarioSettings, options: PropertyOptions): PropertyOutcome {
  const holds = (e: Evaluation): boolean => (law.expect.kind === 'never-allowed' ? !(e.result.kind === 'decision' && e.result.decision === 'Allowed') : meets(e, law.expect.expectation));
  const why = law.expect.kind === 'never-allowed' ? `${law.principal.name} is allowed` : `not ${law.expect.expectation.text}`;
  const outcome = runLaw(
    variations(store, settings, law.calls, law.constraint),
    ({ settings: s }) => {
      const e = decisive(law.calls.map((c) => evaluate(store, law.principal, c, s)));
      return holds(e) ? { holds: true } : { holds: false, evaluation: e, why };
    },
    options,
  );
  const varied = describeVaried(settings, law.calls, law.constraint);
  const [first, ...rest] = outcome.message.split('\n');
  return { ...outcome, message: [`${first}; ${varied}`, ...rest].join('\n') };
}
