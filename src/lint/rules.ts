import type { DiagnosticCode } from '../model';
import type { Severity } from './finding';

export interface RuleInfo {
  readonly severity: Severity;
  /** What the rule detects, for SARIF rule descriptions and `--format json`. */
  readonly summary: string;
}

/** Grammar and reading problems come from the parser; the linter reports them as errors under the parser's codes. */
const PARSER_RULES: Record<DiagnosticCode, string> = {
  'malformed-json': 'the file is not valid JSON',
  'malformed-yaml': 'the file is not valid YAML',
  'duplicate-key': 'a key is written twice in one object',
  'nesting-too-deep': 'objects and arrays nested deeper than any policy needs (the reader stops there)',
  'invalid-utf8': 'bytes that are not UTF-8 (never replaced or guessed at)',
  'yaml-too-many-aliases': 'YAML aliases that expand too often (an alias bomb)',
  'yaml-merge-key': 'YAML merge key `<<`, which YAML 1.2 does not define',
  'not-an-object': 'the document is not an object',
  'unknown-element': 'unknown policy or statement element',
  'element-case': 'element name spelled in the wrong letter case',
  'missing-statement': 'the policy has no Statement',
  'empty-statement': 'Statement is empty',
  'invalid-version': 'Version is not 2012-10-17 or 2008-10-17',
  'id-in-identity-policy': 'Id in a policy kind that does not allow it',
  'principal-in-identity-policy': 'Principal or NotPrincipal in an identity-based policy',
  'invalid-sid': 'Sid is not letters and digits',
  'duplicate-sid': 'two statements share a Sid',
  'missing-effect': 'statement without Effect',
  'invalid-effect': 'Effect is not Allow or Deny',
  'action-and-notaction': 'statement with both Action and NotAction',
  'missing-action': 'statement without Action or NotAction',
  'resource-and-notresource': 'statement with both Resource and NotResource',
  'missing-resource': 'statement without Resource or NotResource',
  'invalid-type': 'element of the wrong JSON type',
  'empty-array': 'empty array where values are required',
  'invalid-action': 'malformed action name',
  'invalid-resource': 'malformed resource ARN',
  'invalid-condition': 'malformed Condition block',
  'unknown-condition-operator': 'unknown condition operator',
  'invalid-condition-value': 'condition value of the wrong type for its operator',
  'invalid-policy-variable': 'malformed policy variable',
  'unsupported-variable-position': 'policy variable where IAM does not allow one',
};

/** Checks of the linter itself. */
const LINT_RULES = {
  'unknown-action': { severity: 'error', summary: 'action that does not exist: it matches nothing, so a Deny naming it protects nothing' },
  'unknown-service': { severity: 'error', summary: 'service prefix that does not exist' },
  'action-wildcard-matches-nothing': { severity: 'error', summary: 'action wildcard that matches no action of its service' },
  'resource-matches-no-resource-type': { severity: 'error', summary: 'resource ARN that matches no resource type of any listed action' },
  'arn-on-wildcard-only-action': { severity: 'error', summary: 'specific ARN on an action that is authorized only against "*"' },
  'deny-misses-wildcard-only-actions': { severity: 'warning', summary: 'ARN-scoped Deny whose action wildcard covers wildcard-only actions it can never stop' },
  'arn-uppercase': { severity: 'warning', summary: 'upper-case letters in the partition, service, region or account of an ARN' },
  'wildcard-in-resource-type': { severity: 'warning', summary: 'wildcard in the resource-type word of an ARN' },
  'arn-unknown-resource-type': { severity: 'error', summary: 'resource ARN whose resource-type word its service does not have (`brokers`, `ec2:…:broker/…`)' },
  'allow-misses-wildcard-only-actions': { severity: 'warning', summary: 'ARN-scoped Allow whose action wildcard seems to cover wildcard-only actions it never grants' },
  'actions-not-on-these-resources': { severity: 'warning', summary: 'action of a statement that none of its resource ARNs can be (configuration actions on broker ARNs)' },
  'wildcard-spans-arn-segments': { severity: 'suggestion', summary: 'resource ARN that matches only because a segment-ending `*` expands across colons' },
  'condition-key-not-supported': { severity: 'error', summary: 'condition key that none of the statement\'s actions carries: the condition never or always matches' },
  'condition-never-holds-for-action': { severity: 'warning', summary: 'named action that does not carry a condition key the statement requires' },
  'set-operator-on-single-valued-key': { severity: 'warning', summary: 'ForAllValues/ForAnyValue on a single-valued key' },
  'plain-operator-on-multivalued-key': { severity: 'error', summary: 'operator without ForAllValues/ForAnyValue on a multivalued key (undefined in IAM)' },
  'forallvalues-without-null-guard': { severity: 'security-warning', summary: 'ForAllValues in an Allow without a Null guard: passes when the key is missing' },
  'null-inverts-intent': { severity: 'warning', summary: 'Null test whose value grants or denies the opposite of the usual intent' },
  'ifexists-in-allow': { severity: 'warning', summary: '…IfExists in an Allow: allows when the key is absent' },
  'allow-all-mq': { severity: 'security-warning', summary: 'Allow of every Amazon MQ action on every resource without a condition' },
  'notaction-in-allow': { severity: 'security-warning', summary: 'NotAction in an Allow grants every other action of every service' },
  'tag-deny-dodgeable': { severity: 'security-warning', summary: 'tag-based Deny a principal can escape by removing or changing the tag' },
  'case-sensitive-tag-match': { severity: 'security-warning', summary: 'case-sensitive operator on a tag value or aws:TagKeys: another spelling of the tag escapes it' },
  'role-trust-policy': { severity: 'warning', summary: 'role trust policy: not part of Amazon MQ decisions, lint it with the role' },
  'foranyvalue-audience-in-allow': { severity: 'security-warning', summary: 'ForAnyValue on sts:IdentityTokenAudience in an Allow: a token may also name audiences the policy never allowed' },
  'resource-based-policy-not-supported': { severity: 'error', summary: 'resource-based policy: Amazon MQ does not support them' },
  'create-broker-missing-ec2': { severity: 'warning', summary: 'mq:CreateBroker allowed without the EC2 permissions broker creation needs' },
  'create-broker-missing-tagging': { severity: 'warning', summary: 'tagged mq:CreateBroker allowed without mq:CreateTags, which a tagged CreateBroker also authorizes' },
  'create-broker-missing-authorized-service-guard': { severity: 'suggestion', summary: 'EC2 network-interface permission not limited to ec2:AuthorizedService = mq.amazonaws.com' },
  'policy-held-by-no-principal': { severity: 'suggestion', summary: 'policy no principal of principals.yaml holds: none of its statements decides any request' },
  'statement-never-decides': { severity: 'warning', summary: 'statement that applies to no request of any principal holding it, over every request class (a Deny that protects nothing, an Allow that grants nothing)' },
  'statement-redundant': { severity: 'suggestion', summary: 'statement whose removal changes no decision of any principal holding it, over every request class' },
  'statement-shadowed': { severity: 'warning', summary: 'Allow whose every request is denied anyway by a named Deny or guardrail, over every request class' },
  'principal-over-permissive': { severity: 'warning', summary: 'action a principal is allowed on every resource of its account in every context: no Resource, Condition, Deny or guardrail limits it (a suggestion when every such action is List or Read)' },
  'invalid-waiver': { severity: 'error', summary: 'waiver entry without code, file, owner, reason or a valid expiry date' },
  'waiver-expired': { severity: 'error', summary: 'waiver past its expiry date' },
  'unused-waiver': { severity: 'warning', summary: 'waiver that matches no finding' },
} as const satisfies Record<string, RuleInfo>;

export type LintCode = keyof typeof LINT_RULES;

export const RULES: Readonly<Record<string, RuleInfo>> = {
  ...Object.fromEntries(Object.entries(PARSER_RULES).map(([code, summary]) => [code, { severity: 'error' as const, summary }])),
  ...LINT_RULES,
};
