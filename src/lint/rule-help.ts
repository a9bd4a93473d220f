import type { Severity } from './finding';

/** Where AWS documents what a rule checks, for SARIF `helpUri` and `--format json`. */
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';
const GRAMMAR = `${IAM}/reference_policies_grammar.html`;
const ACTIONS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmq.html';
const RESOURCE = `${IAM}/reference_policies_elements_resource.html`;
const ARNS = `${IAM}/reference-arns.html`;
const CONDITION_OPERATORS = `${IAM}/reference_policies_elements_condition_operators.html`;
const MULTIVALUED = `${IAM}/reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const TAGS = `${IAM}/access_tags.html`;
const MQ_IAM = 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-api-authentication-authorization.html';
const OUTBOUND = `${IAM}/id_roles_providers_outbound_policies.html`;
const TRUST = `${IAM}/id_roles_terms-and-concepts.html`;
const EVALUATION = `${IAM}/reference_policies_evaluation-logic.html`;
const SARIF_SUPPRESSIONS = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html';

const HELP_URI: Readonly<Record<string, string>> = {
  'unknown-action': ACTIONS,
  'unknown-service': `${IAM}/reference_policies_actions-resources-contextkeys.html`,
  'action-wildcard-matches-nothing': ACTIONS,
  'resource-matches-no-resource-type': ACTIONS,
  'arn-unknown-resource-type': ARNS,
  'arn-on-wildcard-only-action': ACTIONS,
  'deny-misses-wildcard-only-actions': ACTIONS,
  'allow-misses-wildcard-only-actions': ACTIONS,
  'actions-not-on-these-resources': ACTIONS,
  'arn-uppercase': ARNS,
  'wildcard-in-resource-type': RESOURCE,
  'condition-key-not-supported': ACTIONS,
  'condition-never-holds-for-action': ACTIONS,
  'set-operator-on-single-valued-key': MULTIVALUED,
  'plain-operator-on-multivalued-key': MULTIVALUED,
  'forallvalues-without-null-guard': MULTIVALUED,
  'null-inverts-intent': CONDITION_OPERATORS,
  'ifexists-in-allow': CONDITION_OPERATORS,
  'allow-all-mq': MQ_IAM,
  'notaction-in-allow': `${IAM}/reference_policies_elements_notaction.html`,
  'tag-deny-dodgeable': TAGS,
  'case-sensitive-tag-match': TAGS,
  'resource-based-policy-not-supported': MQ_IAM,
  'role-trust-policy': TRUST,
  'foranyvalue-audience-in-allow': OUTBOUND,
  'create-broker-missing-ec2': `${MQ_IAM}#security-permissions-required-to-create-broker`,
  'create-broker-missing-tagging': `${ACTIONS.replace('list_amazonmq.html', 'list_amazonmq.html#list_amazonmq-operations')}`,
  'create-broker-missing-authorized-service-guard': `${MQ_IAM}#security-permissions-required-to-create-broker`,
  'policy-held-by-no-principal': `${IAM}/access_policies_manage-attach-detach.html`,
  'statement-never-decides': EVALUATION,
  'statement-redundant': `${IAM}/access-analyzer-reference-policy-checks.html`,
  'statement-shadowed': EVALUATION,
  'principal-over-permissive': `${IAM}/best-practices.html#grant-least-privilege`,
  'invalid-waiver': SARIF_SUPPRESSIONS,
  'waiver-expired': SARIF_SUPPRESSIONS,
  'unused-waiver': SARIF_SUPPRESSIONS,
};

/**
 * GitHub code scanning ranks security results by `security-severity` (0.0–10.0: 7.0+ high, 4.0+ medium).
 * Rules whose finding lets a policy grant more, or deny less, than it reads: how much more, roughly.
 */
const SECURITY_SEVERITY: Readonly<Record<string, string>> = {
  'allow-all-mq': '8.0',
  'notaction-in-allow': '8.5',
  'tag-deny-dodgeable': '7.5',
  'case-sensitive-tag-match': '7.0',
  'forallvalues-without-null-guard': '7.0',
  'foranyvalue-audience-in-allow': '7.0',
  'unknown-action': '6.0',
  'deny-misses-wildcard-only-actions': '6.0',
  'ifexists-in-allow': '5.0',
  'null-inverts-intent': '5.0',
  'create-broker-missing-authorized-service-guard': '4.0',
  'principal-over-permissive': '5.0',
};

/** Rules whose findings come from the analysis over every request class, not from one document. */
const FROM_ANALYSIS = new Set(['policy-held-by-no-principal', 'statement-never-decides', 'statement-redundant', 'statement-shadowed', 'principal-over-permissive']);
const ANALYSIS_NOTE =
  ' Found over every request class of every principal that holds the statement, as `mq-policy analyze` judges it (only when the whole store loads; linting files outside a store skips it and says so). A finding that rests on a class that is not exact says "approximate" and why.';

export interface RuleHelp {
  readonly uri: string;
  readonly text: string;
  readonly securitySeverity?: string;
}

/** Help for every rule: its own AWS page, else the policy grammar (parser codes and rules added later). */
export function ruleHelp(code: string, summary: string, severity: Severity): RuleHelp {
  const uri = HELP_URI[code] ?? GRAMMAR;
  const securitySeverity = SECURITY_SEVERITY[code] ?? (severity === 'security-warning' ? '7.0' : undefined);
  const note = FROM_ANALYSIS.has(code) ? ANALYSIS_NOTE : '';
  return { uri, text: `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.${note} Each finding says where and how to fix it; AWS documents the rule at ${uri}.`, ...(securitySeverity !== undefined ? { securitySeverity } : {}) };
}
