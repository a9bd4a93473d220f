import { closest, conditionKeyType, conditionKeysOfAction, findAction, isRequestWideKey, keyMatchesTemplate, knownConditionKeys } from '../catalog';
import { readBool, readDate, readIpNetwork } from '../model';
import { HarnessInputError } from './harness-error';
import type { ScenarioSettings } from './scenario-settings';

/** ` (features/x.feature:12)` when the step's place is known, so a deferred check still points at its line. */
const at = (where: string | undefined): string => (where !== undefined ? ` (given at ${where})` : '');

/** `aws:SourceIp` holds one address: a CIDR block or anything else is an input error with an example. */
export function checkSourceAddress(text: string): string {
  const net = readIpNetwork(text);
  if (net === undefined) throw new HarnessInputError(`\`${text}\` is not an IP address: write one address such as \`203.0.113.10\` (aws:SourceIp holds the caller's address)`);
  if (text.includes('/')) throw new HarnessInputError(`\`${text}\` is a CIDR block, but aws:SourceIp is one address: write an address inside it, e.g. \`${text.slice(0, text.indexOf('/'))}\``);
  return text;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** `aws:CurrentTime` as AWS writes it: ISO 8601 in UTC, a real calendar date. */
export function checkCurrentTime(text: string): string {
  if (!ISO_UTC.test(text) || readDate(text) === undefined) throw new HarnessInputError(`\`${text}\` is not a time: write ISO 8601 in UTC, e.g. \`2026-11-24T10:00:00Z\``);
  return text;
}

/** The catalog key closest to a misspelt one: a typo, or a known key with words added or cut (`aws:SourceIpAddress`). */
function closestKey(key: string): string | undefined {
  const known = knownConditionKeys().filter((k) => !k.includes('${'));
  const lower = key.toLowerCase();
  return closest(key, known) ?? known.filter((k) => lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)).sort((a, b) => b.length - a.length)[0];
}

/** A key the catalog does not know is an input error where it is given. */
export function checkKnownKey(key: string): void {
  if (conditionKeyType(key) !== undefined) return;
  const guess = closestKey(key);
  throw new HarnessInputError(`unknown context key \`${key}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : ': the catalog has no such global or service key'}`);
}

/** A value set with `the context key … is …` must suit the key's catalog type (Bool, Date, IP address, Numeric). */
export function checkContextValue(key: string, value: string): void {
  checkKnownKey(key);
  const type = conditionKeyType(key)?.replace(/^ArrayOf/, '');
  const bad = (form: string): never => {
    throw new HarnessInputError(`\`${value}\` is not a value of \`${key}\`: it is ${form}`);
  };
  if (type === 'Bool' && readBool(value) === undefined) bad('`true` or `false`');
  if (type === 'Date' && readDate(value) === undefined) bad('a date such as `2026-11-24T10:00:00Z`');
  if (type === 'IPAddress' && (readIpNetwork(value) === undefined || value.includes('/'))) bad('one IP address such as `203.0.113.10`, not a CIDR block');
  if (type === 'Numeric' && !/^-?\d+(?:\.\d+)?$/.test(value)) bad('a number');
}

/**
 * Why `key` cannot be in a request for `action`, or undefined when it can: the catalog does not know the key,
 * or it is neither request-wide nor one of the action's keys (its resource types' included).
 */
export function contextKeyProblem(key: string, action: string): string | undefined {
  if (conditionKeyType(key) === undefined) {
    const guess = closestKey(key);
    return `unknown context key \`${key}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : ''}`;
  }
  if (isRequestWideKey(key)) return undefined;
  const known = findAction(action);
  const keys = known ? conditionKeysOfAction(known) : undefined;
  if (keys === undefined || keys.some((t) => keyMatchesTemplate(key, t))) return undefined;
  const guess = closest(key, keys);
  const own = keys.length > 0 ? `the global keys and ${keys.map((k) => `\`${k}\``).join(', ')}` : 'only the global keys';
  return `the context key \`${key}\` is never in a request for \`${action}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : `: it carries ${own}`}`;
}

/** Every key the scenario set must fit at least one of the actions the step asks about. */
export function checkContextKeys(settings: ScenarioSettings, actions: readonly string[]): void {
  for (const o of settings.overrides.values()) {
    const problems = actions.map((a) => contextKeyProblem(o.key, a));
    if (actions.length > 0 && problems.every((p) => p !== undefined)) throw new HarnessInputError(`${problems[0]}${at(o.at)}`);
  }
}
