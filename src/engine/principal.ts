/** What kind of caller a principal ARN names; it changes which layers apply (reference E3b–E3d, §9). */
export type PrincipalKind = 'user' | 'role' | 'role-session' | 'federated-user' | 'root' | 'service-linked-role';

export function principalKind(arn: string): PrincipalKind | undefined {
  const m = /^arn:[a-z-]+:(iam|sts)::(\d{12}):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, service, , rest] = m as unknown as [string, string, string, string];
  if (service === 'iam') {
    if (rest === 'root') return 'root';
    if (rest.startsWith('user/')) return 'user';
    if (rest.startsWith('role/aws-service-role/')) return 'service-linked-role';
    if (rest.startsWith('role/')) return 'role';
    return undefined;
  }
  if (rest.startsWith('assumed-role/')) {
    const role = rest.split('/')[1] ?? '';
    // Assumed-role ARNs drop the role path; service-linked roles are always named AWSServiceRoleFor….
    return role.startsWith('AWSServiceRoleFor') ? 'service-linked-role' : 'role-session';
  }
  if (rest.startsWith('federated-user/')) return 'federated-user';
  return undefined;
}
