import type { AuthorizationResult, ContextValue, Policy, Request } from '../model';
import { authorize, type PolicySet } from '../engine';
import { parseRequest } from '../parse';
import type { PolicyStore, StoredPrincipal } from '../load/store-types';
import { resourceArn, resourceLabel, type Call } from './call';
import { HarnessInputError } from './harness-error';
import { requestContext } from './request-context';
import type { ScenarioSettings } from './scenario-settings';
import { CREATE_BROKER_EC2_NEEDS, extraAuthorizations, findOperation } from './operations';
import { DEFAULT_REGION } from './scenario-settings';

/** One authorization the harness asked the engine for, with everything needed to explain and record it. */
export interface Evaluation {
  readonly principal: StoredPrincipal;
  readonly call: Call;
  readonly request: Request;
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly policies: PolicySet;
  readonly result: AuthorizationResult;
}

function policy(store: PolicyStore, name: string, settings: ScenarioSettings): Policy {
  const actual = settings.replacements.get(name) ?? name;
  const p = store.policies.get(actual);
  // INVARIANT: the store validated every name in principals.yaml, and steps validate replacements.
  if (!p) throw new HarnessInputError(`policy \`${actual}\` is not in the store`);
  return p;
}

/** The policies in force for this principal: identity (user + groups, or role), boundary, SCP levels, session policies. */
export function policySetFor(store: PolicyStore, principal: StoredPrincipal, settings: ScenarioSettings): PolicySet {
  return {
    identity: principal.identityPolicies.map((n) => policy(store, n, settings)),
    ...(principal.boundary !== undefined ? { boundary: [policy(store, principal.boundary, settings)] } : {}),
    ...(store.scpLevels.length > 0 ? { scp: store.scpLevels.map((l) => l.policies) } : {}),
    ...(principal.sessionPolicies.length > 0 ? { session: principal.sessionPolicies.map((n) => policy(store, n, settings)) } : {}),
  };
}

/** Builds the request exactly as AWS would see it and asks the engine, with the full explanation. */
export function evaluate(store: PolicyStore, principal: StoredPrincipal, call: Call, settings: ScenarioSettings): Evaluation {
  const context = requestContext(principal, call, settings);
  const parsed = parseRequest({ principal: principal.arn, action: call.action, resource: resourceArn(call.resource), context });
  if ('problems' in parsed) {
    const p = parsed.problems[0]!;
    throw new HarnessInputError(`cannot ask for \`${call.action}\` on \`${resourceLabel(call.resource)}\`: ${p.message}${p.help !== undefined ? ` (${p.help})` : ''}`);
  }
  const policies = policySetFor(store, principal, settings);
  return { principal, call, request: parsed.request, context, policies, result: authorize(parsed.request, policies, { explain: true }) };
}

/** The broker a CreateBroker request creates: its name and ID are the request's, not in the inventory. */
const NEW_BROKER_NAME = 'new-broker';
const NEW_BROKER_ID = 'b-00000000-0000-4000-8000-000000000000';

/**
 * CreateBroker as one operation: `mq:CreateBroker` on `*` with the request's tags, the authorizations the
 * Service Authorization Reference lists for the operation (mq:CreateTags when the request carries tags; the
 * resource it is checked on is not documented, so the harness asks on `*`, which only a `"Resource": "*"`
 * grant matches), then the EC2 authorizations Amazon MQ uses on the caller's behalf (catalog §6). Whether
 * those EC2 calls carry aws:ViaAWSService or aws:CalledVia is not documented for Amazon MQ, so they get the
 * caller's context. No scenario passes a role yet, so iam:PassRole is not asked.
 */
export function createBrokerCalls(store: PolicyStore, region: string | undefined, requestTags: Readonly<Record<string, string>> | undefined): Call[] {
  const r = region ?? DEFAULT_REGION;
  const eni = `arn:aws:ec2:${r}:${store.account}:network-interface/eni-0a1b2c3d4e5f60718`;
  const op = findOperation('CreateBroker')!;
  const newBroker = `arn:aws:mq:${r}:${store.account}:broker:${NEW_BROKER_NAME}:${NEW_BROKER_ID}`;
  const tagged = requestTags !== undefined && Object.keys(requestTags).length > 0;
  return [
    { action: op.action, resource: '*', ...(requestTags ? { requestTags } : {}) },
    ...extraAuthorizations(op, { tagged, rolePassed: false }).map((a): Call => ({ action: a.action, resource: { kind: 'arn', arn: newBroker }, ...(requestTags ? { requestTags } : {}), ...(a.context ? { serviceContext: a.context } : {}) })),
    ...CREATE_BROKER_EC2_NEEDS.map((n): Call => ({ action: n.action, resource: n.resource === '*' ? '*' : { kind: 'arn', arn: eni }, ...(n.context ? { serviceContext: n.context } : {}) })),
  ];
}

/** The evaluation that decides an operation made of several authorizations: the first that is not allowed, else the first. */
export function decisive(evaluations: readonly Evaluation[]): Evaluation {
  return evaluations.find((e) => e.result.kind !== 'decision' || e.result.decision !== 'Allowed') ?? evaluations[0]!;
}
