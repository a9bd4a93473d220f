/**
 * Deterministic workloads for the benchmarks: a fixed store of five policies (twenty statements,
 * conditions of every operator family) and varied Amazon MQ requests. A seeded generator keeps
 * every run comparable.
 */
import { catalogData } from '../src/catalog';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MQ_ACTIONS = Object.keys(catalogData.services.mq!.actions);
const WILDCARD_ONLY = new Set(MQ_ACTIONS.filter((a) => catalogData.services.mq!.actions[a]!.resourceTypes.length === 0));
const CONFIG_ACTIONS = new Set(MQ_ACTIONS.filter((a) => catalogData.services.mq!.actions[a]!.resourceTypes.every((t) => t.name === 'configurations')));

/** The fixed store of workload 1: identity, boundary, two SCP levels, session. */
export function fixedStore(): Record<string, unknown> {
  const doc = (statements: unknown[]): unknown => ({ Version: '2012-10-17', Statement: statements });
  return {
    identity: [
      doc([
        { Sid: 'ReadAll', Effect: 'Allow', Action: ['mq:Describe*', 'mq:List*'], Resource: '*' },
        { Sid: 'OperateTeam', Effect: 'Allow', Action: ['mq:RebootBroker', 'mq:UpdateBroker', 'mq:*User'], Resource: 'arn:aws:mq:*:111122223333:broker:*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
        { Sid: 'CreateTagged', Effect: 'Allow', Action: ['mq:CreateBroker', 'mq:CreateConfiguration', 'mq:CreateTags'], Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'environment', 'owner'] }, Null: { 'aws:TagKeys': 'false' } } },
        { Sid: 'DenyProd', Effect: 'Deny', Action: ['mq:DeleteBroker', 'mq:RebootBroker', 'mq:DeleteTags'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/environment': 'production' } } },
        { Sid: 'Configs', Effect: 'Allow', Action: 'mq:*Configuration*', Resource: 'arn:aws:mq:eu-west-1:111122223333:configuration:*' },
      ]),
      doc([
        { Sid: 'MfaForWrites', Effect: 'Deny', NotAction: ['mq:Describe*', 'mq:List*'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
        { Sid: 'OfficeOnly', Effect: 'Deny', Action: 'mq:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } } },
        { Sid: 'BusinessHours', Effect: 'Allow', Action: 'mq:DeleteBroker', Resource: 'arn:aws:mq:*:*:broker:dev-*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } } },
        { Sid: 'Sessions', Effect: 'Allow', Action: 'mq:Promote', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } },
      ]),
    ],
    boundary: [
      doc([
        { Sid: 'BoundMq', Effect: 'Allow', Action: 'mq:*', Resource: '*' },
        { Sid: 'NoDeleteOutsideDev', Effect: 'Deny', Action: 'mq:Delete*', NotResource: 'arn:aws:mq:*:*:broker:dev-*' },
        { Sid: 'OwnPrincipals', Effect: 'Deny', Action: 'mq:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:user/*', 'arn:aws:iam::111122223333:role/*'] } } },
        { Sid: 'TlsOnly', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
    ],
    scp: [
      [doc([{ Sid: 'FullAccess', Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'RegionLock', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } }])],
      [doc([
        { Sid: 'WorkloadMq', Effect: 'Allow', Action: ['mq:*', 'ec2:*'], Resource: '*' },
        { Sid: 'ProtectTags', Effect: 'Deny', Action: 'mq:CreateTags', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['aws:*', 'protected-*'] } } },
        { Sid: 'NoUserAgentX', Effect: 'Deny', Action: 'mq:*', Resource: '*', Condition: { StringLikeIfExists: { 'aws:UserAgent': '*attack*' }, StringEqualsIgnoreCase: { 'aws:PrincipalTag/blocked': 'YES' } } },
      ])],
    ],
    session: [doc([{ Sid: 'SessionScope', Effect: 'Allow', Action: 'mq:*', Resource: '*' }, { Sid: 'NoBinary', Effect: 'Deny', Action: 'mq:*', Resource: '*', Condition: { BinaryEquals: { 'test:Blob': 'QUJD' } } }, { Sid: 'NullCheck', Effect: 'Deny', Action: 'mq:CreateBroker', Resource: '*', Condition: { Null: { 'aws:RequestTag/team': 'true' } } }])],
  };
}

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1'];
const ENVS = ['production', 'staging', 'dev'];
const TEAMS = ['orders', 'payments', 'search'];

/** A varied request against the fixed store: action, resource, tags, MFA, source address, time. */
export function randomRequest(rand: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const action = pick(MQ_ACTIONS);
  const region = pick(REGIONS);
  const env = pick(ENVS);
  const team = pick(TEAMS);
  const resource = WILDCARD_ONLY.has(action)
    ? '*'
    : CONFIG_ACTIONS.has(action)
      ? `arn:aws:mq:${region}:111122223333:configuration:c-${Math.floor(rand() * 1e6)}`
      : `arn:aws:mq:${region}:111122223333:broker:${env === 'dev' ? 'dev' : env}-${team}:b-${Math.floor(rand() * 1e6)}`;
  const context: Record<string, unknown> = {
    'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Operator',
    'aws:PrincipalTag/team': pick(TEAMS),
    'aws:RequestedRegion': region,
    'aws:SecureTransport': rand() < 0.95 ? 'true' : 'false',
    'aws:SourceIp': rand() < 0.8 ? `203.0.113.${Math.floor(rand() * 255)}` : `198.51.100.${Math.floor(rand() * 255)}`,
    'aws:CurrentTime': '2026-11-30T12:00:00Z',
    'aws:userid': 'AROAEXAMPLE:alice',
    'test:Blob': rand() < 0.5 ? 'QUJD' : 'REVG',
  };
  if (rand() < 0.7) context['aws:MultiFactorAuthPresent'] = rand() < 0.9 ? 'true' : 'false';
  if (rand() < 0.3) context['aws:MultiFactorAuthAge'] = String(Math.floor(rand() * 7200));
  if (resource !== '*') {
    context['aws:ResourceTag/environment'] = env;
    context['aws:ResourceTag/team'] = team;
  }
  if (action === 'CreateBroker' || action === 'CreateConfiguration' || action === 'CreateTags') {
    const keys = ['team', 'environment', rand() < 0.2 ? 'protected-x' : 'owner'].slice(0, 1 + Math.floor(rand() * 3));
    context['aws:TagKeys'] = keys;
    for (const k of keys) context[`aws:RequestTag/${k}`] = pick(TEAMS);
  }
  return { principal: 'arn:aws:sts::111122223333:assumed-role/Operator/alice', action: `mq:${action}`, resource, context };
}

/** A small policy of its own for each simulate case (workload 2): one to three statements. */
export function randomCase(rand: () => number, id: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const statements: unknown[] = [{ Effect: 'Allow', Action: pick(['mq:*', 'mq:Describe*', `mq:${pick(MQ_ACTIONS)}`]), Resource: pick(['*', 'arn:aws:mq:*:111122223333:broker:*', `arn:aws:mq:eu-west-1:111122223333:broker:${pick(ENVS)}-*`]) }];
  if (rand() < 0.6) statements.push({ Effect: 'Deny', Action: [`mq:${pick(MQ_ACTIONS)}`, `mq:${pick(MQ_ACTIONS)}`], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/environment': pick(ENVS) } } });
  if (rand() < 0.3) statements.push({ Effect: 'Allow', Action: 'mq:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Bool: { 'aws:SecureTransport': 'true' } } });
  const request = randomRequest(rand);
  return { id: `case-${id}`, policies: { identity: [{ Version: '2012-10-17', Statement: statements }] }, request };
}

/**
 * Workload 2a: a case with policies of its own, 1–3 documents of 1–4 statements each, drawing
 * conditions from every operator family (string, numeric, date, bool, binary, IP, ARN, Null, with
 * IfExists and the set qualifiers), about 2 KB a line.
 */
export function randomOwnPoliciesCase(rand: () => number, id: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const conditions: (() => Record<string, Record<string, unknown>>)[] = [
    () => ({ [pick(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringLike', 'StringNotLikeIfExists'])]: { 'aws:ResourceTag/environment': pick([...ENVS, 'prod*']) } }),
    () => ({ StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } }),
    () => ({ [pick(['NumericLessThan', 'NumericGreaterThanEquals', 'NumericLessThanIfExists'])]: { 'aws:MultiFactorAuthAge': String(Math.floor(rand() * 7200)) } }),
    () => ({ [pick(['DateGreaterThan', 'DateLessThan'])]: { 'aws:CurrentTime': pick(['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z']) } }),
    () => ({ [pick(['Bool', 'BoolIfExists'])]: { [pick(['aws:SecureTransport', 'aws:MultiFactorAuthPresent'])]: pick(['true', 'false']) } }),
    () => ({ BinaryEquals: { 'test:Blob': pick(['QUJD', 'REVG']) } }),
    () => ({ [pick(['IpAddress', 'NotIpAddress'])]: { 'aws:SourceIp': pick([['203.0.113.0/24'], ['198.51.100.0/24', '2001:db8::/32']]) } }),
    () => ({ [pick(['ArnLike', 'ArnNotEquals'])]: { 'aws:PrincipalArn': pick(['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:user/alice']) } }),
    () => ({ Null: { [pick(['aws:TagKeys', 'aws:RequestTag/team', 'aws:MultiFactorAuthAge'])]: pick(['true', 'false']) } }),
    () => ({ [pick(['ForAllValues:StringEquals', 'ForAnyValue:StringLike'])]: { 'aws:TagKeys': pick([['team', 'environment', 'owner'], ['protected-*']]) } }),
  ];
  const resources = ['*', 'arn:aws:mq:*:111122223333:broker:*', `arn:aws:mq:eu-west-1:111122223333:broker:${pick(ENVS)}-*`, 'arn:aws:mq:*:111122223333:configuration:*'];
  const statement = (i: number): Record<string, unknown> => {
    const s: Record<string, unknown> = { Sid: `S${i}`, Effect: rand() < 0.7 ? 'Allow' : 'Deny' };
    if (rand() < 0.15) s.NotAction = [`mq:${pick(MQ_ACTIONS)}`, 'mq:Describe*'];
    else s.Action = rand() < 0.5 ? pick(['mq:*', 'mq:Describe*', 'mq:List*', 'mq:*Broker']) : [`mq:${pick(MQ_ACTIONS)}`, `mq:${pick(MQ_ACTIONS)}`, `mq:${pick(MQ_ACTIONS)}`];
    if (rand() < 0.1) s.NotResource = pick(resources.slice(1));
    else s.Resource = rand() < 0.5 ? pick(resources) : [pick(resources), pick(resources)];
    const n = Math.floor(rand() * 3);
    if (n > 0) {
      const condition: Record<string, Record<string, unknown>> = {};
      for (let k = 0; k < n; k++) for (const [op, body] of Object.entries(pick(conditions)())) condition[op] = { ...condition[op], ...body };
      s.Condition = condition;
    }
    return s;
  };
  const document = (): unknown => ({ Version: '2012-10-17', Statement: Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, i) => statement(i)) });
  const documents = (): unknown[] => Array.from({ length: 1 + Math.floor(rand() * 3) }, document);
  const policies: Record<string, unknown> = { identity: documents() };
  if (rand() < 0.3) policies.boundary = [document()];
  if (rand() < 0.3) policies.scp = [[{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }], [document()]];
  return { id: `own-${id}`, policies, request: randomRequest(rand) };
}
