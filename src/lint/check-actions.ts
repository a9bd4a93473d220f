import { actionsOfService, closest, findAction, isKnownService, suggestAction, suggestService } from '../catalog';
import { actionsMatching } from './actions';
import { elementPointer, type DocumentContext } from './context';

/** Unknown actions and service prefixes, and wildcards that match nothing: AWS accepts them, and they silently match nothing (A4). */
export function checkActions(ctx: DocumentContext): void {
  for (const st of ctx.policy.statements) {
    const element = st.action.negated ? 'NotAction' : 'Action';
    const consequence = st.action.negated
      ? `\`${element}\` then excludes nothing for it`
      : st.effect === 'Deny'
        ? 'this Deny protects nothing for it'
        : 'this Allow grants nothing for it';
    st.action.patterns.forEach((pattern, j) => {
      if (pattern === '*') return;
      const pointer = elementPointer(ctx, st, 'action', j);
      const service = pattern.slice(0, pattern.indexOf(':'));
      if (!isKnownService(service)) {
        const suggestion = serviceSuggestion(pattern, service);
        ctx.report('unknown-service', `\`${pattern}\`: there is no service with prefix \`${service}\`, so ${consequence}`, suggestion ?? 'check the service prefix in the AWS Service Authorization Reference', pointer, st);
        return;
      }
      if (/[*?]/.test(pattern)) {
        const hits = actionsMatching(pattern);
        if (hits !== 'any' && hits.length === 0) {
          ctx.report('action-wildcard-matches-nothing', `\`${pattern}\` matches no action of \`${service.toLowerCase()}\`, so ${consequence}`, `fix the wildcard; \`${service.toLowerCase()}:*\` matches every action of the service`, pointer, st);
        }
        return;
      }
      if (!findAction(pattern)) {
        const suggestion = suggestAction(pattern);
        ctx.report('unknown-action', `\`${pattern}\` is not an action of \`${service.toLowerCase()}\`, so ${consequence}`, suggestion !== undefined ? `did you mean \`${suggestion}\`?` : `use an action of \`${service.toLowerCase()}\` listed in the catalog`, pointer, st);
      }
    });
  }
}

/** "did you mean", by meaning before spelling: `docdb:DescribeDBClusters` → `rds:DescribeDBClusters`. */
function serviceSuggestion(pattern: string, service: string): string | undefined {
  const meant = suggestService(service);
  const name = pattern.slice(pattern.indexOf(':') + 1);
  if (meant?.why !== undefined) {
    const action = /[*?]/.test(name) ? `${meant.prefix}:${name}` : actionsOfService(meant.prefix).find((n) => n.toLowerCase() === name.toLowerCase()) ?? closest(name, actionsOfService(meant.prefix));
    const shown = action === undefined ? `${meant.prefix}:…` : action.includes(':') ? action : `${meant.prefix}:${action}`;
    return `did you mean \`${shown}\`? ${meant.why}`;
  }
  const spelt = suggestAction(pattern) ?? (meant !== undefined ? `${meant.prefix}:…` : undefined);
  return spelt !== undefined ? `did you mean \`${spelt}\`?` : undefined;
}
