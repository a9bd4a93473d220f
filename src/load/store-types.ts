import type { Policy, SourceRef } from '../model';

/**
 * A problem in the policy store: a policy diagnostic, or a principal/inventory entry that names
 * something that does not exist. Same shape as a policy Diagnostic, with store-specific codes.
 */
export interface StoreDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly help?: string;
  readonly source: SourceRef;
}

export type Tags = Readonly<Record<string, string>>;

/** A caller scenarios can name: an IAM user, or a session of an assumed role. */
export interface StoredPrincipal {
  /** Name in principals.yaml and in scenarios (`operator`). */
  readonly name: string;
  readonly type: 'user' | 'session';
  /** The ARN the request is made as (for a session, the assumed-role ARN without the role path). */
  readonly arn: string;
  /** `aws:PrincipalArn`: the user ARN, or the role ARN (with its path) for a session. */
  readonly principalArn: string;
  readonly account: string;
  readonly userId: string;
  /** IAM user name; absent for sessions. */
  readonly userName?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  /** Principal tags as AWS evaluates them (session tags already replace role tags). */
  readonly tags: Tags;
  /** Identity policies in force: the user's own and its groups', or the role's. */
  readonly identityPolicies: readonly string[];
  readonly boundary?: string;
  readonly sessionPolicies: readonly string[];
  /** Temporary credentials (sessions) carry aws:MultiFactorAuthPresent and aws:TokenIssueTime. */
  readonly temporaryCredentials: boolean;
  readonly mfa: boolean;
  readonly sourceIp: string;
  /** The IAM groups of a user (principals.yaml `groups`), for "the members of group <g>"; empty for sessions. */
  readonly groups?: readonly string[];
  readonly source: SourceRef;
}

/**
 * A role of principals.yaml. Roles never call anything themselves; a scenario assumes one as a session
 * ("Given the role Operator assumed as session ci-1") or asks about "the roles" (each assumed plainly).
 */
export interface StoredRole {
  readonly name: string;
  readonly path: string;
  readonly roleId: string;
  /** `arn:aws:iam::<account>:role<path><name>`: aws:PrincipalArn of its sessions. */
  readonly arn: string;
  readonly policies: readonly string[];
  readonly boundary?: string;
  readonly tags: Tags;
  readonly source: SourceRef;
}

export interface StoredResource {
  readonly name: string;
  readonly kind: 'broker' | 'configuration';
  readonly id: string;
  readonly region: string;
  readonly account: string;
  readonly tags: Tags;
  readonly arn: string;
  /**
   * Amazon MQ for RabbitMQ with IAM authentication: the JWT audience the broker accepts. Clients obtain such a
   * token with sts:GetWebIdentityToken, whose only resource is `*`, so IAM scopes "a token for this broker" by
   * `sts:IdentityTokenAudience`, never by the broker's ARN.
   */
  readonly tokenAudience?: string;
  readonly source: SourceRef;
}

/** Everything under policies/, validated. Loaded once per run and never mutated. */
export interface PolicyStore {
  readonly root: string;
  readonly account: string;
  /** Every policy by name (file base name); names are unique across the store. */
  readonly policies: ReadonlyMap<string, Policy>;
  /** SCP levels, root first, each with its folder name (`0-root`). */
  readonly scpLevels: readonly { readonly name: string; readonly policies: readonly Policy[] }[];
  readonly principals: ReadonlyMap<string, StoredPrincipal>;
  /** Roles by name (absent from stores built by sources that know no roles). */
  readonly roles?: ReadonlyMap<string, StoredRole>;
  /** principals.yaml `sourceIp`: where calls come from unless a principal or scenario says otherwise. */
  readonly sourceIp?: string;
  /** Group names of principals.yaml, so a scenario can name a group no user is in yet. */
  readonly groups?: readonly string[];
  readonly resources: ReadonlyMap<string, StoredResource>;
}

export interface StoreLoadResult {
  /** Present when no diagnostic is an error. */
  readonly store?: PolicyStore;
  readonly diagnostics: readonly StoreDiagnostic[];
}
