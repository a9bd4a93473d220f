import type { JsonPosition } from '../parse';
import type { ManagedPolicyLookup } from '../load/managed-policies';

/** Where a value came from in a source file: the file, the resource address or logical id, and a position when known. */
export interface Origin {
  /** The source file as the user named it (`plan.json`). */
  readonly file: string;
  /** Terraform resource address, CloudFormation logical id, or an IAM entity (`RoleDetailList[2]`). */
  readonly address: string;
  /** RFC 6901 pointer into the decoded source file. */
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * Maps a pointer inside a policy document to where that text sits in the source file. For a policy held as
 * a JSON string (Terraform `policy`, a URL-encoded account document) `inString` is the position inside the
 * string's own text; `line`/`column` are always positions in the source file itself.
 */
export interface PolicyLocation {
  readonly line?: number;
  readonly column?: number;
  readonly inString?: JsonPosition;
}

/** A policy document found in a source, with everything needed to name it and point back at it. */
export interface EstatePolicy {
  /** The policy's IAM name (policy name, inline policy name); the store may qualify it on a collision. */
  readonly name: string;
  /** Who owns an inline policy (`role Operator`), used to qualify its name if two inline policies collide. */
  readonly owner?: string;
  readonly use: 'identity' | 'boundary' | 'scp' | 'trust';
  readonly document: unknown;
  readonly origin: Origin;
  /** Source locations of the document's values, by pointer inside the document. */
  readonly locate?: (pointer: string) => PolicyLocation | undefined;
  /** `arn:aws:iam::aws:policy/…` for an AWS managed policy, with the version the data holds. */
  readonly managed?: { readonly arn: string; readonly version: string; readonly data: string };
}

export interface EstateGroup {
  readonly name: string;
  readonly path: string;
  /** Keys into `Estate.policies`. */
  readonly policies: string[];
  readonly origin: Origin;
}

export interface EstateUser {
  readonly name: string;
  readonly path: string;
  readonly id?: string;
  readonly groups: string[];
  readonly policies: string[];
  boundary?: string | undefined;
  readonly tags: Record<string, string>;
  readonly origin: Origin;
}

export interface EstateRole {
  readonly name: string;
  readonly path: string;
  readonly id?: string;
  readonly policies: string[];
  boundary?: string | undefined;
  trust?: string | undefined;
  readonly tags: Record<string, string>;
  readonly origin: Origin;
}

export interface EstateResource {
  readonly kind: 'broker' | 'configuration';
  readonly name: string;
  readonly id: string;
  /** True when the id (and so the ARN) is not known until apply: `id` is then a stable placeholder. */
  readonly placeholderId: boolean;
  readonly region: string;
  readonly account?: string;
  readonly tags: Record<string, string>;
  readonly engine?: string;
  readonly origin: Origin;
}

/** One organization level: root, an OU, the account. `assumedFullAccess` when AWS's default FullAWSAccess is assumed. */
export interface EstateScpLevel {
  readonly name: string;
  readonly target: string;
  readonly policies: string[];
  readonly assumedFullAccess: boolean;
}

/**
 * Something that decides access and could not be read: a policy unknown at plan time, a parameter without
 * a value, an unknown AWS managed policy. Import exits 3 on any of these unless `--allow-unresolved`.
 */
export interface Unresolved {
  readonly what: string;
  readonly why: string;
  readonly origin: Origin;
}

/** Something the reader assumed or chose that a reviewer should know (never a silent choice). */
export interface Note {
  readonly code: string;
  readonly message: string;
  readonly origin?: Origin;
}

/** A source read into IAM terms, before it becomes store files. Readers fill it; `buildStore` turns it into files. */
export interface Estate {
  readonly kind: SourceKind;
  readonly inputs: string[];
  account?: string | undefined;
  readonly policies: Map<string, EstatePolicy>;
  readonly users: EstateUser[];
  readonly groups: EstateGroup[];
  readonly roles: EstateRole[];
  readonly resources: EstateResource[];
  readonly scpLevels: EstateScpLevel[];
  readonly unresolved: Unresolved[];
  readonly notes: Note[];
  /** Input that could not be read at all (a malformed file, an unknown format version): import exits 3. */
  readonly errors: Note[];
  /** What the reader read: resource types or list names with counts, for the import report. */
  readonly read: Map<string, number>;
}

export type SourceKind = 'terraform' | 'aws-account' | 'cloudformation';
export const SOURCE_KINDS: readonly SourceKind[] = ['terraform', 'aws-account', 'cloudformation'];

export function emptyEstate(kind: SourceKind, inputs: string[]): Estate {
  return { kind, inputs, policies: new Map(), users: [], groups: [], roles: [], resources: [], scpLevels: [], unresolved: [], notes: [], errors: [], read: new Map() };
}

export function countRead(estate: Estate, what: string): void {
  estate.read.set(what, (estate.read.get(what) ?? 0) + 1);
}

/** A stable, pure 32-bit FNV-1a hash as 8 hex digits: placeholders stay the same from one run to the next. */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A placeholder broker/configuration id for a resource whose id is unknown until apply; valid in an ARN. */
export function placeholderId(kind: 'broker' | 'configuration', address: string): string {
  const h = stableHash(address);
  const h2 = stableHash(`${address}#2`);
  return `${kind === 'broker' ? 'b' : 'c'}-${h}-0000-4000-8000-${h2}0000`;
}


/** Options every reader understands. */
export interface SourceOptions {
  readonly account?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly parameters?: ReadonlyMap<string, string>;
  readonly managed: ManagedPolicyLookup;
}
